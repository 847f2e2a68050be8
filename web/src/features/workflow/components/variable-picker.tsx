// Choosing a variable: only what the nodes before this one produce, plus sys / env / conversation.
// A reference to something no longer upstream stays visible, flagged, until it is changed.
import { Select } from "../../../components/ui/select";
import { cn } from "../../../lib/cn";
import type { VarGroup } from "../lib/variables";

const encode = (selector: string[]) => selector.join(".");
const decode = (value: string) => (value ? value.split(".") : []);

interface VariablePickerProps {
  groups: VarGroup[];
  value: unknown;
  onChange: (selector: string[]) => void;
  label: string;
  disabled?: boolean;
  className?: string;
  /** Only variables of these types (e.g. arrays for an iteration). */
  accept?: (type: string) => boolean;
}

export function VariablePicker({ groups, value, onChange, label, disabled, className, accept }: VariablePickerProps) {
  const selector = Array.isArray(value) ? (value as string[]) : [];
  const current = encode(selector);
  const options = groups
    .map((g) => ({
      label: g.title,
      options: g.vars.filter((v) => !accept || accept(v.type) || v.type === "any").map((v) => ({ value: encode([g.nodeId, ...v.name.split(".")]), label: `${v.name} · ${v.type}` })),
    }))
    .filter((g) => g.options.length > 0);
  const known = options.some((g) => g.options.some((o) => o.value === current));
  if (selector.length >= 2 && !known) options.unshift({ label: "Not available here", options: [{ value: current, label: `${current} (missing)` }] });
  return (
    <Select
      aria-label={label}
      aria-invalid={selector.length >= 2 && !known ? true : undefined}
      className={cn("font-mono text-xs", className)}
      value={selector.length >= 2 ? current : ""}
      placeholder="Choose a variable"
      onChange={(e) => onChange(decode(e.target.value))}
      groups={options}
      disabled={disabled}
    />
  );
}

/** A menu that inserts `{{#node.var#}}` into a template field. */
export function VariableInsert({ groups, onInsert, disabled }: { groups: VarGroup[]; onInsert: (text: string) => void; disabled?: boolean }) {
  return (
    <Select
      aria-label="Insert variable"
      className="h-7 text-xs"
      wrapperClassName="w-40"
      value=""
      placeholder="Insert variable…"
      disabled={disabled}
      onChange={(e) => {
        if (e.target.value) onInsert(`{{#${e.target.value}#}}`);
      }}
      groups={groups.map((g) => ({ label: g.title, options: g.vars.map((v) => ({ value: `${g.nodeId}.${v.name}`, label: v.name })) }))}
    />
  );
}
