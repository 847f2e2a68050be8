// The start node's inputs as a form, for a debug run.
import { Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";

export interface StartVariable {
  variable: string;
  label?: string;
  type: string;
  required?: boolean;
  options?: string[];
  default?: unknown;
}

/** The values to send: numbers as numbers, JSON objects parsed; problems for missing or bad ones. */
export function collectInputs(vars: StartVariable[], values: Record<string, string | boolean>): { inputs: Record<string, unknown>; problems: string[] } {
  const inputs: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const v of vars) {
    const raw = values[v.variable];
    const name = v.label || v.variable;
    if (v.type === "checkbox") {
      inputs[v.variable] = raw === true;
      continue;
    }
    if (v.type === "file" || v.type === "file-list") continue;
    const textValue = typeof raw === "string" ? raw : "";
    if (!textValue.trim()) {
      if (v.required) problems.push(`Fill in “${name}”.`);
      continue;
    }
    if (v.type === "number") {
      const n = Number(textValue);
      if (Number.isNaN(n)) problems.push(`“${name}” must be a number.`);
      else inputs[v.variable] = n;
    } else if (v.type === "json_object") {
      try {
        inputs[v.variable] = JSON.parse(textValue);
      } catch {
        problems.push(`“${name}” must be valid JSON.`);
      }
    } else inputs[v.variable] = textValue;
  }
  return { inputs, problems };
}

export function RunInputs({ vars, values, onChange, disabled }: { vars: StartVariable[]; values: Record<string, string | boolean>; onChange: (next: Record<string, string | boolean>) => void; disabled?: boolean }) {
  if (vars.length === 0) return <p className="text-xs text-zinc-500">The Start node declares no inputs.</p>;
  const set = (key: string, value: string | boolean) => onChange({ ...values, [key]: value });
  return (
    <div className="space-y-3" data-testid="run-inputs">
      {vars.map((v) => {
        const label = `${v.label || v.variable}${v.required ? " *" : ""}`;
        const value = values[v.variable];
        const textValue = typeof value === "string" ? value : "";
        return (
          <label key={v.variable} className="block space-y-1">
            <span className="text-[13px] font-medium text-zinc-700">{label}</span>
            {v.type === "paragraph" || v.type === "json_object" ? (
              <Textarea aria-label={v.label || v.variable} rows={3} value={textValue} disabled={disabled} onChange={(e) => set(v.variable, e.target.value)} className={v.type === "json_object" ? "font-mono text-xs" : undefined} />
            ) : v.type === "select" ? (
              <Select aria-label={v.label || v.variable} value={textValue} placeholder="Choose…" disabled={disabled} options={(v.options ?? []).map((o) => ({ value: o, label: o }))} onChange={(e) => set(v.variable, e.target.value)} />
            ) : v.type === "checkbox" ? (
              <input type="checkbox" aria-label={v.label || v.variable} checked={value === true} disabled={disabled} onChange={(e) => set(v.variable, e.target.checked)} className="block" />
            ) : v.type === "file" || v.type === "file-list" ? (
              <p className="text-xs text-zinc-500">File inputs can't be sent from the debugger yet; run through the API to pass files.</p>
            ) : (
              <Input aria-label={v.label || v.variable} type={v.type === "number" ? "number" : "text"} value={textValue} disabled={disabled} onChange={(e) => set(v.variable, e.target.value)} />
            )}
          </label>
        );
      })}
    </div>
  );
}
