// The model-backed nodes: LLM (prompt messages, context, memory), question classifier and
// parameter extractor.
import { Input } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { Spinner } from "../../../../components/ui/spinner";
import { errorMessage } from "../../../../lib/api";
import { useChatModels } from "../../api/pickers";
import { AddButton, RemoveButton, Section, TemplateField } from "../fields";
import { VariablePicker } from "../variable-picker";
import { type FormProps, list, randomId, removeAt, replaceAt, text } from "./form-props";

interface Model {
  provider: string;
  name: string;
  mode?: string;
  completion_params?: Record<string, unknown>;
  [key: string]: unknown;
}

export function ModelField({ value, onChange, disabled }: { value: unknown; onChange: (m: Model) => void; disabled?: boolean }) {
  const models = useChatModels();
  const model = (value ?? { provider: "", name: "" }) as Model;
  if (models.isPending) {
    return (
      <div className="flex h-9 items-center gap-2 text-xs text-zinc-400">
        <Spinner className="size-3.5" /> Loading models…
      </div>
    );
  }
  if (models.isError) return <p className="text-xs text-red-600">Couldn't load the models: {errorMessage(models.error)}</p>;
  const current = model.provider && model.name ? `${model.provider}::${model.name}` : "";
  const groups = (models.data ?? []).map((p) => {
    const names = p.models.map((m) => m.model);
    // A provider that takes any model id (one of Dify's) serves an imported node's unlisted model.
    if (p.accepts_any_model && model.provider === p.provider && model.name && !names.includes(model.name)) names.push(model.name);
    return { label: p.label || p.provider, options: names.map((name) => ({ value: `${p.provider}::${name}`, label: name })) };
  });
  if (current && !groups.some((g) => g.options.some((o) => o.value === current))) groups.unshift({ label: "Not set up", options: [{ value: current, label: `${model.provider}/${model.name}` }] });
  return (
    <div className="space-y-1">
      <Select
        aria-label="Model"
        value={current}
        placeholder="Choose a model"
        disabled={disabled}
        groups={groups}
        onChange={(e) => {
          const [provider, ...rest] = e.target.value.split("::");
          onChange({ ...model, provider: provider!, name: rest.join("::"), mode: model.mode ?? "chat", completion_params: model.completion_params ?? {} });
        }}
      />
      {groups.length === 0 && <p className="text-xs text-amber-700">No chat model is set up; add a provider in Settings → Model providers.</p>}
    </div>
  );
}

function Temperature({ model, onChange, disabled }: { model: Model; onChange: (m: Model) => void; disabled?: boolean }) {
  const params = model.completion_params ?? {};
  return (
    <label className="flex items-center justify-between gap-2 text-xs text-zinc-600">
      Temperature
      <Input
        type="number"
        step="0.1"
        min="0"
        max="2"
        className="h-8 w-24"
        aria-label="Temperature"
        value={params.temperature === undefined ? "" : String(params.temperature)}
        disabled={disabled}
        onChange={(e) => onChange({ ...model, completion_params: { ...params, temperature: e.target.value === "" ? undefined : Number(e.target.value) } })}
      />
    </label>
  );
}

interface PromptMessage {
  role: "system" | "user" | "assistant";
  text: string;
  id?: string;
  [key: string]: unknown;
}

