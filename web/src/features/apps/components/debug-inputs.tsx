import { useState } from "react";
import { ChevronDownIcon } from "../../../components/ui/icons";
import { Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { cn } from "../../../lib/cn";
import type { FormVariable } from "../lib/variables";

interface DebugInputsProps {
  variables: FormVariable[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** The variable to point at (a required one left empty). */
  invalid?: string | null;
  disabled?: boolean;
}

/** The app's input form as a user would fill it, for trying the draft. */
export function DebugInputs({ variables, values, onChange, invalid, disabled }: DebugInputsProps) {
  const [open, setOpen] = useState(true);
  if (variables.length === 0) return null;
  const set = (key: string, value: string) => onChange({ ...values, [key]: value });
  return (
    <div className="border-b border-zinc-200 bg-zinc-50/70">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        className="flex w-full cursor-pointer items-center gap-2 px-4 py-2 text-left text-xs font-medium text-zinc-600 hover:text-zinc-900"
      >
        <ChevronDownIcon className={cn("size-3.5 transition-transform", !open && "-rotate-90")} />
        Variables <span className="text-zinc-400">({variables.length})</span>
      </button>
      {open && (
        <div className="grid gap-2.5 px-4 pb-3 sm:grid-cols-2" data-testid="debug-inputs">
          {variables.map((v) => {
            const label = v.label || v.variable;
            const bad = invalid === v.variable;
            const common = {
              "aria-label": label,
              "aria-invalid": bad || undefined,
              disabled,
              value: values[v.variable] ?? "",
            };
            return (
              <label key={v.variable} className={cn("space-y-1", v.kind === "paragraph" && "sm:col-span-2")}>
                <span className="flex items-baseline gap-1 text-xs font-medium text-zinc-600">
                  {label}
                  {v.required && <span className="text-red-500">*</span>}
                </span>
                {v.kind === "paragraph" ? (
                  <Textarea {...common} rows={2} maxLength={v.max_length ?? undefined} onChange={(e) => set(v.variable, e.target.value)} className="min-h-14! text-[13px]" />
                ) : v.kind === "select" ? (
                  <Select
                    {...common}
                    onChange={(e) => set(v.variable, e.target.value)}
                    placeholder="Choose…"
                    options={v.options.filter(Boolean).map((o) => ({ value: o, label: o }))}
                    className="h-8! text-[13px]"
                  />
                ) : (
                  <Input
                    {...common}
                    type={v.kind === "number" ? "number" : "text"}
                    maxLength={v.max_length ?? undefined}
                    onChange={(e) => set(v.variable, e.target.value)}
                    className="h-8! text-[13px]"
                  />
                )}
                {bad && <span className="text-xs text-red-600">Fill this in first; it's required.</span>}
              </label>
            );
          })}
        </div>
      )}
    </div>
  );
}
