// The agent node: Dify's langgenius/agent strategies (function calling, ReAct) with a model, the
// tools it may call, an instruction and a query. Every setting lives in `agent_parameters` as
// Dify's `{type, value}` inputs, so the node exports and imports as Dify writes it.
import { Input, Textarea } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { Spinner } from "../../../../components/ui/spinner";
import { errorMessage } from "../../../../lib/api";
import { type ToolProviderInfo, useToolProviders } from "../../api/pickers";
import { RemoveButton, Section, TemplateField } from "../fields";
import { type FormProps, list, removeAt, replaceAt, text } from "./form-props";
import { ModelField } from "./llm";

export const AGENT_STRATEGY_PROVIDER = "langgenius/agent/agent";
const STRATEGIES = [
  { value: "function_calling", label: "Function calling", dify: "FunctionCalling", hint: "The model calls tools natively; best with models that support tool calls." },
  { value: "ReAct", label: "ReAct", dify: "ReAct", hint: "Thought → Action → Observation in plain text; works with any chat model." },
];

type ParamInput = { type: "constant" | "mixed" | "variable"; value: unknown };

/** One tool as Dify's agent node stores it (the tool selector's value). */
interface AgentToolEntry {
  enabled: boolean;
  type: string;
  provider_name: string;
  provider_show_name?: string;
  tool_name: string;
  tool_label?: string;
  tool_description?: string;
  settings?: Record<string, { value: unknown } | unknown>;
  parameters?: Record<string, unknown>;
  extra?: { description?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface AgentModel {
  provider: string;
  model: string;
  model_type?: string;
  mode?: string;
  completion_params?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A JSON setting as its text (the plugin stores a string; an object is shown formatted). */
const jsonText = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

const lastPart = (id: string) => id.slice(id.lastIndexOf("/") + 1);
const toolKey = (type: string, providerId: string, tool: string) => `${type}|${providerId}|${tool}`;

/** The workspace provider an entry names: by id, by name, or by a Dify plugin id's last part. */
function providerOf(all: ToolProviderInfo[], entry: AgentToolEntry): ToolProviderInfo | undefined {
  const type = entry.type === "app" ? "workflow" : entry.type || "builtin";
  const wanted = [entry.provider_name, lastPart(entry.provider_name)];
  return all.find((p) => p.type === type && (wanted.includes(p.id) || wanted.includes(p.name)));
}

const settingValue = (v: unknown) => (typeof v === "object" && v !== null && "value" in v ? (v as { value: unknown }).value : v);

export function AgentNodeForm({ data, patch, groups, flavor, readOnly }: FormProps) {
  const providers = useToolProviders();
  const all = providers.data ?? [];
  const params = (data.agent_parameters ?? {}) as Record<string, ParamInput>;
  const setParam = (name: string, input: ParamInput) => patch({ agent_parameters: { ...params, [name]: input } });
  const paramValue = (name: string) => params[name]?.value;

  // The MCP agent plugins' strategies (hjlarry/agent's function_calling, junjiem's mcp_sse_*) run
  // as Kiln's own, with the tools of the MCP servers they name.
  const mcpConfig = "mcp_servers_config" in params || /^mcp_sse_/i.test(text(data.agent_strategy_name));
  const mcp = mcpConfig || "mcp_server" in params;
  const strategy = STRATEGIES.find((s) => s.value.toLowerCase() === text(data.agent_strategy_name).toLowerCase().replace(/^mcp_sse_/, ""));
  const model = (paramValue("model") ?? null) as AgentModel | null;
  const tools = list<AgentToolEntry>(paramValue("tools"));
  const setTools = (next: AgentToolEntry[]) => setParam("tools", { type: "constant", value: next });
  const iterations = paramValue("maximum_iterations");

  const addTool = (key: string) => {
    const [type, id, name] = key.split("|");
    const p = all.find((x) => x.type === type && x.id === id);
    const t = p?.tools.find((x) => x.name === name);
    if (!p || !t) return;
    const settings = Object.fromEntries(t.parameters.filter((x) => x.form === "form").map((x) => [x.name, { value: x.default ?? null }]));
    setTools([
      ...tools,
      {
        enabled: true,
        type: p.type,
        provider_name: p.id,
        provider_show_name: p.label,
        tool_name: t.name,
        tool_label: t.label,
        tool_description: t.description,
        settings,
        parameters: {},
        extra: { description: "" },
      },
    ]);
  };
  const chosen = new Set(tools.map((t) => `${t.type}|${t.provider_name}|${t.tool_name}`));
  const addOptions = [
    { value: "", label: "Add a tool…" },
    ...all.flatMap((p) => p.tools.filter((t) => !chosen.has(toolKey(p.type, p.id, t.name))).map((t) => ({ value: toolKey(p.type, p.id, t.name), label: `${p.label} / ${t.label}` }))),
  ];

  return (
    <>
      <Section title="Strategy" hint={strategy?.hint}>
        <Select
          aria-label="Agent strategy"
          className="h-9 text-xs"
          value={strategy?.value ?? ""}
          placeholder={data.agent_strategy_name ? `${text(data.agent_strategy_name)} (not supported)` : "Choose a strategy"}
          options={STRATEGIES.map((s) => ({ value: s.value, label: s.label }))}
          disabled={readOnly}
          onChange={(e) => {
            const s = STRATEGIES.find((x) => x.value === e.target.value)!;
            if (mcpConfig) patch({ agent_strategy_name: `mcp_sse_${s.value}`, agent_strategy_label: s.dify });
            else if (mcp) patch({ agent_strategy_name: s.value, agent_strategy_label: s.dify });
            else patch({ agent_strategy_provider_name: AGENT_STRATEGY_PROVIDER, agent_strategy_name: s.value, agent_strategy_label: s.dify });
          }}
        />
        {text(data.agent_strategy_name) && !strategy && (
          <p className="text-xs text-amber-700">
            Strategy “{text(data.agent_strategy_name)}” of {text(data.agent_strategy_provider_name) || "an unknown plugin"} does not run in Kiln; choose function calling or ReAct.
          </p>
        )}
      </Section>
      {mcp && (
        <Section title="MCP servers" hint="Connected to on each run (SSE or Streamable HTTP, through the SSRF guard): their tools join the tools below.">
          {mcpConfig ? (
            <Textarea
              aria-label="MCP servers config"
              className="font-mono text-xs"
              rows={6}
              placeholder={'{"mcpServers": {"name": {"transport": "sse", "url": "https://…/sse", "headers": {}}}}'}
              value={jsonText(paramValue("mcp_servers_config"))}
              disabled={readOnly}
              onChange={(e) => setParam("mcp_servers_config", { type: "constant", value: e.target.value })}
            />
          ) : (
            <Input
              aria-label="MCP server URL"
              className="h-8 text-xs"
              placeholder="https://…/sse"
              value={text(paramValue("mcp_server"))}
              disabled={readOnly}
              onChange={(e) => setParam("mcp_server", { type: "constant", value: e.target.value })}
            />
          )}
        </Section>
      )}
      <Section title="Model">
        <ModelField
          value={model ? { provider: lastPart(model.provider), name: model.model } : null}
          disabled={readOnly}
          onChange={(m) =>
            setParam("model", {
              type: "constant",
              value: { ...(model ?? {}), provider: m.provider, model: m.name, model_type: "llm", mode: m.mode ?? "chat", completion_params: model?.completion_params ?? {} },
            })
          }
        />
      </Section>
      <Section title="Tools" hint="The agent decides when to call them. Tools come from the Tools page.">
        {tools.length === 0 && <p className="text-xs text-zinc-500">No tools: the agent answers from the model alone.</p>}
        {tools.map((entry, i) => {
          const provider = providers.isPending ? undefined : providerOf(all, entry);
          const def = provider?.tools.find((t) => t.name === entry.tool_name);
          const formParams = def?.parameters.filter((x) => x.form === "form") ?? [];
          const update = (next: Partial<AgentToolEntry>) => setTools(replaceAt(tools, i, { ...entry, ...next }));
          return (
            <div key={`${entry.type}|${entry.provider_name}|${entry.tool_name}`} className="space-y-1.5 rounded-lg border border-zinc-200 p-2">
              <div className="flex items-center gap-2">
                <input type="checkbox" aria-label={`Enable ${entry.tool_label || entry.tool_name}`} checked={entry.enabled === true} disabled={readOnly} onChange={(e) => update({ enabled: e.target.checked })} />
                <span className="min-w-0 flex-1 truncate text-[13px] text-zinc-700" title={`${entry.provider_name}/${entry.tool_name}`}>
                  {entry.provider_show_name ? `${lastPart(entry.provider_show_name)} / ` : ""}
                  {entry.tool_label || entry.tool_name}
                </span>
                <RemoveButton label={`Remove ${entry.tool_label || entry.tool_name}`} disabled={readOnly} onClick={() => setTools(removeAt(tools, i))} />
              </div>
              {!providers.isPending && !def && (
                <p className="text-xs text-amber-700">Not available in this workspace; the agent runs without it.</p>
              )}
              {provider?.error && <p className="text-xs text-red-600">{provider.error}</p>}
              {formParams.map((p) => {
                const current = text(settingValue(entry.settings?.[p.name]));
                const set = (value: string) => update({ settings: { ...(entry.settings ?? {}), [p.name]: { value } } });
                return (
                  <label key={p.name} className="block space-y-1 text-xs text-zinc-600">
                    <span>
                      {p.label || p.name}
                      {p.required ? " *" : ""}
                    </span>
                    {p.options?.length ? (
                      <Select aria-label={p.name} className="h-8 text-xs" value={current} disabled={readOnly} options={p.options.map((o) => ({ value: o, label: o }))} onChange={(e) => set(e.target.value)} />
                    ) : (
                      <Input aria-label={p.name} className="h-8 text-xs" value={current} disabled={readOnly} placeholder={p.description} onChange={(e) => set(e.target.value)} />
                    )}
                  </label>
                );
              })}
            </div>
          );
        })}
        {providers.isPending ? (
          <p className="flex items-center gap-2 text-xs text-zinc-400">
            <Spinner className="size-3.5" /> Loading tools…
          </p>
        ) : providers.isError ? (
          <p className="text-xs text-red-600">Couldn't load the tools: {errorMessage(providers.error)}</p>
        ) : (
          <Select aria-label="Add a tool" data-testid="agent-tool-picker" className="h-8 text-xs" value="" options={addOptions} disabled={readOnly || addOptions.length === 1} onChange={(e) => addTool(e.target.value)} />
        )}
      </Section>
      <Section title="Prompt">
        <TemplateField
          label="Instruction"
          value={text(paramValue("instruction"))}
          groups={groups}
          rows={4}
          placeholder="What the agent is for and how it should work"
          disabled={readOnly}
          onChange={(value) => setParam("instruction", { type: "mixed", value })}
        />
        {params.query?.type === "variable" ? (
          <p className="text-xs text-zinc-500">Query: the variable {list<string>(params.query.value).join(".")}.</p>
        ) : (
          <TemplateField
            label="Query *"
            value={text(paramValue("query"))}
            groups={groups}
            rows={2}
            placeholder={flavor === "advanced-chat" ? "{{#sys.query#}}" : "The question, e.g. {{#start.question#}}"}
            disabled={readOnly}
            onChange={(value) => setParam("query", { type: "mixed", value })}
          />
        )}
      </Section>
      <Section title="Limits">
        <label className="flex items-center justify-between gap-2 text-xs text-zinc-600">
          Maximum iterations
          <Input
            type="number"
            min="1"
            max="99"
            aria-label="Maximum iterations"
            className="h-8 w-20"
            value={iterations === undefined || iterations === null ? "" : String(iterations)}
            disabled={readOnly}
            onChange={(e) => setParam("maximum_iterations", { type: "constant", value: e.target.value === "" ? 5 : Math.min(99, Math.max(1, Number(e.target.value) || 1)) })}
          />
        </label>
      </Section>
    </>
  );
}
