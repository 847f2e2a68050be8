// Nodes that reach outside: HTTP request, knowledge retrieval, tools and agents.
import { Input } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { Spinner } from "../../../../components/ui/spinner";
import { errorMessage } from "../../../../lib/api";
import { useKnowledgeBases, useToolProviders } from "../../api/pickers";
import { Section, TemplateField } from "../fields";
import { AgentNodeForm } from "./agent";
import { VariablePicker } from "../variable-picker";
import { type FormProps, list, text } from "./form-props";

const METHODS = ["get", "post", "put", "patch", "delete", "head"].map((m) => ({ value: m, label: m.toUpperCase() }));
const BODY_TYPES = [
  { value: "none", label: "None" },
  { value: "json", label: "JSON" },
  { value: "raw-text", label: "Raw text" },
  { value: "x-www-form-urlencoded", label: "Form (urlencoded)" },
  { value: "form-data", label: "Form data" },
];

interface HttpBody {
  type: string;
  data: { key?: string; type: string; value: string; [key: string]: unknown }[] | string;
  [key: string]: unknown;
}

interface Authorization {
  type: "no-auth" | "api-key";
  config: { type: "basic" | "bearer" | "custom"; api_key: string; header?: string } | null;
}

export function HttpForm({ data, patch, groups, readOnly }: FormProps) {
  const body = (data.body ?? { type: "none", data: [] }) as HttpBody;
  const auth = (data.authorization ?? { type: "no-auth", config: null }) as Authorization;
  // Raw and JSON bodies keep their text in the first data row (Dify's shape since 0.6.x).
  const rawBody = typeof body.data === "string" ? body.data : text(list<{ value: string }>(body.data)[0]?.value);
  const setRaw = (value: string) => patch({ body: { ...body, data: [{ key: "", type: "text", value }] } });
  const timeout = (data.timeout ?? {}) as { connect?: number; read?: number; write?: number };
  return (
    <>
      <Section title="Request">
        <div className="flex items-center gap-2">
          <Select aria-label="Method" className="h-9 text-xs" wrapperClassName="w-28" value={text(data.method).toLowerCase() || "get"} options={METHODS} disabled={readOnly} onChange={(e) => patch({ method: e.target.value })} />
          <Input aria-label="URL" className="font-mono text-xs" placeholder="https://api.example.com/items/{{#start.id#}}" value={text(data.url)} disabled={readOnly} onChange={(e) => patch({ url: e.target.value })} />
        </div>
        <TemplateField label="Headers" value={text(data.headers)} groups={groups} rows={3} mono placeholder="Key: value, one per line" disabled={readOnly} onChange={(headers) => patch({ headers })} />
        <TemplateField label="Query parameters" value={text(data.params)} groups={groups} rows={2} mono placeholder="key: value, one per line" disabled={readOnly} onChange={(params) => patch({ params })} />
      </Section>
      <Section title="Authorization">
        <Select
          aria-label="Authorization"
          className="h-8 text-xs"
          value={auth.type === "api-key" ? auth.config?.type ?? "bearer" : "no-auth"}
          disabled={readOnly}
          options={[
            { value: "no-auth", label: "None" },
            { value: "bearer", label: "Bearer token" },
            { value: "basic", label: "Basic" },
            { value: "custom", label: "Custom header" },
          ]}
          onChange={(e) =>
            patch({
              authorization:
                e.target.value === "no-auth"
                  ? { type: "no-auth", config: null }
                  : { type: "api-key", config: { api_key: auth.config?.api_key ?? "", header: auth.config?.header ?? "", type: e.target.value } },
            })
          }
        />
        {auth.type === "api-key" && auth.config && (
          <>
            {auth.config.type === "custom" && (
              <Input aria-label="Header name" className="h-8 text-xs" placeholder="X-Api-Key" value={auth.config.header ?? ""} disabled={readOnly} onChange={(e) => patch({ authorization: { ...auth, config: { ...auth.config!, header: e.target.value } } })} />
            )}
            <Input aria-label="API key" type="password" autoComplete="off" className="h-8 text-xs" placeholder="Key or {{#env.API_KEY#}}" value={auth.config.api_key} disabled={readOnly} onChange={(e) => patch({ authorization: { ...auth, config: { ...auth.config!, api_key: e.target.value } } })} />
          </>
        )}
      </Section>
      <Section title="Body">
        <Select aria-label="Body type" className="h-8 text-xs" value={body.type} options={BODY_TYPES} disabled={readOnly} onChange={(e) => patch({ body: { type: e.target.value, data: [] } })} />
        {body.type !== "none" && (
          <TemplateField
            label={body.type === "json" ? "JSON body" : body.type === "raw-text" ? "Text body" : "Fields (key: value per line)"}
            value={rawBody}
            groups={groups}
            rows={5}
            mono
            disabled={readOnly}
            onChange={(value) => {
              if (body.type === "json" || body.type === "raw-text") return setRaw(value);
              const rows = value.split("\n").map((line) => {
                const at = line.indexOf(":");
                return at < 0 ? { key: line.trim(), type: "text", value: "" } : { key: line.slice(0, at).trim(), type: "text", value: line.slice(at + 1).trim() };
              });
              patch({ body: { ...body, data: rows } });
            }}
          />
        )}
      </Section>
      <Section title="Timeouts (seconds)">
        <div className="grid grid-cols-3 gap-2">
          {(["connect", "read", "write"] as const).map((k) => (
            <label key={k} className="space-y-1 text-xs text-zinc-600">
              <span className="capitalize">{k}</span>
              <Input type="number" min="1" aria-label={`${k} timeout`} className="h-8" value={String(timeout[k] ?? "")} disabled={readOnly} onChange={(e) => patch({ timeout: { ...timeout, [k]: Number(e.target.value) || undefined } })} />
            </label>
          ))}
        </div>
      </Section>
    </>
  );
}

