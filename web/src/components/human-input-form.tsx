// One Human Input form of a paused workflow run: its Markdown with each input drawn where its
// `{{#$output.NAME#}}` placeholder stands, one button per action, when it expires, and why a
// submission was refused. What a submission does is the caller's (`onSubmit`).
import { useMemo, useState } from "react";
import { formatDateTime, formatRelative } from "../lib/format";
import {
  type ButtonStyle,
  checkFormValues,
  type FormPart,
  formErrorMessage,
  formParts,
  type HumanInputAction,
  type HumanInputField,
  type HumanInputFormView,
  type HumanInputSubmission,
  initialFormValues,
  isFormClosed,
  optionsOf,
  unsupportedFields,
} from "../lib/human-input";
import { Markdown } from "./markdown";
import { Alert } from "./ui/alert";
import { Button, type ButtonProps } from "./ui/button";
import { Field, Textarea } from "./ui/input";
import { Select } from "./ui/select";
import { cn } from "../lib/cn";

const VARIANTS: Record<ButtonStyle, ButtonProps["variant"]> = { primary: "primary", default: "secondary", accent: "accent", ghost: "ghost" };

interface FieldProps {
  field: HumanInputField | undefined;
  name: string;
  value: string;
  problem: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}

function FormField({ field, name, value, problem, disabled, onChange }: FieldProps) {
  const label = <span className="font-mono text-xs">{name}</span>;
  if (!field) {
    // A placeholder with no input behind it: the form's author removed the input but not its mark.
    return null;
  }
  if (field.type === "file" || field.type === "file-list") {
    return (
      <Field label={label}>
        {(id) => (
          <p id={id} className="rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-[13px] text-zinc-500">
            File inputs are not supported in this form yet.
          </p>
        )}
      </Field>
    );
  }
  return (
    <Field label={label} error={problem}>
      {(id, describedBy) =>
        field.type === "select" ? (
          <Select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={problem ? true : undefined}
            value={value}
            disabled={disabled}
            placeholder="Choose…"
            options={optionsOf(field).map((o) => ({ value: o, label: o }))}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <Textarea id={id} aria-describedby={describedBy} value={value} disabled={disabled} rows={3} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

interface HumanInputFormProps {
  form: HumanInputFormView;
  /** The form's name (its node's title), when the page has more than the form to show. */
  title?: string;
  /** Sends the answer; a refusal is thrown and shown in the form. */
  onSubmit: (submission: HumanInputSubmission) => Promise<void>;
  className?: string;
}

export function HumanInputForm({ form, title, onSubmit, className }: HumanInputFormProps) {
  const [values, setValues] = useState(() => initialFormValues(form));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const parts = useMemo(() => formParts(form.form_content), [form.form_content]);
  const byName = useMemo(() => new Map(form.inputs.map((f) => [f.output_variable_name, f])), [form.inputs]);
  const placed = new Set(parts.flatMap((p) => (p.kind === "field" ? [p.name] : [])));
  // Inputs the content does not place are asked for after it.
  const trailing: FormPart[] = form.inputs.filter((f) => !placed.has(f.output_variable_name)).map((f) => ({ kind: "field", name: f.output_variable_name }));
  const unsupported = unsupportedFields(form);
  const expired = form.expiration_time * 1000 <= Date.now();
  const closed = expired || (error !== null && isFormClosed(error));
  const blocked = closed || unsupported.length > 0;

  const submit = async (action: HumanInputAction) => {
    const found = checkFormValues(form, values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setPending(action.id);
    setError(null);
    try {
      await onSubmit({ inputs: values, action: action.id });
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  const renderPart = (part: FormPart, key: number) =>
    part.kind === "text" ? (
      <Markdown key={key} text={part.text} />
    ) : (
      <FormField
        key={key}
        field={byName.get(part.name)}
        name={part.name}
        value={values[part.name] ?? ""}
        problem={problems[part.name]}
        disabled={pending !== null || closed}
        onChange={(value) => {
          setValues((v) => ({ ...v, [part.name]: value }));
          setProblems(({ [part.name]: _, ...rest }) => rest);
        }}
      />
    );

  return (
    <form
      aria-label={title ?? "Form"}
      data-testid="human-input-form"
      noValidate
      onSubmit={(e) => e.preventDefault()}
      className={cn("space-y-4 rounded-xl border border-zinc-200 bg-white p-4", className)}
    >
      {title && <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>}
      <div className="space-y-3 text-sm text-zinc-800">
        {parts.map(renderPart)}
        {trailing.map((p, i) => renderPart(p, parts.length + i))}
      </div>
      {unsupported.length > 0 && (
        <Alert tone="warning">
          File inputs are not supported in this form yet ({unsupported.map((f) => f.output_variable_name).join(", ")}), so it can't be answered here. Answer it
          through the API instead.
        </Alert>
      )}
      {error !== null && <Alert tone="error">{formErrorMessage(error)}</Alert>}
      {expired && !error && <Alert tone="warning">This form has expired: the workflow no longer waits for an answer.</Alert>}
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 pt-3">
        <p className="mr-auto text-xs text-zinc-500" data-testid="form-expiry">
          {expired ? "Expired" : "Answer by"} {formatDateTime(form.expiration_time)} ({formatRelative(form.expiration_time)})
        </p>
        {form.actions.map((action) => (
          <Button
            key={action.id}
            variant={VARIANTS[action.button_style] ?? "secondary"}
            loading={pending === action.id}
            disabled={pending !== null || blocked}
            onClick={() => void submit(action)}
          >
            {action.title}
          </Button>
        ))}
      </div>
    </form>
  );
}
