// The "single HTTP call" form: one tool without a document. Saved with schema_type "single"; the
// schema is this form as JSON, which the server turns into one tool.
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const PARAM_LOCATIONS = ["query", "path", "header", "body"] as const;
export type ParamLocation = (typeof PARAM_LOCATIONS)[number];

export const PARAM_TYPES = ["string", "number", "boolean"] as const;
export type SingleParamType = (typeof PARAM_TYPES)[number];

export interface SingleParam {
  name: string;
  in: ParamLocation;
  type: SingleParamType;
  required: boolean;
  description: string;
}

export interface SingleCall {
  name: string;
  description: string;
  method: HttpMethod;
  url: string;
  parameters: SingleParam[];
}

export const EMPTY_SINGLE: SingleCall = { name: "", description: "", method: "GET", url: "", parameters: [] };

export const newSingleParam = (): SingleParam => ({ name: "", in: "query", type: "string", required: false, description: "" });

export function singleCallSchema(call: SingleCall): string {
  return JSON.stringify({
    ...call,
    name: call.name.trim(),
    url: call.url.trim(),
    parameters: call.parameters.filter((p) => p.name.trim()).map((p) => ({ ...p, name: p.name.trim() })),
  });
}

export function readSingleCall(schema: string): SingleCall {
  try {
    const parsed = JSON.parse(schema) as Partial<SingleCall>;
    return { ...EMPTY_SINGLE, ...parsed, parameters: Array.isArray(parsed.parameters) ? parsed.parameters : [] };
  } catch {
    return EMPTY_SINGLE;
  }
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What must be filled in before the form is worth parsing, in words; null when it is. The server
 * reports everything else (duplicate names, path parameters without a `{placeholder}`).
 */
export function singleCallProblem(call: SingleCall): string | null {
  if (!call.name.trim()) return "Name the tool, then enter the URL it calls.";
  if (!NAME.test(call.name.trim())) return "Name the tool with up to 64 letters, digits, _ or -.";
  if (!/^https?:\/\/\S+$/.test(call.url.trim())) return "Enter the URL to call, starting with http:// or https://.";
  return null;
}