export function KnowledgeForm({ data, patch, groups, readOnly }: FormProps) {
  const bases = useKnowledgeBases();
  const chosen = new Set(list<string>(data.dataset_ids));
  const config = (data.multiple_retrieval_config ?? { top_k: 4, score_threshold: null }) as { top_k: number; score_threshold: number | null; [key: string]: unknown };
  const toggle = (id: string, on: boolean) => patch({ dataset_ids: on ? [...chosen, id] : [...chosen].filter((d) => d !== id) });
  return (
    <>
      <Section title="Query">
        <VariablePicker label="Query variable" groups={groups} value={data.query_variable_selector} disabled={readOnly} onChange={(sel) => patch({ query_variable_selector: sel })} />
      </Section>
      <Section title="Knowledge bases">
        {bases.isPending ? (
          <p className="flex items-center gap-2 text-xs text-zinc-400">
            <Spinner className="size-3.5" /> Loading knowledge bases…
          </p>
        ) : bases.isError ? (
          <p className="text-xs text-red-600">Couldn't load the knowledge bases: {errorMessage(bases.error)}</p>
        ) : (bases.data ?? []).length === 0 ? (
          <p className="text-xs text-zinc-500">No knowledge base yet; create one under Knowledge.</p>
        ) : (
          <div className="space-y-1">
            {(bases.data ?? []).map((b) => (
              <label key={b.id} className="flex items-center gap-2 text-[13px] text-zinc-700">
                <input type="checkbox" checked={chosen.has(b.id)} disabled={readOnly} onChange={(e) => toggle(b.id, e.target.checked)} />
                <span className="truncate">{b.name}</span>
                <span className="text-xs text-zinc-400">{b.document_count} docs</span>
              </label>
            ))}
            {[...chosen]
              .filter((id) => !(bases.data ?? []).some((b) => b.id === id))
              .map((id) => (
                <label key={id} className="flex items-center gap-2 text-[13px] text-amber-700">
                  <input type="checkbox" checked disabled={readOnly} onChange={() => toggle(id, false)} />
                  Unknown knowledge base {id.slice(0, 8)}…
                </label>
              ))}
          </div>
        )}
      </Section>
      <Section title="Retrieval">
        <label className="flex items-center justify-between gap-2 text-xs text-zinc-600">
          Passages to return (top K)
          <Input type="number" min="1" max="20" aria-label="Top K" className="h-8 w-20" value={String(config.top_k ?? 4)} disabled={readOnly} onChange={(e) => patch({ retrieval_mode: "multiple", multiple_retrieval_config: { ...config, top_k: Number(e.target.value) || 1 } })} />
        </label>
        <label className="flex items-center justify-between gap-2 text-xs text-zinc-600">
          Minimum score (optional)
          <Input
            type="number"
            step="0.05"
            min="0"
            max="1"
            aria-label="Minimum score"
            className="h-8 w-20"
            value={config.score_threshold === null || config.score_threshold === undefined ? "" : String(config.score_threshold)}
            disabled={readOnly}
            onChange={(e) => patch({ multiple_retrieval_config: { ...config, score_threshold: e.target.value === "" ? null : Number(e.target.value) } })}
          />
        </label>
      </Section>
    </>
  );
}

