// The "single HTTP call" form: one tool described without a document —
// {name, description, method, url, parameters: [{name, in, type, required, description}]}.
import { z } from "zod";
import type { Problems } from "./json-schema";
import type { ParamLocation, StoredApiTool } from "./operation";
import { TOOL_NAME_RE } from "./operation";

const singleCallSchema = z.object({
  name: z.string().regex(TOOL_NAME_RE, "use 1–64 letters, digits, _ or -"),
  description: z.string().max(2_000).default(""),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])),
  url: z.string().max(2_000),
  parameters: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        in: z.enum(["query", "header", "path", "body"]),
        type: z.enum(["string", "number", "integer", "boolean", "array", "object"]).default("string"),
        required: z.boolean().default(false),
        description: z.string().max(1_000).default(""),
        enum: z.array(z.union([z.string(), z.number()])).max(100).optional(),
      }),
    )
    .max(50)
    .default([]),
});

export type SingleCallForm = z.input<typeof singleCallSchema>;

/** The one tool of a single-call form; problems are recorded, not thrown. */
export function singleCallTools(text: string, problems: Problems): { serverUrl: string; tools: StoredApiTool[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    problems.add("the single-call form is not valid JSON");
    return { serverUrl: "", tools: [] };
  }
  const result = singleCallSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) problems.add(`${issue.path.join(".") || "form"}: ${issue.message}`);
    return { serverUrl: "", tools: [] };
  }
  const form = result.data;
  // Split by hand: URL parsing would escape the `{param}` placeholders in the path.
  const m = form.url.match(/^(https?:\/\/[^/?#\s]+)([^#\s]*)$/i);
  if (!m) {
    problems.add(`url: "${form.url}" is not an absolute http(s) URL`);
    return { serverUrl: "", tools: [] };
  }
  const [, serverUrl, rest] = m;
  const path = rest.startsWith("/") || !rest ? rest || "/" : `/${rest}`;
  const params: Record<string, ParamLocation> = {};
  for (const p of form.parameters) {
    if (params[p.name]) problems.add(`parameters: "${p.name}" is declared twice`);
    params[p.name] = p.in;
  }
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]);
  for (const v of templated) if (params[v] !== "path") problems.add(`url: "{${v}}" needs a parameter "${v}" in path`);
  for (const p of form.parameters) {
    if (p.in === "path" && !templated.includes(p.name)) problems.add(`parameters: path parameter "${p.name}" has no "{${p.name}}" in the url`);
  }
  const tool: StoredApiTool = {
    name: form.name,
    label: form.name,
    description: form.description,
    parameters: form.parameters.map((p) => ({
      name: p.name,
      label: p.name,
      description: p.description,
      type: p.enum?.length ? "select" : p.type === "integer" ? "number" : p.type,
      form: "llm",
      required: p.in === "path" || p.required,
      ...(p.enum?.length ? { options: p.enum.map(String) } : {}),
    })),
    operation: { method: form.method, path, params, ...(form.parameters.some((p) => p.in === "body") ? { bodyType: "json" as const } : {}) },
  };
  return { serverUrl, tools: [tool] };
}
