// Branching and repetition: IF/ELSE cases, iteration over a list, loops with break conditions.
import { Input } from "../../../../components/ui/input";
import { Select } from "../../../../components/ui/select";
import { childVariables, type VarGroup } from "../../lib/variables";
import { AddButton, RemoveButton, Section } from "../fields";
import { VariablePicker } from "../variable-picker";
import { type FormProps, list, randomId, removeAt, replaceAt, text } from "./form-props";

/** Dify's comparison operators; the unary ones take no value. */
export const OPERATORS = ["contains", "not contains", "start with", "end with", "is", "is not", "empty", "not empty", "in", "not in", "all of", "=", "≠", ">", "<", "≥", "≤", "null", "not null", "exists", "not exists"];
const UNARY = new Set(["empty", "not empty", "null", "not null", "exists", "not exists"]);

interface Condition {
  id?: string;
  variable_selector: string[];
  comparison_operator: string;
  value: unknown;
  varType?: string;
  [key: string]: unknown;
}

function typeOf(groups: VarGroup[], sel: string[]): string | undefined {
  return groups.find((g) => g.nodeId === sel[0])?.vars.find((v) => v.name === sel.slice(1).join("."))?.type;
}

export function ConditionsEditor({ conditions, onChange, groups, readOnly }: { conditions: Condition[]; onChange: (next: Condition[]) => void; groups: VarGroup[]; readOnly: boolean }) {
  return (
    <div className="space-y-2">
      {conditions.map((c, i) => (
        <div key={c.id ?? i} className="space-y-1.5 rounded-lg border border-zinc-200 bg-white p-2" data-testid="condition">
          <div className="flex items-center gap-2">
            <VariablePicker
              label="Condition variable"
              groups={groups}
              value={c.variable_selector}
              disabled={readOnly}
              className="h-8"
              onChange={(sel) => {
                const varType = typeOf(groups, sel);
                onChange(replaceAt(conditions, i, { ...c, variable_selector: sel, ...(varType ? { varType } : {}) }));
              }}
            />
            <RemoveButton label="Remove condition" disabled={readOnly} onClick={() => onChange(removeAt(conditions, i))} />
          </div>
          <div className="flex items-center gap-2">
            <Select
              aria-label="Operator"
              className="h-8 text-xs"
              wrapperClassName="w-36"
              value={c.comparison_operator}
              disabled={readOnly}
              options={OPERATORS.map((o) => ({ value: o, label: o }))}
              onChange={(e) => onChange(replaceAt(conditions, i, { ...c, comparison_operator: e.target.value }))}
            />
            {!UNARY.has(c.comparison_operator) && (
              <Input
                aria-label="Compare with"
                className="h-8 text-xs"
                placeholder="Value"
                value={text(c.value)}
                disabled={readOnly}
                onChange={(e) => onChange(replaceAt(conditions, i, { ...c, value: e.target.value }))}
              />
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

const newCondition = (): Condition => ({ id: randomId(), variable_selector: [], comparison_operator: "contains", value: "" });

function LogicToggle({ value, onChange, readOnly }: { value: string; onChange: (v: "and" | "or") => void; readOnly: boolean }) {
  return (
    <Select
      aria-label="Match"
      className="h-7 text-xs"
      wrapperClassName="w-28"
      value={value}
      disabled={readOnly}
      options={[
        { value: "and", label: "All (AND)" },
        { value: "or", label: "Any (OR)" },
      ]}
      onChange={(e) => onChange(e.target.value as "and" | "or")}
    />
  );
}

interface Case {
  case_id: string;
  id?: string;
  logical_operator: "and" | "or";
  conditions: Condition[];
  [key: string]: unknown;
}

export function IfElseForm({ data, patch, groups, readOnly }: FormProps) {
  const cases = list<Case>(data.cases);
  const set = (next: Case[]) => patch({ cases: next });
  return (
    <Section
      title="Cases"
      hint="The first case whose conditions hold takes its branch; otherwise ELSE."
      action={
        <AddButton
          disabled={readOnly}
          onClick={() => {
            const id = randomId();
            set([...cases, { case_id: id, id, logical_operator: "and", conditions: [newCondition()] }]);
          }}
        >
          Add ELIF
        </AddButton>
      }
    >
      {cases.map((c, i) => (
        <div key={c.case_id} className="space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-2.5" data-testid="if-case">
          <div className="flex items-center gap-2">
            <span className="text-xs font-semibold text-zinc-700">{i === 0 ? "IF" : `ELIF ${i}`}</span>
            <span className="flex-1" />
            {c.conditions.length > 1 && <LogicToggle value={c.logical_operator} readOnly={readOnly} onChange={(v) => set(replaceAt(cases, i, { ...c, logical_operator: v }))} />}
            {cases.length > 1 && <RemoveButton label={`Remove case ${i + 1}`} disabled={readOnly} onClick={() => set(removeAt(cases, i))} />}
          </div>
          <ConditionsEditor conditions={list<Condition>(c.conditions)} groups={groups} readOnly={readOnly} onChange={(conditions) => set(replaceAt(cases, i, { ...c, conditions }))} />
          <AddButton disabled={readOnly} onClick={() => set(replaceAt(cases, i, { ...c, conditions: [...list<Condition>(c.conditions), newCondition()] }))}>
            Add condition
          </AddButton>
        </div>
      ))}
      <p className="text-xs font-semibold text-zinc-700">ELSE</p>
    </Section>
  );
}

export function IterationForm({ node, data, patch, groups, nodes, readOnly }: FormProps) {
  const inner = childVariables(node.id, nodes);
  return (
    <>
      <Section title="List" hint="Inner nodes run once per item, reading Iteration · item and index.">
        <VariablePicker label="List to iterate over" groups={groups} value={data.iterator_selector} disabled={readOnly} accept={(t) => t.startsWith("array")} onChange={(sel) => patch({ iterator_selector: sel })} />
      </Section>
      <Section title="Output" hint="The variable of an inner node collected from each pass.">
        {inner.length === 0 ? (
          <p className="text-xs text-zinc-400">Add nodes inside the iteration first.</p>
        ) : (
          <VariablePicker label="Output of each pass" groups={inner} value={data.output_selector} disabled={readOnly} onChange={(sel) => patch({ output_selector: sel })} />
        )}
      </Section>
      <Section title="Running">
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={!!data.is_parallel} disabled={readOnly} onChange={(e) => patch({ is_parallel: e.target.checked })} />
          Run passes in parallel, up to
          <Input type="number" min="1" max="100" aria-label="Parallel passes" className="h-7 w-16" value={String(data.parallel_nums ?? 10)} disabled={readOnly || !data.is_parallel} onChange={(e) => patch({ parallel_nums: Number(e.target.value) || 1 })} />
        </label>
        <Select
          aria-label="When a pass fails"
          className="h-8 text-xs"
          value={text(data.error_handle_mode) || "terminated"}
          disabled={readOnly}
          options={[
            { value: "terminated", label: "Stop the iteration" },
            { value: "continue-on-error", label: "Continue, keep a null" },
            { value: "remove-abnormal-output", label: "Continue, drop the failed output" },
          ]}
          onChange={(e) => patch({ error_handle_mode: e.target.value })}
        />
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          <input type="checkbox" checked={data.flatten_output !== false} disabled={readOnly} onChange={(e) => patch({ flatten_output: e.target.checked })} />
          Flatten list outputs
        </label>
      </Section>
    </>
  );
}

interface LoopVariable {
  id?: string;
  label: string;
  var_type: string;
  value_type: "constant" | "variable";
  value: unknown;
  [key: string]: unknown;
}

export function LoopForm({ node, data, patch, groups, readOnly }: FormProps) {
  const vars = list<LoopVariable>(data.loop_variables);
  const setVars = (next: LoopVariable[]) => patch({ loop_variables: next });
  // Break conditions read the loop's own variables too.
  const breakGroups: VarGroup[] = [{ nodeId: node.id, title: data.title || "Loop", vars: vars.filter((v) => v.label).map((v) => ({ name: v.label, type: "any" as const })) }, ...groups];
  return (
    <>
      <Section title="Loop variables" hint="Carried from one pass to the next; inner nodes update them with a Variable assigner." action={<AddButton disabled={readOnly} onClick={() => setVars([...vars, { id: randomId(), label: `var_${vars.length + 1}`, var_type: "number", value_type: "constant", value: "0" }])}>Add variable</AddButton>}>
        {vars.map((v, i) => (
          <div key={v.id ?? i} className="flex items-center gap-2">
            <Input aria-label="Variable name" className="h-8 w-24 font-mono text-xs" value={v.label} disabled={readOnly} onChange={(e) => setVars(replaceAt(vars, i, { ...v, label: e.target.value }))} />
            <Select aria-label="Type" className="h-8 text-xs" wrapperClassName="w-28" value={v.var_type} disabled={readOnly} options={["string", "number", "boolean", "object", "array[string]", "array[number]"].map((t) => ({ value: t, label: t }))} onChange={(e) => setVars(replaceAt(vars, i, { ...v, var_type: e.target.value }))} />
            <Input aria-label="Initial value" className="h-8 text-xs" value={text(v.value)} disabled={readOnly} onChange={(e) => setVars(replaceAt(vars, i, { ...v, value_type: "constant", value: e.target.value }))} />
            <RemoveButton label={`Remove ${v.label}`} disabled={readOnly} onClick={() => setVars(removeAt(vars, i))} />
          </div>
        ))}
      </Section>
      <Section title="Stop when" action={list(data.break_conditions).length > 1 && <LogicToggle value={text(data.logical_operator) || "and"} readOnly={readOnly} onChange={(v) => patch({ logical_operator: v })} />}>
        <ConditionsEditor conditions={list<Condition>(data.break_conditions)} groups={breakGroups} readOnly={readOnly} onChange={(break_conditions) => patch({ break_conditions })} />
        <AddButton disabled={readOnly} onClick={() => patch({ break_conditions: [...list<Condition>(data.break_conditions), { ...newCondition(), comparison_operator: "≥" }] })}>
          Add condition
        </AddButton>
        <label className="flex items-center justify-between gap-2 text-xs text-zinc-600">
          At most this many passes
          <Input type="number" min="1" max="1000" aria-label="Maximum passes" className="h-8 w-24" value={String(data.loop_count ?? 10)} disabled={readOnly} onChange={(e) => patch({ loop_count: Number(e.target.value) || 1 })} />
        </label>
      </Section>
    </>
  );
}