/** Tool and agent nodes share a panel slot; each kind has its own form. */
export function ProviderNodeForm(props: FormProps) {
  return props.data.type === "agent" ? <AgentNodeForm {...props} /> : <ToolNodeForm {...props} />;
}

type ParamValue = { type: string; value: unknown };
const toolKey = (type: string, providerId: string, tool: string) => `${type}|${providerId}|${tool}`;

/** Picks a tool from the workspace's providers and fills its parameters (Dify's tool node fields). */
function ToolNodeForm({ data, patch, groups, readOnly }: FormProps) {
  const providers = useToolProviders();
  const all = providers.data ?? [];
  const providerType = text(data.provider_type) || "builtin";
  const provider =
    all.find((p) => p.type === providerType && p.id === text(data.provider_id)) ??
    all.find((p) => p.type === providerType && p.name === text(data.provider_name));
  const tool = provider?.tools.find((t) => t.name === text(data.tool_name));
  const params = (data.tool_parameters ?? {}) as Record<string, ParamValue | unknown>;
  const configs = (data.tool_configurations ?? {}) as Record<string, unknown>;
  const options = [
    { value: "", label: "Choose a tool…" },
    ...all.flatMap((p) => p.tools.map((t) => ({ value: toolKey(p.type, p.id, t.name), label: `${p.label} / ${t.label}` }))),
  ];
  const choose = (key: string) => {
    const [type, id, name] = key.split("|");
    const p = all.find((x) => x.type === type && x.id === id);
    const t = p?.tools.find((x) => x.name === name);
    if (!p || !t) return;
    patch({
      provider_type: p.type,
      provider_id: p.id,
      provider_name: p.name,
      tool_name: t.name,
      tool_label: t.label,
      tool_parameters: Object.fromEntries(t.parameters.filter((x) => x.form === "llm").map((x) => [x.name, { type: "mixed", value: "" }])),
      tool_configurations: Object.fromEntries(t.parameters.filter((x) => x.form === "form").map((x) => [x.name, x.default ?? ""])),
    });
  };
  const paramText = (name: string) => {
    const v = params[name];
    return typeof v === "object" && v !== null && "value" in v ? text((v as ParamValue).value) : text(v);
  };
  return (
    <Section title="Tool" hint="Tools come from the Tools page: built-in, custom API, MCP servers and apps.">
      {providers.isPending ? (
        <Spinner />
      ) : providers.isError ? (
        <p className="text-xs text-red-600">Could not load tools: {errorMessage(providers.error)}</p>
      ) : (
        <Select
          aria-label="Tool"
          data-testid="tool-node-picker"
          className="h-9 text-xs"
          value={tool && provider ? toolKey(provider.type, provider.id, tool.name) : ""}
          options={options}
          disabled={readOnly}
          onChange={(e) => choose(e.target.value)}
        />
      )}
      {!tool && text(data.tool_name) && !providers.isPending && (
        <p className="text-xs text-amber-700">
          {text(data.provider_name) || text(data.provider_id)}/{text(data.tool_name)} is not available in this workspace; the node fails until you choose another tool.
        </p>
      )}
      {provider?.error && <p className="text-xs text-red-600">{provider.error}</p>}
      {tool?.description && <p className="text-xs text-zinc-500">{tool.description}</p>}
      {tool?.parameters
        .filter((p) => p.form === "llm")
        .map((p) => (
          <TemplateField
            key={p.name}
            label={`${p.label || p.name}${p.required ? " *" : ""}`}
            value={paramText(p.name)}
            groups={groups}
            rows={2}
            placeholder={p.description}
            disabled={readOnly}
            onChange={(value) => patch({ tool_parameters: { ...params, [p.name]: { type: "mixed", value } } })}
          />
        ))}
      {tool?.parameters
        .filter((p) => p.form === "form")
        .map((p) => (
          <label key={p.name} className="block space-y-1 text-xs text-zinc-600">
            <span>
              {p.label || p.name}
              {p.required ? " *" : ""}
            </span>
            {p.options?.length ? (
              <Select aria-label={p.name} className="h-8 text-xs" value={text(configs[p.name])} disabled={readOnly} options={p.options.map((o) => ({ value: o, label: o }))} onChange={(e) => patch({ tool_configurations: { ...configs, [p.name]: e.target.value } })} />
            ) : (
              <Input aria-label={p.name} className="h-8 text-xs" value={text(configs[p.name])} disabled={readOnly} placeholder={p.description} onChange={(e) => patch({ tool_configurations: { ...configs, [p.name]: e.target.value } })} />
            )}
          </label>
        ))}
    </Section>
  );
}
