// An agent app's tools: the enabled entries of `agent_mode.tools`, resolved through the tool
// registry into what the model sees (a unique function name, a description, a JSON Schema) and
// what Kiln calls (the resolved tool with its form settings).
import type { LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import type { TenantCtx } from "../../context";
import { KilnError } from "../../lib/errors";
import { resolveTool, toolInputSchema } from "../../tools/registry";
import { TOOL_PROVIDER_TYPES, type ResolvedTool, type ToolProviderType } from "../../tools/types";
import { type AgentMode, type AgentToolConfig, agentToolSchema } from "../model-config";

export interface AgentTool {
  /** The function name the model calls: the tool's name, made unique and provider-safe. */
  name: string;
  label: string;
  description: string;
  inputSchema: Record<string, unknown>;
  resolved: ResolvedTool;
  /** Form settings from the app's config; they override whatever the model sends for them. */
  settings: Record<string, unknown>;
}

/** Dify's `tool_labels`: the label of each tool named in a thought, per language. */
export type ToolLabels = Record<string, { en_US: string; zh_Hans: string }>;

// OpenAI (and most compatible servers) accept function names of this shape only.
const MAX_NAME = 64;
const safeName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, MAX_NAME) || "tool";

function uniqueName(wanted: string, taken: Set<string>): string {
  const base = safeName(wanted);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** The configured tools an agent may call (enabled, in a kind Kiln runs). */
export function enabledToolRefs(agentMode: AgentMode | null | undefined): AgentToolConfig[] {
  const refs: AgentToolConfig[] = [];
  for (const entry of agentMode?.tools ?? []) {
    const parsed = agentToolSchema.safeParse(entry);
    if (parsed.success && parsed.data.enabled) refs.push(parsed.data);
  }
  return refs;
}

/**
 * One configured tool, or null when the agent runs without it (a kind Kiln lacks, or gone);
 * `logSkip` says so in the log when a run is about to go without it.
 */
async function resolveAgentTool(ctx: TenantCtx, ref: AgentToolConfig, logSkip: boolean): Promise<ResolvedTool | null> {
  if (!TOOL_PROVIDER_TYPES.includes(ref.provider_type as ToolProviderType)) {
    if (logSkip) ctx.log.warn("agent tool skipped: provider type not supported", { provider_type: ref.provider_type, tool: ref.tool_name });
    return null;
  }
  try {
    const resolved = await resolveTool(ctx, { ...ref, provider_type: ref.provider_type as ToolProviderType });
    // Dify's agent leaves out a tool it cannot load, which includes a built-in provider that has
    // no credentials in this workspace yet (base_agent_runner `_init_prompt_tools`).
    if (resolved.provider.type === "builtin" && !resolved.provider.is_team_authorization) {
      if (logSkip) ctx.log.warn("agent tool skipped: provider not authorized", { provider: resolved.provider.name, tool: ref.tool_name });
      return null;
    }
    return resolved;
  } catch (err) {
    if (err instanceof KilnError && err.code === "not_found") {
      if (logSkip) ctx.log.warn("agent tool skipped: not found", { provider: ref.provider_name || ref.provider_id, tool: ref.tool_name });
      return null;
    }
    throw err;
  }
}

/** The enabled tools an agent would run without (`provider/tool`), for an import's warning. */
export async function missingAgentTools(ctx: TenantCtx, agentMode: AgentMode | null | undefined): Promise<string[]> {
  const refs = enabledToolRefs(agentMode);
  const found = await Promise.all(refs.map((ref) => resolveAgentTool(ctx, ref, false).catch(() => "unreachable" as const)));
  return refs.filter((_, i) => found[i] === null).map((ref) => `${ref.provider_name || ref.provider_id}/${ref.tool_name}`);
}

/**
 * Resolves the agent's tools. A tool that no longer exists is left out with a warning, as Dify
 * does ("api tool may be deleted"); any other failure (a provider that cannot be reached, bad
 * credentials) refuses the run before it starts, with the provider's message.
 */
export async function loadAgentTools(ctx: TenantCtx, agentMode: AgentMode | null | undefined): Promise<AgentTool[]> {
  const refs = enabledToolRefs(agentMode);
  const resolved = await Promise.all(refs.map((ref) => resolveAgentTool(ctx, ref, true)));
  const taken = new Set<string>();
  const tools: AgentTool[] = [];
  refs.forEach((ref, i) => {
    const found = resolved[i];
    if (!found) return;
    const llmParams = new Set(found.tool.parameters.filter((p) => p.form === "llm").map((p) => p.name));
    const settings = Object.fromEntries(
      Object.entries(ref.tool_parameters).filter(([k, v]) => !llmParams.has(k) && v !== undefined && v !== null && v !== ""),
    );
    const label = ref.tool_label || found.tool.label || found.tool.name;
    tools.push({
      name: uniqueName(found.tool.name || ref.tool_name, taken),
      label,
      description: found.tool.description || label,
      inputSchema: toolInputSchema(found.tool),
      resolved: found,
      settings,
    });
  });
  return tools;
}

/** `tools` and then tools the agent gets from elsewhere (an agent node's MCP servers), named uniquely beside them. */
export function withExtraTools(tools: AgentTool[], extra: ResolvedTool[]): AgentTool[] {
  const taken = new Set(tools.map((t) => t.name));
  return [
    ...tools,
    ...extra.map((found) => ({
      name: uniqueName(found.tool.name, taken),
      label: found.tool.label || found.tool.name,
      description: found.tool.description || found.tool.label || found.tool.name,
      inputSchema: toolInputSchema(found.tool),
      resolved: found,
      settings: {},
    })),
  ];
}

export function modelTools(tools: AgentTool[]): LanguageModelV4FunctionTool[] {
  return tools.map((t) => ({ type: "function", name: t.name, description: t.description, inputSchema: t.inputSchema as never }));
}

export function toolLabels(tools: AgentTool[], names: string[]): ToolLabels {
  const labels: ToolLabels = {};
  for (const name of names) {
    const label = tools.find((t) => t.name === name)?.label ?? name;
    labels[name] = { en_US: label, zh_Hans: label };
  }
  return labels;
}

/**
 * The arguments a tool is called with: the model's, with a plain string given to the first
 * parameter the model fills (ReAct models often write `"action_input": "Paris"`), and the
 * app's form settings on top.
 */
export function toolArguments(tool: AgentTool, input: unknown): Record<string, unknown> {
  let args: Record<string, unknown>;
  if (typeof input === "string" && input.trim().startsWith("{")) {
    try {
      input = JSON.parse(input);
    } catch {
      // not JSON after all: the text is the argument
    }
  }
  if (input && typeof input === "object" && !Array.isArray(input)) args = input as Record<string, unknown>;
  else if (input === undefined || input === null || input === "") args = {};
  else {
    const first = tool.resolved.tool.parameters.find((p) => p.form === "llm")?.name;
    const schemaFirst = Object.keys((tool.inputSchema.properties as Record<string, unknown> | undefined) ?? {})[0];
    args = { [first ?? schemaFirst ?? "input"]: input };
  }
  return { ...args, ...tool.settings };
}

/**
 * Dify's `/meta` `tool_icons`: each configured tool's icon by tool name — an emoji as
 * `{background, content}`, an image as its URL. A tool that cannot be resolved has no icon.
 */
export async function agentToolIcons(ctx: TenantCtx, agentMode: AgentMode | null | undefined) {
  const icons: Record<string, string | { background: string; content: string }> = {};
  for (const ref of enabledToolRefs(agentMode)) {
    if (!TOOL_PROVIDER_TYPES.includes(ref.provider_type as ToolProviderType)) continue;
    const found = await resolveTool(ctx, { ...ref, provider_type: ref.provider_type as ToolProviderType }).catch(() => null);
    const icon = found?.provider.icon;
    if (!icon) continue;
    if (icon.type === "image" && icon.url) icons[ref.tool_name] = icon.url;
    else if (icon.content) icons[ref.tool_name] = { background: icon.background ?? "", content: icon.content };
  }
  return icons;
}
