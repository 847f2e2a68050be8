// Nodes that reshape data: code, template, aggregator, assigner, list operator, document extractor.
import { fieldClasses, Input } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { cn } from "../../../../lib/cn";
import { DEFAULT_CODE } from "../../lib/node-kinds";
import { AddButton, RemoveButton, Section } from "../fields";
import { VariablePicker } from "../variable-picker";
import { type FormProps, list, removeAt, replaceAt, text } from "./form-props";

interface InputVar {
  variable: string;
  value_selector: string[];
  [key: string]: unknown;
}

function InputVars({ vars, onChange, groups, readOnly, hint }: { vars: InputVar[]; onChange: (v: InputVar[]) => void; groups: FormProps["groups"]; readOnly: boolean; hint: string }) {
  return (
    <Section title="Input variables" hint={hint} action={<AddButton disabled={readOnly} onClick={() => onChange([...vars, { variable: `arg${vars.length + 1}`, value_selector: [] }])}>Add variable</AddButton>}>
      {vars.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="flex items-center gap-2" data-testid="input-variable">
          <Input aria-label="Name" className="h-9 w-24 font-mono text-xs" value={v.variable} disabled={readOnly} onChange={(e) => onChange(replaceAt(vars, i, { ...v, variable: e.target.value.replace(/[^A-Za-z0-9_]/g, "_") }))} />
          <VariablePicker label={`Value of ${v.variable}`} groups={groups} value={v.value_selector} disabled={readOnly} className="h-9" onChange={(sel) => onChange(replaceAt(vars, i, { ...v, value_selector: sel }))} />
          <RemoveButton label={`Remove ${v.variable}`} disabled={readOnly} onClick={() => onChange(removeAt(vars, i))} />
        </div>
      ))}
    </Section>
  );
}

const OUTPUT_TYPES = ["string", "number", "boolean", "object", "array[string]", "array[number]", "array[object]", "array[boolean]"].map((t) => ({ value: t, label: t }));

export function CodeForm({ data, patch, groups, readOnly }: FormProps) {
  const outputs = Object.entries((data.outputs as Record<string, { type: string; children: unknown }>) ?? {});
  const setOutputs = (entries: [string, { type: string; children: unknown }][]) => patch({ outputs: Object.fromEntries(entries) });
  return (
    <>
      <InputVars vars={list<InputVar>(data.variables)} groups={groups} readOnly={readOnly} onChange={(variables) => patch({ variables })} hint="Passed to main() as named arguments." />
      <Section
        title="Code"
        action={
          <Select
            aria-label="Language"
            className="h-7 text-xs"
            wrapperClassName="w-32"
            value={text(data.code_language) || "javascript"}
            disabled={readOnly}
            options={[
              { value: "javascript", label: "JavaScript" },
              { value: "python3", label: "Python 3" },
            ]}
            onChange={(e) => {
              // An untouched template follows the language; code the author wrote is kept.
              const untouched = !text(data.code).trim() || Object.values(DEFAULT_CODE).includes(text(data.code));
              patch({ code_language: e.target.value, ...(untouched ? { code: DEFAULT_CODE[e.target.value] ?? "" } : {}) });
            }}
          />
        }
        hint="Define main(); the object it returns becomes the node's outputs."
      >
        <textarea
          aria-label="Code"
          spellCheck={false}
          rows={12}
          className={fieldClasses(cn("py-2 font-mono text-xs leading-relaxed"))}
          value={text(data.code)}
          disabled={readOnly}
          onKeyDown={(e) => {
            // Tab indents instead of leaving the editor.
            if (e.key !== "Tab") return;
            e.preventDefault();
            const el = e.currentTarget;
            const at = el.selectionStart;
            const next = `${el.value.slice(0, at)}  ${el.value.slice(el.selectionEnd)}`;
            patch({ code: next });
            requestAnimationFrame(() => el.setSelectionRange(at + 2, at + 2));
          }}
          onChange={(e) => patch({ code: e.target.value })}
        />
      </Section>
      <Section title="Outputs" hint="Keys of the returned object, with their types." action={<AddButton disabled={readOnly} onClick={() => setOutputs([...outputs, [`output_${outputs.length + 1}`, { type: "string", children: null }]])}>Add output</AddButton>}>
        {outputs.map(([name, o], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
          <div key={i} className="flex items-center gap-2" data-testid="code-output">
            <Input aria-label="Output name" className="h-8 font-mono text-xs" value={name} disabled={readOnly} onChange={(e) => setOutputs(replaceAt(outputs, i, [e.target.value, o]))} />
            <Select aria-label="Output type" className="h-8 text-xs" wrapperClassName="w-36" value={o?.type ?? "string"} options={OUTPUT_TYPES} disabled={readOnly} onChange={(e) => setOutputs(replaceAt(outputs, i, [name, { ...o, type: e.target.value }]))} />
            <RemoveButton label={`Remove ${name}`} disabled={readOnly} onClick={() => setOutputs(removeAt(outputs, i))} />
          </div>
        ))}
      </Section>
    </>
  );
}

