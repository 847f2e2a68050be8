// The one way to find and call a tool: lists every provider a workspace can use (built-in, custom
// API, MCP, apps as tools), resolves a Dify-style reference to a callable tool, and calls it with a
// time limit and a bounded result, so an agent or a workflow never hangs on a tool or drowns in it.
import type { TenantCtx } from "../context";
import { KilnError } from "../lib/errors";
import { apiSource } from "./api/source";
import { appToolSource } from "./app-tools";
import { builtinSource } from "./builtin";
import { mcpSource } from "./mcp/source";
import type { ResolvedTool, ToolDefinition, ToolFileOwner, ToolProviderSource, ToolProviderType, ToolRef, ToolResult } from "./types";

const SOURCES: Record<ToolProviderType, ToolProviderSource> = {
  builtin: builtinSource,
  api: apiSource,
  mcp: mcpSource,
  workflow: appToolSource,
};

/** Longest observation handed back to a model; the rest is cut with a note saying so. */
export const MAX_TOOL_RESULT_CHARS = 8_000;
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

export async function listToolProviders(ctx: TenantCtx, type?: ToolProviderType) {
  const kinds = type ? [SOURCES[type]] : Object.values(SOURCES);
  const lists = await Promise.all(kinds.map((s) => s.list(ctx)));
  return lists.flat();
}

export const toolNotFound = (ref: ToolRef) =>
  new KilnError("not_found", 404, `Tool ${ref.provider_name || ref.provider_id}/${ref.tool_name} not found.`);

/** Finds a tool by its provider's id, then (references from another install) by its name. */
export async function resolveTool(ctx: TenantCtx, ref: ToolRef): Promise<ResolvedTool> {
  const source = SOURCES[ref.provider_type];
  if (!source) throw new KilnError("invalid_param", 400, `Unknown tool provider type: ${ref.provider_type}`);
  const found =
    (await source.resolve(ctx, ref.provider_id, ref.tool_name)) ??
    (ref.provider_name && ref.provider_name !== ref.provider_id ? await source.resolve(ctx, ref.provider_name, ref.tool_name) : null);
  if (!found) throw toolNotFound(ref);
  return found;
}

/** Cuts a tool's text to `max` characters, saying how much was left out. */
export function truncateToolText(text: string, max = MAX_TOOL_RESULT_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n\n[truncated: the tool returned ${text.length} characters; only the first ${max} are shown]`;
}

export interface CallToolOptions {
  signal?: AbortSignal;
  /** Passed to the tool: whose files it stores. */
  owner?: ToolFileOwner;
  timeoutMs?: number;
  maxChars?: number;
}

/**
 * Calls a resolved tool. Failures (the provider threw, timed out, was aborted) become a
 * `tool_error` KilnError naming the tool; a successful result's text is bounded.
 */
export async function callTool(resolved: ResolvedTool, args: Record<string, unknown>, options: CallToolOptions = {}): Promise<ToolResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const name = `${resolved.provider.name}/${resolved.tool.name}`;
  let result: ToolResult;
  // A tool that ignores its signal is still cut off; the listener goes once the race is decided.
  let fail = () => {};
  try {
    result = await Promise.race([
      resolved.invoke(args, { signal, owner: options.owner }),
      new Promise<never>((_, reject) => {
        fail = () => reject(signal.reason ?? new DOMException("aborted", "AbortError"));
        if (signal.aborted) fail();
        else signal.addEventListener("abort", fail, { once: true });
      }),
    ]);
  } catch (err) {
    if (timeout.aborted) throw new KilnError("tool_error", 400, `Tool ${name} timed out after ${Math.round(timeoutMs / 1000)} s`);
    if (options.signal?.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new KilnError("tool_error", 400, `Tool ${name} failed: ${message}`);
  } finally {
    signal.removeEventListener("abort", fail);
  }
  return { ...result, text: truncateToolText(result.text ?? "", options.maxChars) };
}

/** The JSON Schema of the arguments a model fills in (form parameters are set in settings). */
export function toolInputSchema(tool: ToolDefinition): Record<string, unknown> {
  if (tool.inputSchema) return tool.inputSchema;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of tool.parameters) {
    if (p.form !== "llm") continue;
    const type = p.type === "select" || p.type === "secret-input" || p.type === "file" ? "string" : p.type;
    properties[p.name] = {
      type,
      // OpenAI refuses an array schema without `items`.
      ...(type === "array" ? { items: {} } : {}),
      description: p.description || p.label,
      ...(p.options?.length ? { enum: p.options } : {}),
    };
    if (p.required) required.push(p.name);
  }
  return { type: "object", properties, required };
}
