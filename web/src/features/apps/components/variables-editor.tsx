// The app's input variables: a row per variable (key, label, type, required), expandable to its
// details (max length, default, options), with reorder and delete.
import { type ReactNode, useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { ChevronDownIcon, PlusIcon, TrashIcon, XIcon } from "../../../components/ui/icons";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { cn } from "../../../lib/cn";
import {
  changeKind,
  EDITABLE_KINDS,
  type FormVariable,
  KIND_LABELS,
  moveItem,
  type VariableProblem,
  variableProblem,
} from "../lib/variables";
import { ArrowDownIcon, ArrowUpIcon, BracesIcon } from "./icons";
import { Toggle } from "./toggle";

interface VariablesEditorProps {
  variables: FormVariable[];
  onChange: (variables: FormVariable[]) => void;
  /** A variable's key changed (on blur), so the prompt's placeholders can follow. */
  onRename: (from: string, to: string) => void;
  onAdd: () => void;
  disabled?: boolean;
}

let nextRowId = 1;
const newIds = (n: number) => Array.from({ length: n }, () => nextRowId++);

export function VariablesEditor({ variables, onChange, onRename, onAdd, disabled }: VariablesEditorProps) {
  // Row identities survive edits of the key, so typing a key doesn't remount its inputs.
  const [ids, setIds] = useState(() => newIds(variables.length));
  const [open, setOpen] = useState<number | null>(null);

  // Rows added from outside (the prompt's "Add variable") get ids, and open for editing.
  if (ids.length !== variables.length) {
    if (variables.length > ids.length) {
      const added = newIds(variables.length - ids.length);
      setIds([...ids, ...added]);
      setOpen(added[added.length - 1]!);
    } else {
      setIds(newIds(variables.length));
    }
    return null;
  }

  const update = (i: number, v: FormVariable) => onChange(variables.map((x, j) => (j === i ? v : x)));
  const move = (i: number, to: number) => {
    setIds(moveItem(ids, i, to));
    onChange(moveItem(variables, i, to));
  };
  const remove = (i: number) => {
    setIds(ids.filter((_, j) => j !== i));
    onChange(variables.filter((_, j) => j !== i));
  };

  return (
    <div className="space-y-2">
      {variables.length === 0 ? (
        <EmptyState
          compact
          className="rounded-lg border border-dashed border-zinc-200 py-6"
          icon={<BracesIcon className="size-5" />}
          title="No variables"
          description="Variables are form fields users fill in before chatting, like a name or a topic. Use them in the prompt as {{key}}."
        />
      ) : (
        <ul className="space-y-2" aria-label="Variables">
          {variables.map((v, i) => (
            <VariableRow
              key={ids[i]}
              variable={v}
              problem={variableProblem(v, variables)}
              expanded={open === ids[i]}
              onToggle={() => setOpen(open === ids[i] ? null : ids[i]!)}
              onChange={(next) => update(i, next)}
              onRename={onRename}
              onMoveUp={i > 0 ? () => move(i, i - 1) : undefined}
              onMoveDown={i < variables.length - 1 ? () => move(i, i + 1) : undefined}
              onRemove={() => remove(i)}
              disabled={disabled}
            />
          ))}
        </ul>
      )}
      <Button size="sm" icon={<PlusIcon className="size-3.5" />} onClick={onAdd} disabled={disabled}>
        Add variable
      </Button>
    </div>
  );
}

interface VariableRowProps {
  variable: FormVariable;
  problem: VariableProblem | null;
  expanded: boolean;
  onToggle: () => void;
  onChange: (v: FormVariable) => void;
  onRename: (from: string, to: string) => void;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onRemove: () => void;
  disabled?: boolean;
}

function VariableRow({ variable: v, problem, expanded, onToggle, onChange, onRename, onMoveUp, onMoveDown, onRemove, disabled }: VariableRowProps) {
  const keyAtFocus = useRef(v.variable);
  const editable = (EDITABLE_KINDS as readonly string[]).includes(v.kind);
  const kinds = editable ? EDITABLE_KINDS : [...EDITABLE_KINDS, v.kind];

  return (
    <li data-testid="variable-row" className={cn("rounded-lg border bg-white", problem ? "border-amber-300" : "border-zinc-200")}>
      <div className="flex items-center gap-2 px-2.5 py-2">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-label={`${expanded ? "Collapse" : "Edit"} ${v.variable || "variable"}`}
          className="flex min-w-0 flex-1 cursor-pointer items-center gap-2 text-left"
        >
          <ChevronDownIcon className={cn("size-4 shrink-0 text-zinc-400 transition-transform", !expanded && "-rotate-90")} />
          <code className="max-w-[45%] shrink-0 truncate rounded bg-brand-50 px-1.5 py-0.5 font-mono text-xs text-brand-700">{v.variable || "…"}</code>
          <span className="min-w-0 truncate text-[13px] text-zinc-600">{v.label}</span>
          <span className="ml-auto shrink-0 text-[11px] whitespace-nowrap text-zinc-400">
            {KIND_LABELS[v.kind]}
            {v.required && " · required"}
          </span>
        </button>
        <div className="flex items-center">
          <IconButton label={`Move ${v.variable} up`} onClick={onMoveUp} disabled={disabled || !onMoveUp}>
            <ArrowUpIcon className="size-3.5" />
          </IconButton>
          <IconButton label={`Move ${v.variable} down`} onClick={onMoveDown} disabled={disabled || !onMoveDown}>
            <ArrowDownIcon className="size-3.5" />
          </IconButton>
          <IconButton label={`Delete ${v.variable}`} onClick={onRemove} disabled={disabled} danger>
            <TrashIcon className="size-3.5" />
          </IconButton>
        </div>
      </div>
      {problem && !expanded && <p className="px-3 pb-2 text-xs text-amber-700">{problem.message}</p>}
      {expanded && (
        <div className="grid gap-3 border-t border-zinc-100 px-3 py-3 sm:grid-cols-2">
          <Field label="Type">
            {(id) => (
              <Select
                id={id}
                value={v.kind}
                disabled={disabled || !editable}
                onChange={(e) => onChange(changeKind(v, e.target.value as FormVariable["kind"]))}
                options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              />
            )}
          </Field>
          <Field label="Key" error={problem?.field === "variable" ? problem.message : undefined}>
            {(id, described) => (
              <Input
                id={id}
                value={v.variable}
                disabled={disabled}
                spellCheck={false}
                className="font-mono text-[13px]"
                aria-describedby={described}
                onFocus={() => {
                  keyAtFocus.current = v.variable;
                }}
                onBlur={() => {
                  if (keyAtFocus.current !== v.variable) onRename(keyAtFocus.current, v.variable);
                }}
                onChange={(e) => onChange({ ...v, variable: e.target.value.trim() })}
              />
            )}
          </Field>
          <Field label="Label" hint="What the user sees above the field.">
            {(id, described) => (
              <Input id={id} value={v.label} disabled={disabled} aria-describedby={described} onChange={(e) => onChange({ ...v, label: e.target.value })} />
            )}
          </Field>
          {(v.kind === "text-input" || v.kind === "paragraph") && (
            <Field label="Max length" optional error={problem?.field === "max_length" ? problem.message : undefined}>
              {(id, described) => (
                <Input
                  id={id}
                  type="number"
                  min={1}
                  value={v.max_length ?? ""}
                  disabled={disabled}
                  aria-describedby={described}
                  onChange={(e) => onChange({ ...v, max_length: e.target.value ? Number.parseInt(e.target.value, 10) : null })}
                />
              )}
            </Field>
          )}
          {v.kind === "select" ? (
            <OptionsEditor
              options={v.options}
              problem={problem?.field === "options" ? problem.message : undefined}
              disabled={disabled}
              onChange={(options) => onChange({ ...v, options, default: v.default && options.includes(String(v.default)) ? v.default : null })}
            />
          ) : null}
          <Field label="Default" optional hint="Filled in until the user changes it.">
            {(id, described) =>
              v.kind === "select" ? (
                <Select
                  id={id}
                  value={v.default == null ? "" : String(v.default)}
                  disabled={disabled}
                  aria-describedby={described}
                  onChange={(e) => onChange({ ...v, default: e.target.value || null })}
                  options={[{ value: "", label: "No default" }, ...v.options.filter(Boolean).map((o) => ({ value: o, label: o }))]}
                />
              ) : (
                <Input
                  id={id}
                  type={v.kind === "number" ? "number" : "text"}
                  value={v.default == null ? "" : String(v.default)}
                  disabled={disabled}
                  aria-describedby={described}
                  onChange={(e) =>
                    onChange({ ...v, default: e.target.value === "" ? null : v.kind === "number" ? Number(e.target.value) : e.target.value })
                  }
                />
              )
            }
          </Field>
          <div className="flex items-end pb-1.5">
            <Toggle label="Required" checked={v.required} disabled={disabled} onChange={(required) => onChange({ ...v, required })} />
          </div>
        </div>
      )}
    </li>
  );
}

function OptionsEditor({ options, onChange, problem, disabled }: { options: string[]; onChange: (o: string[]) => void; problem?: string; disabled?: boolean }) {
  return (
    <div className="space-y-1.5 sm:col-span-2">
      <p className="text-[13px] font-medium text-zinc-700">Options</p>
      <ul className="space-y-1.5">
        {options.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options may repeat while typed; their place is their identity
          <li key={i} className="flex items-center gap-1.5">
            <Input
              aria-label={`Option ${i + 1}`}
              value={o}
              disabled={disabled}
              onChange={(e) => onChange(options.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <IconButton label={`Remove option ${i + 1}`} onClick={() => onChange(options.filter((_, j) => j !== i))} disabled={disabled}>
              <XIcon className="size-3.5" />
            </IconButton>
          </li>
        ))}
      </ul>
      {problem && <p className="text-xs text-red-600">{problem}</p>}
      <Button size="sm" variant="ghost" icon={<PlusIcon className="size-3.5" />} onClick={() => onChange([...options, ""])} disabled={disabled}>
        Add option
      </Button>
    </div>
  );
}

function IconButton({ label, onClick, disabled, danger, children }: { label: string; onClick?: () => void; disabled?: boolean; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={cn(
        "flex size-7 cursor-pointer items-center justify-center rounded-md text-zinc-400 transition-colors disabled:cursor-not-allowed disabled:opacity-30",
        danger ? "hover:bg-red-50 hover:text-red-600" : "hover:bg-zinc-100 hover:text-zinc-700",
      )}
    >
      {children}
    </button>
  );
}