export function TemplateForm({ data, patch, groups, readOnly }: FormProps) {
  const vars = list<InputVar>(data.variables);
  return (
    <>
      <InputVars vars={vars} groups={groups} readOnly={readOnly} onChange={(variables) => patch({ variables })} hint="Named for the template: {{ name }}." />
      <Section title="Template" hint="Jinja2; the result is the node's output.">
        <textarea aria-label="Template" spellCheck={false} rows={8} className={fieldClasses("py-2 font-mono text-xs")} value={text(data.template)} disabled={readOnly} onChange={(e) => patch({ template: e.target.value })} />
      </Section>
    </>
  );
}

export function AggregatorForm({ data, patch, groups, readOnly }: FormProps) {
  const vars = list<string[]>(data.variables);
  return (
    <Section title="Variables" hint="The first one that is set becomes the output, so branches can share one downstream path." action={<AddButton disabled={readOnly} onClick={() => patch({ variables: [...vars, []] })}>Add variable</AddButton>}>
      <Select
        aria-label="Output type"
        className="h-8 text-xs"
        value={text(data.output_type) || "string"}
        options={["string", "number", "object", "array[string]", "array[number]", "array[object]", "array[file]", "file"].map((t) => ({ value: t, label: t }))}
        disabled={readOnly}
        onChange={(e) => patch({ output_type: e.target.value })}
      />
      {vars.map((sel, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="flex items-center gap-2">
          <VariablePicker label={`Variable ${i + 1}`} groups={groups} value={sel} disabled={readOnly} className="h-8" onChange={(next) => patch({ variables: replaceAt(vars, i, next) })} />
          <RemoveButton label={`Remove variable ${i + 1}`} disabled={readOnly} onClick={() => patch({ variables: removeAt(vars, i) })} />
        </div>
      ))}
    </Section>
  );
}

const OPERATIONS = ["over-write", "clear", "append", "extend", "set", "+=", "-=", "*=", "/=", "remove-first", "remove-last"];
const NO_VALUE = new Set(["clear", "remove-first", "remove-last"]);

interface AssignItem {
  variable_selector: string[];
  input_type: "variable" | "constant";
  operation: string;
  value: unknown;
  [key: string]: unknown;
}

export function AssignerForm({ data, patch, groups, nodes, readOnly }: FormProps) {
  const items = list<AssignItem>(data.items);
  const set = (next: AssignItem[]) => patch({ version: "2", items: next });
  // Only conversation and loop variables can be written.
  const writable = groups.filter((g) => g.nodeId === "conversation" || nodes.find((n) => n.id === g.nodeId)?.data.type === "loop");
  return (
    <Section title="Assignments" hint="Writes conversation variables (chatflow) or the variables of the loop this node is in." action={<AddButton disabled={readOnly} onClick={() => set([...items, { variable_selector: [], input_type: "variable", operation: "over-write", value: [] }])}>Add assignment</AddButton>}>
      {items.length > 0 && writable.length === 0 && <p className="text-xs text-amber-700">There is no conversation or loop variable to write here yet.</p>}
      {items.map((it, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
        <div key={i} className="space-y-1.5 rounded-lg border border-zinc-200 p-2">
          <div className="flex items-center gap-2">
            <VariablePicker label="Variable to write" groups={writable.length ? writable : groups} value={it.variable_selector} disabled={readOnly} className="h-8" onChange={(sel) => set(replaceAt(items, i, { ...it, variable_selector: sel }))} />
            <RemoveButton label="Remove assignment" disabled={readOnly} onClick={() => set(removeAt(items, i))} />
          </div>
          <div className="flex items-center gap-2">
            <Select aria-label="Operation" className="h-8 text-xs" wrapperClassName="w-32" value={it.operation} options={OPERATIONS.map((o) => ({ value: o, label: o }))} disabled={readOnly} onChange={(e) => set(replaceAt(items, i, { ...it, operation: e.target.value }))} />
            {!NO_VALUE.has(it.operation) && (
              <Select
                aria-label="Value source"
                className="h-8 text-xs"
                wrapperClassName="w-28"
                value={it.input_type}
                disabled={readOnly}
                options={[
                  { value: "variable", label: "Variable" },
                  { value: "constant", label: "Constant" },
                ]}
                onChange={(e) => set(replaceAt(items, i, { ...it, input_type: e.target.value as AssignItem["input_type"], value: e.target.value === "variable" ? [] : "" }))}
              />
            )}
          </div>
          {!NO_VALUE.has(it.operation) &&
            (it.input_type === "variable" ? (
              <VariablePicker label="Value" groups={groups} value={it.value} disabled={readOnly} className="h-8" onChange={(sel) => set(replaceAt(items, i, { ...it, value: sel }))} />
            ) : (
              <Input aria-label="Value" className="h-8 text-xs" value={text(it.value)} disabled={readOnly} onChange={(e) => set(replaceAt(items, i, { ...it, value: e.target.value }))} />
            ))}
        </div>
      ))}
    </Section>
  );
}

