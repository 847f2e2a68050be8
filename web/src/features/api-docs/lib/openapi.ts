// The slice of OpenAPI 3.x the reference page reads, and the functions that turn a document into
// tag groups of operations with their `$ref`s resolved.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
}

export interface RequestBody {
  $ref?: string;
  description?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
}

export const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;
export type Method = (typeof METHODS)[number];

export type PathItem = Partial<Record<Method, Operation>> & { parameters?: Parameter[] };

export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, PathItem>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
}

export interface ResolvedOperation {
  id: string;
  method: Method;
  path: string;
  operation: Operation;
  parameters: Parameter[];
  requestBody: RequestBody | null;
  responses: [string, Response][];
}

export interface TagGroup {
  name: string;
  description?: string;
  operations: ResolvedOperation[];
}

/** Follows a local `#/components/...` reference; anything else is left as it is. */
export function resolveRef<T extends { $ref?: string }>(doc: OpenApiDocument, value: T): T {
  let current: T = value;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) return current;
    let target: unknown = doc;
    for (const part of ref.slice(2).split("/")) {
      target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (!target) return current;
    current = target as T;
  }
  return current;
}

/** The last segment of a `$ref`, which is the schema's name. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

export function groupOperations(doc: OpenApiDocument): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const tag of doc.tags ?? []) groups.set(tag.name, { name: tag.name, description: tag.description, operations: [] });

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters ?? []).map((p) => resolveRef(doc, p));
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => resolveRef(doc, p));
      // Operation-level parameters override path-level ones with the same name and location.
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      const resolved: ResolvedOperation = {
        id: `${method}-${path}`,
        method,
        path,
        operation,
        parameters,
        requestBody: operation.requestBody ? resolveRef(doc, operation.requestBody) : null,
        responses: Object.entries(operation.responses ?? {}).map(([code, r]) => [code, resolveRef(doc, r)]),
      };
      for (const tag of operation.tags?.length ? operation.tags : ["Other"]) {
        if (!groups.has(tag)) groups.set(tag, { name: tag, operations: [] });
        groups.get(tag)!.operations.push(resolved);
      }
    }
  }
  return [...groups.values()].filter((g) => g.operations.length > 0);
}

/** Keeps the operations whose method, path, summary or id contain the search text. */
export function filterGroups(groups: TagGroup[], search: string): TagGroup[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return groups;
  return groups
    .map((g) => ({
      ...g,
      operations: g.operations.filter((o) =>
        [o.method, o.path, o.operation.summary, o.operation.operationId, g.name]
          .filter(Boolean)
          .some((s) => s!.toLowerCase().includes(needle)),
      ),
    }))
    .filter((g) => g.operations.length > 0);
}

/** A one-line type for a schema: `string<email>`, `Workspace[]`, `"llm" | "text-embedding"`. */
export function describeType(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): string {
  if (!schema) return "any";
  if (schema.$ref) return refName(schema.$ref);
  if (depth > 4) return "…";
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return variants.map((v) => describeType(doc, v, depth + 1)).join(" | ");
  if (schema.allOf) return schema.allOf.map((v) => describeType(doc, v, depth + 1)).join(" & ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const base = types
    .map((t) => {
      if (t === "array") return `${describeType(doc, schema.items, depth + 1)}[]`;
      if (t === "object" && !schema.properties && typeof schema.additionalProperties === "object")
        return `Record<string, ${describeType(doc, schema.additionalProperties, depth + 1)}>`;
      return schema.format ? `${t}<${schema.format}>` : t;
    })
    .join(" | ");
  const withNull = schema.nullable ? `${base || "any"} | null` : base;
  return withNull || (schema.properties ? "object" : "any");
}

/** The properties a schema shows as rows, merging `allOf` parts and following references. */
export function objectProperties(
  doc: OpenApiDocument,
  schema: Schema,
): { properties: [string, Schema][]; required: Set<string> } | null {
  const resolved = resolveRef(doc, schema);
  const parts = resolved.allOf ? resolved.allOf.map((s) => resolveRef(doc, s)) : [resolved];
  const properties: [string, Schema][] = [];
  const required = new Set<string>();
  for (const part of parts) {
    for (const entry of Object.entries(part.properties ?? {})) properties.push(entry);
    for (const name of part.required ?? []) required.add(name);
  }
  return properties.length > 0 ? { properties, required } : null;
}

/** What a property row expands to: an object's fields or an array's item fields. */
export function childSchema(doc: OpenApiDocument, schema: Schema): Schema | null {
  const resolved = resolveRef(doc, schema);
  if (objectProperties(doc, resolved)) return resolved;
  if (resolved.items) {
    const items = resolveRef(doc, resolved.items);
    if (objectProperties(doc, items)) return items;
  }
  const variants = resolved.oneOf ?? resolved.anyOf;
  const nonNull = variants?.map((v) => resolveRef(doc, v)).filter((v) => v.type !== "null");
  if (nonNull?.length === 1) return childSchema(doc, nonNull[0]!);
  return null;
}
