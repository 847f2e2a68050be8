// JSON to readable text: `path: value` lines (nested keys dotted, array items indexed), and a
// top-level array of records becomes one block per record, separated by blank lines, so each
// record can be retrieved on its own. Nulls and empty containers say nothing and are left out.

import { ParseError } from "./parse-error";
import { decodeText } from "./txt";

// Deeper documents are machine dumps, not knowledge; the limit also keeps recursion off the edge of
// the stack.
const MAX_DEPTH = 64;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function parseJson(bytes: Uint8Array): string {
  let value: Json;
  try {
    value = JSON.parse(decodeText(bytes));
  } catch (error) {
    throw new ParseError(`The JSON file is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return renderJson(value);
}

export function renderJson(value: Json): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => (isContainer(item) ? lines(item, "", 1).join("\n") : scalar(item)))
      .filter((block) => block !== "")
      .join("\n\n");
  }
  return isContainer(value) ? lines(value, "", 0).join("\n") : scalar(value);
}

function lines(value: Json, path: string, depth: number): string[] {
  if (depth > MAX_DEPTH) throw new ParseError(`The JSON file is nested more than ${MAX_DEPTH} levels deep.`);
  if (!isContainer(value)) {
    const text = scalar(value);
    return text === "" ? [] : [path ? `${path}: ${text}` : text];
  }
  if (Array.isArray(value) && value.length > 0 && !value.some(isContainer)) {
    const items = value.map(scalar).filter((item) => item !== "");
    return items.length === 0 ? [] : [`${path || "items"}: ${items.join(", ")}`];
  }
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((item, i) => [`${path}[${i}]`, item])
    : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item]);
  return entries.flatMap(([itemPath, item]) => lines(item, itemPath, depth + 1));
}

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === "object" && value !== null;
}

function scalar(value: Json): string {
  return value === null ? "" : String(value);
}
