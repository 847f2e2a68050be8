// Start (the run's inputs), End (the run's outputs) and Answer (the chat reply).
import { Input } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { AddButton, RemoveButton, Section, TemplateField } from "../fields";
import { VariablePicker } from "../variable-picker";
import { type FormProps, list, removeAt, replaceAt, text } from "./form-props";

const INPUT_TYPES = [
  { value: "text-input", label: "Short text" },
  { value: "paragraph", label: "Paragraph" },
  { value: "select", label: "Select" },
  { value: "number", label: "Number" },
  { value: "checkbox", label: "Checkbox" },
  { value: "json_object", label: "JSON object" },
  { value: "file", label: "File" },
  { value: "file-list", label: "File list" },
];

interface StartVariable {
  variable: string;
  label: string;
  type: string;
  required: boolean;
  max_length?: number | null;
  options?: string[];
  [key: string]: unknown;
}

export function StartForm({ data, patch, readOnly }: FormProps) {
  const vars = list<StartVariable>(data.variables);
  const set = (next: StartVariable[]) => patch({ variables: next });
  return (
    <Section
      title="Inputs"
      hint="What a user fills in before a run. Later nodes read them as Start's variables."
      action={
        <AddButton
          disabled={readOnly}
          onClick={() => set([...vars, { variable: `input_${vars.length + 1}`, label: `Input ${vars.length + 1}`, type: "text-input", required: true, max_length: 256, options: [] }])}
        >
          Add input
        </AddButton>
      }
    >
      {vars.length === 0 && <p className="text-xs text-zinc-400">No inputs yet.</p>}
      {vars.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="space-y-2 rounded-lg border border-zinc-200 p-2.5" data-testid="start-variable">
          <div className="flex items-center gap-2">
            <Input aria-label="Variable name" className="h-8 font-mono text-xs" value={v.variable} disabled={readOnly} onChange={(e) => set(replaceAt(vars, i, { ...v, variable: e.target.value.replace(/[^A-Za-z0-9_]/g, "_") }))} />
            <RemoveButton label={`Remove ${v.variable}`} disabled={readOnly} onClick={() => set(removeAt(vars, i))} />
          </div>
          <Input aria-label="Label" className="h-8" value={v.label} disabled={readOnly} onChange={(e) => set(replaceAt(vars, i, { ...v, label: e.target.value }))} />
          <div className="flex items-center gap-2">
            <Select aria-label="Input type" className="h-8 text-xs" wrapperClassName="flex-1" value={v.type} disabled={readOnly} options={INPUT_TYPES} onChange={(e) => set(replaceAt(vars, i, { ...v, type: e.target.value }))} />
            <label className="flex items-center gap-1.5 text-xs text-zinc-600">
              <input type="checkbox" checked={!!v.required} disabled={readOnly} onChange={(e) => set(replaceAt(vars, i, { ...v, required: e.target.checked }))} />
              Required
            </label>
          </div>
          {v.type === "select" && (
            <Input
              aria-label="Options"
              className="h-8 text-xs"
              placeholder="Options, separated by commas"
              value={list<string>(v.options).join(", ")}
              disabled={readOnly}
              onChange={(e) => set(replaceAt(vars, i, { ...v, options: e.target.value.split(",").map((o) => o.trim()).filter(Boolean) }))}
            />
          )}
        </div>
      ))}
    </Section>
  );
}

interface EndOutput {
  variable: string;
  value_selector: string[];
  value_type?: string;
  [key: string]: unknown;
}

export function EndForm({ data, patch, groups, readOnly }: FormProps) {
  const outputs = list<EndOutput>(data.outputs);
  const set = (next: EndOutput[]) => patch({ outputs: next });
  return (
    <Section
      title="Outputs"
      hint="What the run returns, each read from a variable."
      action={
        <AddButton disabled={readOnly} onClick={() => set([...outputs, { variable: outputs.length ? `output_${outputs.length + 1}` : "result", value_selector: [] }])}>
          Add output
        </AddButton>
      }
    >
      {outputs.length === 0 && <p className="text-xs text-zinc-400">No outputs yet.</p>}
      {outputs.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="flex items-center gap-2" data-testid="end-output">
          <Input aria-label="Output name" className="h-9 w-28 font-mono text-xs" value={o.variable} disabled={readOnly} onChange={(e) => set(replaceAt(outputs, i, { ...o, variable: e.target.value }))} />
          <VariablePicker
            label={`Value of ${o.variable || "output"}`}
            groups={groups}
            value={o.value_selector}
            disabled={readOnly}
            className="h-9"
            onChange={(sel) => {
              const type = groups.find((g) => g.nodeId === sel[0])?.vars.find((v) => v.name === sel.slice(1).join("."))?.type;
              set(replaceAt(outputs, i, { ...o, value_selector: sel, ...(type && type !== "any" ? { value_type: type } : {}) }));
            }}
          />
          <RemoveButton label={`Remove ${o.variable}`} disabled={readOnly} onClick={() => set(removeAt(outputs, i))} />
        </div>
      ))}
    </Section>
  );
}

export function AnswerForm({ data, patch, groups, readOnly }: FormProps) {
  return (
    <Section title="Answer" hint="The reply, with variables. Several Answer nodes reply in the order they run.">
      <TemplateField label="Answer text" value={text(data.answer)} groups={groups} disabled={readOnly} rows={6} onChange={(answer) => patch({ answer })} />
    </Section>
  );
}
