// OpenAPI 3.0 / 3.1 → tools: one tool per operation, parameters from path/query/header/cookie
// parameters and from a request body's object properties. Swagger 2 documents are converted to
// this shape first (parse-swagger.ts), as Dify does.
import type { ToolParameter } from "../types";
import { isObject, type Json, type Problems, RefResolver } from "./json-schema";
import type { ApiOperation, ParamLocation, StoredApiTool } from "./operation";
import { TOOL_NAME_RE } from "./operation";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const PARAM_INS = new Set(["path", "query", "header", "cookie"]);
/** A document with more operations than this is more than one agent can choose among. */
export const MAX_OPERATIONS = 200;

/** The first server's URL with its variables filled by their defaults; null when there is none. */
export function serverUrlOf(servers: unknown): string | null {
  if (!Array.isArray(servers) || !isObject(servers[0]) || typeof servers[0].url !== "string") return null;
  const vars = isObject(servers[0].variables) ? servers[0].variables : {};
  return servers[0].url.replace(/\{([^}]+)\}/g, (m, name: string) => {
    const v = vars[name];
    return isObject(v) && v.default !== undefined ? String(v.default) : m;
  });
}

export const isAbsoluteHttpUrl = (url: string) => /^https?:\/\/[^/\s]+/i.test(url) && !/\{[^}]*\}/.test(url);

/** Dify's name for an operation without operationId: the path's safe characters, then the method. */
export function operationSlug(method: string, path: string): string {
  const slug = path.replace(/^\//, "").replace(/[^a-zA-Z0-9_-]/g, "");
  return `${slug || "root"}_${method}`;
}

function toolName(op: Json, method: string, path: string, problems: Problems): string {
  if (typeof op.operationId !== "string" || !op.operationId.trim()) return operationSlug(method, path).slice(0, 64);
  const id = op.operationId.trim();
  if (TOOL_NAME_RE.test(id)) return id;
  const safe = id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
  problems.warn(`operationId "${id}" was renamed "${safe}": tool names may only use letters, digits, _ and -`);
  return safe;
}

interface Where {
  label: string;
  resolver: RefResolver;
  problems: Problems;
}

function addParameter(tool: { parameters: ToolParameter[]; operation: ApiOperation }, p: ToolParameter, loc: ParamLocation, w: Where) {
  if (tool.operation.params[p.name]) {
    w.problems.warn(`${w.label}: parameter "${p.name}" appears twice (${tool.operation.params[p.name]} and ${loc}); the ${loc} one is ignored`);
    return;
  }
  tool.operation.params[p.name] = loc;
  tool.parameters.push(p);
}

function readParameters(list: unknown[], w: Where): Map<string, Json> {
  const byKey = new Map<string, Json>();
  for (const raw of list) {
    const p = w.resolver.resolve(raw, w.label);
    if (!p) continue;
    if (typeof p.name !== "string" || !p.name || typeof p.in !== "string") {
      w.problems.add(`${w.label}: a parameter has no name or no "in"`);
      continue;
    }
    byKey.set(`${p.in}:${p.name}`, p);
  }
  return byKey;
}

function readBody(op: Json, w: Where, tool: StoredApiTool) {
  const body = w.resolver.resolve(op.requestBody, w.label);
  if (!body || !isObject(body.content)) return;
  const types = Object.keys(body.content);
  const jsonType = types.find((t) => /^application\/(.+\+)?json/i.test(t));
  const formType = types.find((t) => /^application\/x-www-form-urlencoded/i.test(t));
  const chosen = jsonType ?? formType;
  if (!chosen) {
    w.problems.warn(`${w.label}: request body types ${types.join(", ")} are not supported (JSON or form only); the body is left out`);
    return;
  }
  tool.operation.bodyType = jsonType ? "json" : "form";
  const media = (body.content as Json)[chosen];
  const schema = isObject(media) ? media.schema : undefined;
  if (schema === undefined) return;
  const shape = w.resolver.objectShape(schema, w.label);
  const bodyRequired = body.required === true;
  if (shape) {
    for (const [name, propSchema] of Object.entries(shape.properties)) {
      const d = w.resolver.describe(propSchema, w.label);
      if (isObject(propSchema) && propSchema.readOnly === true) continue;
      addParameter(tool, param(name, d, shape.required.includes(name), undefined), "body", w);
    }
    return;
  }
  // A non-object body (an array, a string): the whole body is one parameter.
  const d = w.resolver.describe(schema, w.label);
  tool.operation.rawBody = "body";
  addParameter(tool, param("body", d, bodyRequired, body.description), "body", w);
}

function param(
  name: string,
  d: ReturnType<RefResolver["describe"]>,
  required: boolean,
  description: unknown,
): ToolParameter {
  return {
    name,
    label: name,
    description: typeof description === "string" && description ? description : (d.description ?? ""),
    type: d.type,
    form: "llm",
    required,
    ...(d.default !== undefined ? { default: d.default } : {}),
    ...(d.options ? { options: d.options } : {}),
  };
}

function readOperation(doc: Json, path: string, method: string, item: Json, op: Json, resolver: RefResolver, problems: Problems): StoredApiTool {
  const w: Where = { label: `${method.toUpperCase()} ${path}`, resolver, problems };
  const name = toolName(op, method, path, problems);
  const summary = typeof op.summary === "string" ? op.summary.trim() : "";
  const description = typeof op.description === "string" ? op.description.trim() : "";
  const tool: StoredApiTool = {
    name,
    label: summary || name,
    description: description || summary,
    parameters: [],
    operation: { method: method.toUpperCase(), path, params: {} },
  };
  const opServer = serverUrlOf(op.servers) ?? serverUrlOf(item.servers);
  if (opServer && isAbsoluteHttpUrl(opServer) && opServer !== serverUrlOf(doc.servers)) tool.operation.serverUrl = opServer;

  // Operation-level parameters override path-level ones with the same name and location.
  const merged = readParameters(Array.isArray(item.parameters) ? item.parameters : [], w);
  for (const [k, p] of readParameters(Array.isArray(op.parameters) ? op.parameters : [], w)) merged.set(k, p);
  for (const p of merged.values()) {
    const loc = String(p.in);
    if (!PARAM_INS.has(loc)) {
      problems.add(`${w.label}: parameter "${p.name}" is in "${loc}", expected path, query, header or cookie`);
      continue;
    }
    const d = resolver.describe(isObject(p.schema) ? p.schema : p, w.label);
    addParameter(tool, param(String(p.name), d, loc === "path" || p.required === true, p.description), loc as ParamLocation, w);
  }
  // A path template variable nobody declared still has to be filled in.
  for (const [, v] of path.matchAll(/\{([^}]+)\}/g)) {
    if (tool.operation.params[v] === "path") continue;
    if (tool.operation.params[v]) {
      problems.add(`${w.label}: "{${v}}" in the path is declared in ${tool.operation.params[v]}, not in path`);
      continue;
    }
    problems.warn(`${w.label}: path parameter "${v}" is not declared; it is added as a required string`);
    addParameter(tool, { name: v, label: v, description: "", type: "string", form: "llm", required: true }, "path", w);
  }
  readBody(op, w, tool);
  return tool;
}

