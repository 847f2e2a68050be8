// Small building blocks the node forms share: a labelled section, a text area that takes
// variable insertions, and add/remove rows.
import type { ReactNode } from "react";
import { useRef } from "react";
import { Button } from "../../../components/ui/button";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { fieldClasses } from "../../../components/ui/input";
import { cn } from "../../../lib/cn";
import type { VarGroup } from "../lib/variables";
import { VariableInsert } from "./variable-picker";

export function Section({ title, action, children, hint }: { title: ReactNode; action?: ReactNode; children: ReactNode; hint?: ReactNode }) {
  return (
    <section className="space-y-2 border-t border-zinc-100 px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h4>
        {action}
      </div>
      {hint && <p className="text-xs text-zinc-500">{hint}</p>}
      {children}
    </section>
  );
}

export function AddButton({ onClick, children, disabled }: { onClick: () => void; children: ReactNode; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="inline-flex cursor-pointer items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-50"
    >
      <PlusIcon className="size-3.5" />
      {children}
    </button>
  );
}

export function RemoveButton({ onClick, label, disabled }: { onClick: () => void; label: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className="shrink-0 cursor-pointer rounded-md p-1 text-zinc-400 hover:bg-red-50 hover:text-red-600 disabled:cursor-not-allowed disabled:opacity-50"
    >
      <TrashIcon className="size-3.5" />
    </button>
  );
}

interface TemplateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  groups: VarGroup[];
  rows?: number;
  placeholder?: string;
  disabled?: boolean;
  mono?: boolean;
}

/** A text area for templates; "Insert variable" puts `{{#node.var#}}` at the cursor. */
export function TemplateField({ label, value, onChange, groups, rows = 4, placeholder, disabled, mono }: TemplateFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const insert = (text: string) => {
    const el = ref.current;
    const at = el ? el.selectionStart : value.length;
    const end = el ? el.selectionEnd : value.length;
    onChange(value.slice(0, at) + text + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-[13px] font-medium text-zinc-700">{label}</span>
        <VariableInsert groups={groups} onInsert={insert} disabled={disabled} />
      </div>
      <textarea
        ref={ref}
        aria-label={label}
        rows={rows}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className={fieldClasses(cn("min-h-20 py-2", mono && "font-mono text-xs"))}
      />
    </div>
  );
}

/** The footer of the editor's settings dialogs: Cancel, and Save unless the viewer may not edit. */
export function SaveFooter({ onCancel, onSave, readOnly }: { onCancel: () => void; onSave: () => void; readOnly: boolean }) {
  return (
    <>
      <Button onClick={onCancel}>Cancel</Button>
      {!readOnly && (
        <Button variant="primary" onClick={onSave}>
          Save
        </Button>
      )}
    </>
  );
}
