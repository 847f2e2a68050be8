// Translating between MCP's shapes and Kiln's tool seam: an MCP tool (JSON Schema input) becomes a
// ToolDefinition whose parameters the Tools page can show, and a tools/call result a ToolResult.
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ToolDefinition, ToolParameter, ToolParameterType, ToolResult } from "../types";

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

function parameterType(s: Schema): { type: ToolParameterType; options?: string[] } {
  if (Array.isArray(s.enum) && s.enum.length > 0) return { type: "select", options: s.enum.map(String) };
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  switch (t) {
    case "number":
    case "integer":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "array":
      return { type: "array" };
    case "object":
      return { type: "object" };
    default:
      return { type: "string" };
  }
}

/** The tool as Kiln lists it; the model still sees the server's own schema (`inputSchema`). */
export function toolDefinitionOf(tool: Tool): ToolDefinition {
  const schema = (isSchema(tool.inputSchema) ? tool.inputSchema : { type: "object" }) as Schema;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const parameters: ToolParameter[] = Object.entries(properties).map(([name, raw]) => {
    const p = isSchema(raw) ? raw : {};
    const { type, options } = parameterType(p);
    return {
      name,
      label: typeof p.title === "string" ? p.title : name,
      description: typeof p.description === "string" ? p.description : "",
      type,
      form: "llm" as const,
      required: required.has(name),
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(options ? { options } : {}),
    };
  });
  return {
    name: tool.name,
    label: tool.title ?? tool.annotations?.title ?? tool.name,
    description: tool.description ?? "",
    parameters,
    inputSchema: { ...schema, type: "object" },
  };
}

/** Text parts joined as the observation; structured content kept as JSON; isError carried over. */
export function toolResultOf(result: CallToolResult): ToolResult {
  const parts: string[] = [];
  const files: NonNullable<ToolResult["files"]> = [];
  for (const c of result.content ?? []) {
    if (c.type === "text") parts.push(c.text);
    else if (c.type === "resource") parts.push("text" in c.resource ? String(c.resource.text) : `[resource ${c.resource.uri}]`);
    else if (c.type === "resource_link") {
      parts.push(`[${c.name}](${c.uri})`);
      files.push({ url: c.uri, mime_type: c.mimeType ?? "application/octet-stream", filename: c.name });
    } else if (c.type === "image" || c.type === "audio") parts.push(`[${c.type}: ${c.mimeType}]`);
  }
  const structured = result.structuredContent;
  const text = parts.length > 0 ? parts.join("\n") : structured ? JSON.stringify(structured) : "";
  return {
    text,
    ...(structured ? { json: [structured] } : {}),
    ...(files.length ? { files } : {}),
    ...(result.isError ? { isError: true } : {}),
  };
}