/**
 * Tools of an OpenAPI 3 document (or a converted Swagger 2 one); problems are collected, not
 * thrown. `noServer` is the problem a document without servers is told.
 */
export function openApiTools(
  doc: Json,
  problems: Problems,
  noServer = "no servers: add `servers: [{url: https://…}]` so Kiln knows where to send calls",
): { serverUrl: string; tools: StoredApiTool[] } {
  const serverUrl = serverUrlOf(doc.servers);
  if (!serverUrl) problems.add(noServer);
  else if (!isAbsoluteHttpUrl(serverUrl)) problems.add(`servers[0].url "${serverUrl}" is not an absolute http(s) URL`);

  const resolver = new RefResolver(doc, problems);
  const tools: StoredApiTool[] = [];
  const firstSeen = new Map<string, string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolver.resolve(rawItem, path);
    if (!item) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const tool = readOperation(doc, path, method, item, op, resolver, problems);
      const where = `${method.toUpperCase()} ${path}`;
      const earlier = firstSeen.get(tool.name);
      if (earlier) problems.add(`duplicate operation name "${tool.name}" (${earlier} and ${where})`);
      else firstSeen.set(tool.name, where);
      tools.push(tool);
    }
  }
  if (tools.length === 0) problems.add("no operations: the document's `paths` define no get/post/put/patch/delete… operation");
  if (tools.length > MAX_OPERATIONS) problems.add(`too many operations (${tools.length}); at most ${MAX_OPERATIONS} per provider`);
  return { serverUrl: serverUrl ?? "", tools };
}
