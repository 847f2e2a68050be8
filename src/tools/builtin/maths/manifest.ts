// Dify's `maths` provider: one tool evaluating math expressions (units, matrices, functions).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { evalExpression } from "./eval-expression";

export const mathsProvider: BuiltinProvider = {
  name: "maths",
  label: "Maths",
  description: "A calculator for math expressions: arithmetic, functions, units, matrices and statistics.",
  icon: { type: "emoji", content: "🧮", background: "#FEF3C7" },
  tools: [
    defineTool(
      {
        name: "eval_expression",
        label: "Evaluate Expression",
        description:
          'Evaluate a math expression, such as "(2 + 3) * 4", "sqrt(16) + 2^10", "12 cm to inch", "det([1, 2; 3, 4])" or "mean(1, 2, 3)". Several statements may be separated by ";".',
        parameters: [param("expression", "string", "The math expression to evaluate (mathjs syntax).")],
      },
      evalExpression,
    ),
  ],
};