export function LlmForm({ data, patch, groups, flavor, readOnly }: FormProps) {
  const model = (data.model ?? { provider: "", name: "" }) as Model;
  const isCompletion = !Array.isArray(data.prompt_template);
  const messages = isCompletion ? [] : list<PromptMessage>(data.prompt_template);
  const context = (data.context ?? { enabled: false, variable_selector: [] }) as { enabled: boolean; variable_selector: string[] };
  const memory = data.memory as { window?: { enabled: boolean; size: number }; [key: string]: unknown } | undefined;
  const promptGroups = context.enabled ? [{ nodeId: "context", title: "Context", vars: [] }, ...groups] : groups;
  const setMessages = (next: PromptMessage[]) => patch({ prompt_template: next });
  return (
    <>
      <Section title="Model">
        <ModelField value={model} disabled={readOnly} onChange={(m) => patch({ model: m })} />
        <Temperature model={model} disabled={readOnly} onChange={(m) => patch({ model: m })} />
      </Section>
      <Section title="Context" hint="Knowledge passed to the prompt as {{#context#}}.">
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={context.enabled} disabled={readOnly} onChange={(e) => patch({ context: { ...context, enabled: e.target.checked } })} />
          Use context
        </label>
        {context.enabled && (
          <VariablePicker label="Context variable" groups={groups} value={context.variable_selector} disabled={readOnly} onChange={(sel) => patch({ context: { ...context, variable_selector: sel } })} />
        )}
      </Section>
      <Section
        title="Prompt"
        action={
          !isCompletion && (
            <AddButton disabled={readOnly} onClick={() => setMessages([...messages, { role: messages.at(-1)?.role === "user" ? "assistant" : "user", text: "", id: randomId() }])}>
              Add message
            </AddButton>
          )
        }
      >
        {isCompletion ? (
          <TemplateField
            label="Prompt"
            value={text((data.prompt_template as { text?: string } | undefined)?.text)}
            groups={promptGroups}
            disabled={readOnly}
            rows={6}
            onChange={(t) => patch({ prompt_template: { ...(data.prompt_template as object), text: t } })}
          />
        ) : (
          messages.map((m, i) => (
            <div key={m.id ?? i} className="space-y-1 rounded-lg border border-zinc-200 p-2" data-testid="prompt-message">
              <div className="flex items-center gap-2">
                <Select
                  aria-label="Role"
                  className="h-7 text-xs"
                  wrapperClassName="w-32"
                  value={m.role}
                  disabled={readOnly}
                  options={[
                    { value: "system", label: "System" },
                    { value: "user", label: "User" },
                    { value: "assistant", label: "Assistant" },
                  ]}
                  onChange={(e) => setMessages(replaceAt(messages, i, { ...m, role: e.target.value as PromptMessage["role"] }))}
                />
                <span className="flex-1" />
                {messages.length > 1 && <RemoveButton label="Remove message" disabled={readOnly} onClick={() => setMessages(removeAt(messages, i))} />}
              </div>
              <TemplateField label={`${m.role} message`} value={m.text} groups={promptGroups} disabled={readOnly} onChange={(t) => setMessages(replaceAt(messages, i, { ...m, text: t }))} />
            </div>
          ))
        )}
      </Section>
      {flavor === "advanced-chat" && (
        <Section title="Memory" hint="Earlier turns of the conversation, sent with the prompt.">
          <label className="flex items-center gap-2 text-xs text-zinc-600">
            <input
              type="checkbox"
              checked={!!memory?.window?.enabled}
              disabled={readOnly}
              onChange={(e) => patch({ memory: { query_prompt_template: "{{#sys.query#}}", ...memory, window: { size: memory?.window?.size ?? 10, enabled: e.target.checked } } })}
            />
            Remember the last
            <Input
              type="number"
              min="1"
              max="100"
              aria-label="Turns remembered"
              className="h-7 w-16"
              value={String(memory?.window?.size ?? 10)}
              disabled={readOnly || !memory?.window?.enabled}
              onChange={(e) => patch({ memory: { ...memory, window: { enabled: true, size: Number(e.target.value) || 1 } } })}
            />
            turns
          </label>
        </Section>
      )}
    </>
  );
}

