// The webhook trigger's rules (Dify 1.10+ `trigger-webhook`): which field types each content type
// carries, the variables the node hands on, the `variables` list Dify keeps in the node's data,
// its problems, and a curl call that fits its settings.
import type { NodeData } from "../api/types";
import type { OutputVar, VarType } from "./node-kinds";

export const WEBHOOK_METHODS = ["get", "post", "head", "patch", "put", "delete"] as const;
export const WEBHOOK_CONTENT_TYPES = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"] as const;
export const WEBHOOK_PARAM_TYPES = ["string", "number", "boolean", "object", "array[string]", "array[number]", "array[boolean]", "array[object]", "file"] as const;
/** Dify's WebhookService.MAX_WEBHOOK_NODES_PER_WORKFLOW. */
export const MAX_WEBHOOK_NODES = 5;
/** The whole call (method, headers, query, body, files) as one object; no field may take its name. */
export const WEBHOOK_RAW = "_webhook_raw";

export type WebhookParamType = (typeof WEBHOOK_PARAM_TYPES)[number];
export type WebhookSource = "headers" | "params" | "body";

export interface WebhookField {
  name: string;
  type: WebhookParamType;
  required: boolean;
  [key: string]: unknown;
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export const contentTypeOf = (d: NodeData): string => str(d.content_type) || "application/json";
export const fieldsOf = (d: NodeData, source: WebhookSource): WebhookField[] => arr<WebhookField>(d[source]);

/** The types a field may be declared as: headers are text, query values plain, body fields by content type. */
export function fieldTypesFor(source: WebhookSource, contentType: string): WebhookParamType[] {
  if (source === "headers") return ["string"];
  if (source === "params") return ["string", "number", "boolean"];
  switch (contentType) {
    case "multipart/form-data":
      return ["string", "number", "boolean", "file"];
    case "application/x-www-form-urlencoded":
      return ["string", "number", "boolean"];
    // Each body field holds the whole raw body: text, or the bytes as a file.
    case "text/plain":
      return ["string"];
    case "application/octet-stream":
      return ["file"];
    default:
      return ["string", "number", "boolean", "object", "array[string]", "array[number]", "array[boolean]", "array[object]"];
  }
}

/** The variable a field becomes: headers with "-" read as "_", body fields of a raw body typed by it. */
export function fieldVariable(source: WebhookSource, field: WebhookField, contentType: string): OutputVar {
  if (source === "headers") return { name: field.name.replaceAll("-", "_"), type: "string" };
  if (source === "body" && contentType === "text/plain") return { name: field.name, type: "string" };
  if (source === "body" && contentType === "application/octet-stream") return { name: field.name, type: "file" };
  const type = (WEBHOOK_PARAM_TYPES as readonly string[]).includes(field.type) ? (field.type as VarType) : "string";
  return { name: field.name, type };
}

export function webhookOutputs(d: NodeData): OutputVar[] {
  const contentType = contentTypeOf(d);
  const out: OutputVar[] = [];
  for (const source of ["headers", "params", "body"] as const) {
    for (const f of fieldsOf(d, source)) if (str(f.name).trim()) out.push(fieldVariable(source, f, contentType));
  }
  out.push({ name: WEBHOOK_RAW, type: "object" });
  return out;
}

const DIFY_LABEL: Record<WebhookSource, string> = { headers: "header", params: "param", body: "body" };

/**
 * The node's `variables` as Dify's editor keeps them beside the fields (one per field, labelled by
 * where it comes from, plus the raw call), so a graph edited here reads the same in Dify.
 */
export function difyVariables(d: NodeData): Record<string, unknown>[] {
  const contentType = contentTypeOf(d);
  const out: Record<string, unknown>[] = [];
  for (const source of ["headers", "params", "body"] as const) {
    for (const f of fieldsOf(d, source)) {
      if (!str(f.name).trim()) continue;
      const v = fieldVariable(source, f, contentType);
      out.push({ variable: v.name, label: DIFY_LABEL[source], value_type: v.type, value_selector: [], required: !!f.required });
    }
  }
  out.push({ variable: WEBHOOK_RAW, label: "raw", value_type: "object", value_selector: [], required: true });
  return out;
}

/** The fields after a change of content type: a body type the new one can't carry becomes its first. */
export function withContentType(d: NodeData, contentType: string): Record<string, unknown> {
  const allowed = fieldTypesFor("body", contentType);
  const body = fieldsOf(d, "body").map((f) => (allowed.includes(f.type) ? f : { ...f, type: allowed[0]! }));
  const next = { ...d, content_type: contentType, body };
  return { content_type: contentType, body, variables: difyVariables(next) };
}

/** A change to one list of fields, with Dify's `variables` kept in step. */
export function withFields(d: NodeData, source: WebhookSource, fields: WebhookField[]): Record<string, unknown> {
  return { [source]: fields, variables: difyVariables({ ...d, [source]: fields }) };
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What is wrong with the node's settings, in the words of its form. */
export function webhookProblems(d: NodeData): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const contentType = contentTypeOf(d);
  const seen = new Set<string>();
  const noun: Record<WebhookSource, string> = { headers: "header", params: "query parameter", body: "body field" };
  for (const source of ["headers", "params", "body"] as const) {
    const allowed = fieldTypesFor(source, contentType);
    for (const f of fieldsOf(d, source)) {
      const name = str(f.name).trim();
      if (!name) {
        out.push({ field: source, message: `A ${noun[source]} has no name.` });
        continue;
      }
      // A header becomes a variable with "-" read as "_"; every name must then be a variable name.
      const variable = fieldVariable(source, f, contentType).name;
      if (!VARIABLE_NAME.test(variable)) {
        out.push({ field: source, message: `“${name}” isn't a valid ${noun[source]} name: use letters, digits and _${source === "headers" ? " or -" : ""}, not starting with a digit.` });
        continue;
      }
      if (variable === WEBHOOK_RAW) out.push({ field: source, message: `“${name}” is reserved for the whole call.` });
      else if (seen.has(variable)) out.push({ field: source, message: `Two fields would both be the variable “${variable}”; rename one.` });
      seen.add(variable);
      if (source !== "headers" && !allowed.includes(f.type)) out.push({ field: source, message: `${noun[source][0]!.toUpperCase()}${noun[source].slice(1)} “${name}” can't be ${f.type} with ${source === "params" ? "a query string" : contentType}.` });
    }
  }
  const status = Number(d.status_code);
  if (!Number.isInteger(status) || status < 100 || status > 599) out.push({ field: "status_code", message: "The status code must be a number from 100 to 599." });
  return out;
}

/** A stand-in value of each type, for the example call. */
const SAMPLE: Record<WebhookParamType, unknown> = {
  string: "text",
  number: 1,
  boolean: true,
  object: { key: "value" },
  "array[string]": ["a", "b"],
  "array[number]": [1, 2],
  "array[boolean]": [true, false],
  "array[object]": [{ key: "value" }],
  file: "@./file.txt",
};

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const plain = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** A curl command calling `url` as the node expects: its method, headers, query and body. */
export function curlExample(d: NodeData, url: string): string {
  const method = (str(d.method) || "post").toUpperCase();
  const contentType = contentTypeOf(d);
  const params = fieldsOf(d, "params").filter((f) => str(f.name).trim());
  const query = params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(plain(SAMPLE[p.type] ?? "text"))}`).join("&");
  const lines = [`curl -X ${method} ${quote(query ? `${url}?${query}` : url)}`];
  for (const h of fieldsOf(d, "headers").filter((f) => str(f.name).trim())) lines.push(`-H ${quote(`${h.name}: value`)}`);
  const body = fieldsOf(d, "body").filter((f) => str(f.name).trim());
  // GET and HEAD calls carry no body.
  if (method !== "GET" && method !== "HEAD") {
    switch (contentType) {
      case "multipart/form-data":
        for (const f of body) lines.push(`-F ${quote(f.type === "file" ? `${f.name}=@./file.txt` : `${f.name}=${plain(SAMPLE[f.type] ?? "text")}`)}`);
        break;
      case "application/x-www-form-urlencoded":
        lines.push(`-H ${quote(`Content-Type: ${contentType}`)}`);
        for (const f of body) lines.push(`--data-urlencode ${quote(`${f.name}=${plain(SAMPLE[f.type] ?? "text")}`)}`);
        break;
      case "text/plain":
        lines.push(`-H ${quote(`Content-Type: ${contentType}`)}`, `--data ${quote("Hello from curl")}`);
        break;
      case "application/octet-stream":
        lines.push(`-H ${quote(`Content-Type: ${contentType}`)}`, "--data-binary @./file.bin");
        break;
      default:
        lines.push(`-H ${quote(`Content-Type: ${contentType}`)}`, `-d ${quote(JSON.stringify(Object.fromEntries(body.map((f) => [f.name, SAMPLE[f.type] ?? "text"]))))}`);
    }
  }
  return lines.join(" \\\n  ");
}
