// Swagger 2.0 → the OpenAPI 3 shape parse-openapi.ts reads: `host` + `basePath` + `schemes` become
// `servers`, `in: body` / `in: formData` parameters become a `requestBody`. `#/definitions/…`
// references keep working because the document's root is kept.
import { isObject, type Json, type Problems, RefResolver } from "./json-schema";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

function convertOperation(op: Json, pathParams: unknown[], consumes: unknown, resolver: RefResolver, where: string): Json {
  const params: Json[] = [];
  let body: Json | undefined;
  const form: { properties: Json; required: string[] } = { properties: {}, required: [] };
  const byKey = new Map<string, Json>();
  for (const raw of [...pathParams, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = resolver.resolve(raw, where);
    if (p) byKey.set(`${p.in}:${p.name}`, p);
  }
  for (const p of byKey.values()) {
    if (p.in === "body") {
      body = { required: p.required === true, description: p.description, content: { "application/json": { schema: p.schema ?? {} } } };
    } else if (p.in === "formData") {
      const { name, in: _in, required, ...schema } = p;
      form.properties[String(name)] = schema;
      if (required === true) form.required.push(String(name));
    } else {
      params.push(p);
    }
  }
  if (!body && Object.keys(form.properties).length) {
    const types = Array.isArray(op.consumes) ? op.consumes : Array.isArray(consumes) ? consumes : [];
    const mediaType = types.includes("multipart/form-data") && !types.includes("application/x-www-form-urlencoded") ? "multipart/form-data" : "application/x-www-form-urlencoded";
    body = { content: { [mediaType]: { schema: { type: "object", ...form } } } };
  }
  const { parameters: _p, ...rest } = op;
  return { ...rest, parameters: params, ...(body ? { requestBody: body } : {}) };
}

/** What a Swagger 2 document without `host` is told (it has no `servers` to add). */
export const NO_SWAGGER_HOST = "no host: a Swagger 2 document needs `host` (with optional `basePath` and `schemes`) so Kiln knows where to send calls";

/** The document as OpenAPI 3; without a `host` it has no servers (see NO_SWAGGER_HOST). */
export function swaggerToOpenApi(doc: Json, problems: Problems): Json {
  const host = typeof doc.host === "string" ? doc.host.trim() : "";
  const basePath = typeof doc.basePath === "string" ? doc.basePath.replace(/\/+$/, "") : "";
  const schemes = Array.isArray(doc.schemes) ? doc.schemes.map(String) : [];
  const scheme = schemes.length === 0 || schemes.includes("https") ? "https" : schemes[0];

  const resolver = new RefResolver(doc, problems);
  const paths: Json = {};
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = resolver.resolve(rawItem, path);
    if (!item) continue;
    const converted: Json = {};
    const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      if (isObject(item[method])) {
        converted[method] = convertOperation(item[method] as Json, pathParams, doc.consumes, resolver, `${method.toUpperCase()} ${path}`);
      }
    }
    paths[path] = converted;
  }
  return { ...doc, servers: host ? [{ url: `${scheme}://${host}${basePath}` }] : [], paths };
}