export function ListOperatorForm({ data, patch, groups, readOnly }: FormProps) {
  const orderBy = (data.order_by ?? { enabled: false, key: "", value: "asc" }) as { enabled: boolean; key: string; value: string };
  const limit = (data.limit ?? { enabled: false, size: 10 }) as { enabled: boolean; size: number };
  const extract = (data.extract_by ?? { enabled: false, serial: "1" }) as { enabled: boolean; serial: string };
  return (
    <>
      <Section title="List">
        <VariablePicker label="List variable" groups={groups} value={data.variable} disabled={readOnly} accept={(t) => t.startsWith("array")} onChange={(sel) => patch({ variable: sel })} />
      </Section>
      <Section title="Order, limit, pick">
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={orderBy.enabled} disabled={readOnly} onChange={(e) => patch({ order_by: { ...orderBy, enabled: e.target.checked } })} />
          Sort by
          <Input aria-label="Sort key" className="h-7 w-24 text-xs" placeholder="key" value={orderBy.key} disabled={readOnly || !orderBy.enabled} onChange={(e) => patch({ order_by: { ...orderBy, key: e.target.value } })} />
          <Select aria-label="Sort order" className="h-7 text-xs" wrapperClassName="w-24" value={orderBy.value} disabled={readOnly || !orderBy.enabled} options={[{ value: "asc", label: "Ascending" }, { value: "desc", label: "Descending" }]} onChange={(e) => patch({ order_by: { ...orderBy, value: e.target.value } })} />
        </label>
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={limit.enabled} disabled={readOnly} onChange={(e) => patch({ limit: { ...limit, enabled: e.target.checked } })} />
          Keep the first
          <Input type="number" min="1" aria-label="Limit" className="h-7 w-16 text-xs" value={String(limit.size)} disabled={readOnly || !limit.enabled} onChange={(e) => patch({ limit: { ...limit, size: Number(e.target.value) || 1 } })} />
        </label>
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={extract.enabled} disabled={readOnly} onChange={(e) => patch({ extract_by: { ...extract, enabled: e.target.checked } })} />
          Take item number
          <Input aria-label="Item number" className="h-7 w-16 text-xs" value={extract.serial} disabled={readOnly || !extract.enabled} onChange={(e) => patch({ extract_by: { ...extract, serial: e.target.value } })} />
        </label>
      </Section>
    </>
  );
}

export function DocumentExtractorForm({ data, patch, groups, readOnly }: FormProps) {
  return (
    <Section title="File" hint="A file or a list of files; the output is their text.">
      <VariablePicker
        label="File variable"
        groups={groups}
        value={data.variable_selector}
        disabled={readOnly}
        accept={(t) => t === "file" || t === "array[file]"}
        onChange={(sel) => {
          const type = groups.find((g) => g.nodeId === sel[0])?.vars.find((v) => v.name === sel[1])?.type;
          patch({ variable_selector: sel, is_array_file: type === "array[file]" });
        }}
      />
    </Section>
  );
}

