import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { evaluateExpression } from "./limited-math";

export const evalExpression: BuiltinHandler = async (_ctx, args) => {
  const expression = args.string("expression");
  let values: string[];
  try {
    values = await evaluateExpression(expression);
  } catch (err) {
    // mathjs says where parsing failed ("Unexpected end of expression (char 4)"); keep its words.
    throw Invalid(`Could not evaluate ${JSON.stringify(expression.slice(0, 200))}: ${err instanceof Error ? err.message : String(err)}`, ["expression"]);
  }
  const text = values.join("\n");
  return { text, json: [{ expression, result: values.length === 1 ? values[0] : values }] };
};
