// The draft's agent settings (Dify's `agent_mode`): the tools the agent may call, each with its
// settings, the reasoning strategy and the iteration cap, edited as pure functions.
import type { PickerProvider, PickerTool, PickerToolParameter } from "../api/get-tool-providers";
import type { AgentMode, AgentStrategy, AgentTool, ModelConfig } from "../api/types";

export const MAX_ITERATIONS = 99;
// strategy null: Kiln picks function calling when the model supports it, ReAct otherwise.
export const DEFAULT_AGENT: AgentMode = { enabled: true, strategy: null, max_iteration: 5, tools: [] };

export function agentModeOf(c: ModelConfig): AgentMode {
  const a = c.agent_mode;
  return {
    ...DEFAULT_AGENT,
    ...a,
    strategy: a?.strategy === "react" || a?.strategy === "function_call" ? a.strategy : null,
    max_iteration: a?.max_iteration ?? DEFAULT_AGENT.max_iteration,
    tools: Array.isArray(a?.tools) ? a.tools : [],
  };
}

const withAgent = (c: ModelConfig, patch: Partial<AgentMode>): ModelConfig => ({ ...c, agent_mode: { ...agentModeOf(c), enabled: true, ...patch } });

export const withStrategy = (c: ModelConfig, strategy: AgentStrategy | null) => withAgent(c, { strategy });

export const withMaxIterations = (c: ModelConfig, n: number) =>
  withAgent(c, { max_iteration: Math.min(MAX_ITERATIONS, Math.max(1, Math.round(Number.isFinite(n) ? n : 1))) });

/** Identifies a configured tool: the same tool can't be added twice. */
export const toolKey = (t: Pick<AgentTool, "provider_type" | "provider_id" | "tool_name">) => `${t.provider_type}/${t.provider_id}/${t.tool_name}`;

export const settingsOf = (tool: PickerTool): PickerToolParameter[] => tool.parameters.filter((p) => p.form === "form");

export function withAddedTool(c: ModelConfig, provider: PickerProvider, tool: PickerTool): ModelConfig {
  const agent = agentModeOf(c);
  const added: AgentTool = {
    provider_type: provider.type,
    provider_id: provider.id,
    provider_name: provider.name,
    tool_name: tool.name,
    tool_label: tool.label || tool.name,
    tool_parameters: Object.fromEntries(settingsOf(tool).filter((p) => p.default !== undefined).map((p) => [p.name, p.default])),
    enabled: true,
  };
  if (agent.tools.some((t) => toolKey(t) === toolKey(added))) return c;
  return withAgent(c, { tools: [...agent.tools, added] });
}

export function withToolChange(c: ModelConfig, key: string, patch: Partial<AgentTool>): ModelConfig {
  return withAgent(c, { tools: agentModeOf(c).tools.map((t) => (toolKey(t) === key ? { ...t, ...patch } : t)) });
}

export function withoutTool(c: ModelConfig, key: string): ModelConfig {
  return withAgent(c, { tools: agentModeOf(c).tools.filter((t) => toolKey(t) !== key) });
}

/** The provider and tool a configured tool points at, if the workspace still has them. */
export function findTool(providers: PickerProvider[] | undefined, t: AgentTool): { provider: PickerProvider; tool: PickerTool } | null {
  const provider = providers?.find((p) => p.type === t.provider_type && (p.id === t.provider_id || p.name === t.provider_name));
  const tool = provider?.tools.find((x) => x.name === t.tool_name);
  return provider && tool ? { provider, tool } : null;
}

/** The settings a tool needs but lacks, by label. */
export function missingSettings(tool: PickerTool, values: Record<string, unknown>): string[] {
  return settingsOf(tool)
    .filter((p) => p.required && (values[p.name] === undefined || values[p.name] === null || values[p.name] === ""))
    .map((p) => p.label || p.name);
}

/** A settings form value (text on screen) as the JSON value the tool expects. */
export function settingValue(p: PickerToolParameter, text: string): unknown {
  if (text === "") return undefined;
  if (p.type === "number") {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (p.type === "boolean") return text === "true";
  return text;
}
