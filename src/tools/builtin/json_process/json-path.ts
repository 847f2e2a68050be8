// JSON content and JSONPath queries for the json_process tools. jsonpath-plus runs filter
// expressions (`$..book[?(@.price < 10)]`) in its own interpreter ("safe" eval), never with eval.
import { JSONPath } from "jsonpath-plus";
import { Invalid } from "../../../lib/errors";

export interface PathMatch {
  value: unknown;
  /** The object or array holding the value; null for the root. */
  parent: Record<string, unknown> | unknown[] | null;
  parentProperty: string | number | null;
}

export function parseContent(content: string, field = "content"): unknown {
  try {
    return JSON.parse(content);
  } catch (err) {
    throw Invalid(`${field} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, [field]);
  }
}

export function findMatches(data: unknown, query: string, field = "query"): PathMatch[] {
  const path = query.trim();
  if (!path.startsWith("$")) throw Invalid(`${field} must be a JSONPath starting with "$" (got ${JSON.stringify(query)})`, [field]);
  try {
    const found = JSONPath({ path, json: data as object, resultType: "all", wrap: true, eval: "safe" }) as {
      value: unknown;
      parent: PathMatch["parent"];
      parentProperty: PathMatch["parentProperty"];
    }[];
    return found.map((m) => {
      const parent = m.parent ?? null;
      // Array positions come back as numbers or numeric strings depending on the selector.
      const parentProperty = parent === null || m.parentProperty === null ? null : Array.isArray(parent) ? Number(m.parentProperty) : String(m.parentProperty);
      return { value: m.value, parent, parentProperty };
    });
  } catch (err) {
    throw Invalid(`${field} ${JSON.stringify(query)} could not be evaluated: ${err instanceof Error ? err.message : String(err)}`, [field]);
  }
}

/** A value as a tool parameter gave it: JSON when it parses and `decode` is on, else the string itself. */
export function decodeValue(raw: string, decode: boolean): unknown {
  if (!decode) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** JSON text; with `ensureAscii`, non-ASCII characters escaped as \uXXXX (Python's json.dumps default). */
export function toJsonText(value: unknown, ensureAscii: boolean): string {
  const text = JSON.stringify(value) ?? "null";
  return ensureAscii ? text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}

/** Writes `value` where a match was found; answers the new root (which changes when the root matched). */
export function setAt(root: unknown, match: PathMatch, value: unknown): unknown {
  if (match.parent === null || match.parentProperty === null) return value;
  (match.parent as Record<string | number, unknown>)[match.parentProperty] = value;
  return root;
}