export function QuestionClassifierForm({ data, patch, groups, readOnly }: FormProps) {
  const classes = list<{ id: string; name: string; label?: string }>(data.classes);
  const set = (next: typeof classes) => patch({ classes: next });
  return (
    <>
      <Section title="Question">
        <VariablePicker label="Question variable" groups={groups} value={data.query_variable_selector} disabled={readOnly} onChange={(sel) => patch({ query_variable_selector: sel })} />
      </Section>
      <Section title="Model">
        <ModelField value={data.model} disabled={readOnly} onChange={(m) => patch({ model: m })} />
      </Section>
      <Section
        title="Classes"
        hint="Each class is a branch; the question goes down the one that fits. The model reads the description; the label (class_label) is for people."
        action={
          <AddButton disabled={readOnly} onClick={() => set([...classes, { id: String(Math.max(0, ...classes.map((c) => Number(c.id) || 0)) + 1), name: "" }])}>
            Add class
          </AddButton>
        }
      >
        {classes.map((c, i) => (
          <div key={c.id} className="grid grid-cols-[7rem_minmax(0,1fr)_auto] items-center gap-2">
            <Input
              aria-label={`Class ${i + 1} label`}
              className="h-8"
              placeholder={`CLASS ${i + 1}`}
              value={c.label ?? ""}
              disabled={readOnly}
              onChange={(e) => set(replaceAt(classes, i, { ...c, label: e.target.value }))}
            />
            <Input aria-label={`Class ${i + 1}`} className="h-8" placeholder={`Class ${i + 1}`} value={c.name} disabled={readOnly} onChange={(e) => set(replaceAt(classes, i, { ...c, name: e.target.value }))} />
            {classes.length > 1 && <RemoveButton label={`Remove class ${i + 1}`} disabled={readOnly} onClick={() => set(removeAt(classes, i))} />}
          </div>
        ))}
      </Section>
      <Section title="Instruction">
        <TemplateField label="Instruction" value={text(data.instruction)} groups={groups} disabled={readOnly} rows={3} onChange={(instruction) => patch({ instruction })} />
      </Section>
    </>
  );
}

interface Parameter {
  name: string;
  type: string;
  description: string;
  required: boolean;
  options?: string[];
  [key: string]: unknown;
}

const PARAM_TYPES = ["string", "number", "boolean", "array[string]", "array[number]", "array[object]", "array[boolean]"].map((t) => ({ value: t, label: t }));

export function ParameterExtractorForm({ data, patch, groups, readOnly }: FormProps) {
  const params = list<Parameter>(data.parameters);
  const set = (next: Parameter[]) => patch({ parameters: next });
  return (
    <>
      <Section title="Input text">
        <VariablePicker label="Input text variable" groups={groups} value={data.query} disabled={readOnly} onChange={(sel) => patch({ query: sel })} />
      </Section>
      <Section title="Model">
        <ModelField value={data.model} disabled={readOnly} onChange={(m) => patch({ model: m })} />
      </Section>
      <Section
        title="Parameters"
        action={
          <AddButton disabled={readOnly} onClick={() => set([...params, { name: `param_${params.length + 1}`, type: "string", description: "", required: true }])}>
            Add parameter
          </AddButton>
        }
      >
        {params.map((prm, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
          <div key={i} className="space-y-1.5 rounded-lg border border-zinc-200 p-2">
            <div className="flex items-center gap-2">
              <Input aria-label="Parameter name" className="h-8 font-mono text-xs" value={prm.name} disabled={readOnly} onChange={(e) => set(replaceAt(params, i, { ...prm, name: e.target.value }))} />
              <Select aria-label="Parameter type" className="h-8 text-xs" wrapperClassName="w-36" value={prm.type} options={PARAM_TYPES} disabled={readOnly} onChange={(e) => set(replaceAt(params, i, { ...prm, type: e.target.value }))} />
              <RemoveButton label={`Remove ${prm.name}`} disabled={readOnly} onClick={() => set(removeAt(params, i))} />
            </div>
            <Input aria-label="Description" className="h-8 text-xs" placeholder="What to extract" value={prm.description} disabled={readOnly} onChange={(e) => set(replaceAt(params, i, { ...prm, description: e.target.value }))} />
            <label className="flex items-center gap-1.5 text-xs text-zinc-600">
              <input type="checkbox" checked={prm.required} disabled={readOnly} onChange={(e) => set(replaceAt(params, i, { ...prm, required: e.target.checked }))} />
              Required
            </label>
          </div>
        ))}
      </Section>
      <Section title="Instruction">
        <TemplateField label="Instruction" value={text(data.instruction)} groups={groups} disabled={readOnly} rows={3} onChange={(instruction) => patch({ instruction })} />
      </Section>
    </>
  );
}
