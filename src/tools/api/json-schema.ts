// Local `$ref` resolution and JSON Schema → tool parameter typing for OpenAPI / Swagger documents.
// Only references inside the document (`#/…`) are followed; chains that loop are reported, not followed.
import type { ToolParameterType } from "../types";

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Collects what is wrong with a document so the answer can list every problem at once. */
export class Problems {
  readonly list: string[] = [];
  readonly warnings: string[] = [];
  add(message: string) {
    if (!this.list.includes(message)) this.list.push(message);
  }
  warn(message: string) {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}

function pointer(root: Json, ref: string): unknown {
  let cur: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}

export class RefResolver {
  constructor(
    private readonly root: Json,
    private readonly problems: Problems,
  ) {}

  /** Follows `$ref`s until a real object; null (with a problem recorded) when that is impossible. */
  resolve(node: unknown, where: string): Json | null {
    const chain: string[] = [];
    let cur = node;
    while (isObject(cur) && typeof cur.$ref === "string") {
      const ref = cur.$ref;
      if (chain.includes(ref)) {
        this.problems.add(`${where}: $ref cycle ${[...chain, ref].join(" → ")}`);
        return null;
      }
      chain.push(ref);
      if (!ref.startsWith("#/")) {
        this.problems.add(`${where}: external $ref "${ref}" is not supported (only "#/…" references inside the document)`);
        return null;
      }
      const target = pointer(this.root, ref);
      if (!isObject(target)) {
        this.problems.add(`${where}: unresolvable $ref "${ref}"`);
        return null;
      }
      cur = target;
    }
    return isObject(cur) ? cur : null;
  }

  /** An object schema's properties, merging `allOf` parts; null when the schema is not an object. */
  objectShape(schema: unknown, where: string, seen = new Set<Json>()): { properties: Json; required: string[] } | null {
    const s = this.resolve(schema, where);
    if (!s || seen.has(s)) return null;
    seen.add(s);
    const properties: Json = {};
    const required: string[] = [];
    let isObj = s.type === "object" || isObject(s.properties);
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        const shape = this.objectShape(part, where, seen);
        if (!shape) continue;
        isObj = true;
        Object.assign(properties, shape.properties);
        required.push(...shape.required);
      }
    }
    if (!isObj) return null;
    if (isObject(s.properties)) Object.assign(properties, s.properties);
    if (Array.isArray(s.required)) required.push(...s.required.filter((r): r is string => typeof r === "string"));
    return { properties, required };
  }

  /** The tool parameter type of a schema (or of a Swagger 2 parameter, which carries its type inline). */
  describe(schema: unknown, where: string, depth = 0): { type: ToolParameterType; options?: string[]; default?: unknown; description?: string } {
    const s = this.resolve(schema, where);
    if (!s || depth > 8) return { type: "string" };
    const description = typeof s.description === "string" ? s.description : undefined;
    const dflt = s.default;
    if (Array.isArray(s.enum) && s.enum.length) {
      return { type: "select", options: s.enum.filter((v) => v !== null).map(String), default: dflt, description };
    }
    // OpenAPI 3.1 allows `type: [string, "null"]`.
    const declared = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    const type = typeMap[String(declared)];
    if (type) return { type, default: dflt, description };
    const first = [s.allOf, s.oneOf, s.anyOf].find((list) => Array.isArray(list) && list.length) as unknown[] | undefined;
    if (first) {
      const inner = this.describe(first[0], where, depth + 1);
      return { ...inner, description: description ?? inner.description, default: dflt ?? inner.default };
    }
    if (isObject(s.properties)) return { type: "object", default: dflt, description };
    return { type: "string", default: dflt, description };
  }
}

const typeMap: Record<string, ToolParameterType> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  array: "array",
  object: "object",
};
