// One Human Input form of a paused workflow run: its Markdown with each input drawn where its
// `{{#$output.NAME#}}` placeholder stands, one button per action, when it expires, and why a
// submission was refused. What a submission does is the caller's (`onSubmit`), and so is where a
// file input's files are uploaded (`upload`); without it, a form with file inputs can't be answered.
import { useMemo, useState } from "react";
import { formatDateTime, formatRelative } from "../lib/format";
import type { FileValues, PickedFile } from "../lib/file-inputs";
import {
  type ButtonStyle,
  checkFormValues,
  fileVariableOf,
  type FormPart,
  formErrorMessage,
  formParts,
  type HumanInputAction,
  type HumanInputField,
  type HumanInputFormView,
  type HumanInputSubmission,
  initialFormValues,
  isFileField,
  isFormClosed,
  optionsOf,
  submissionInputs,
} from "../lib/human-input";
import { FileInput, type UploadFn } from "./file-inputs";
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
  files: PickedFile[];
  problem: string | undefined;
  disabled: boolean;
  upload: UploadFn | undefined;
  onChange: (value: string) => void;
  onFiles: (change: (files: PickedFile[]) => PickedFile[]) => void;
}

function FormField({ field, name, value, files, problem, disabled, upload, onChange, onFiles }: FieldProps) {
  const label = <span className="font-mono text-xs">{name}</span>;
  if (!field) {
    // A placeholder with no input behind it: the form's author removed the input but not its mark.
    return null;
  }
  if (isFileField(field)) {
    if (upload) {
      return <FileInput upload={upload} variable={fileVariableOf(field)} files={files} error={problem} disabled={disabled} onUpdate={(_, change) => onFiles(change)} />;
    }
    return (
      <Field label={label}>
        {(id) => (
          <p id={id} className="rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-[13px] text-zinc-500">
            Files can't be attached here.
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
  /** Stores a file for a file input; without it, file inputs can't be answered here. */
  upload?: UploadFn;
  className?: string;
}

export function HumanInputForm({ form, title, onSubmit, upload, className }: HumanInputFormProps) {
  const [values, setValues] = useState(() => initialFormValues(form));
  const [files, setFiles] = useState<FileValues>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const parts = useMemo(() => formParts(form.form_content), [form.form_content]);
  const byName = useMemo(() => new Map(form.inputs.map((f) => [f.output_variable_name, f])), [form.inputs]);
  const placed = new Set(parts.flatMap((p) => (p.kind === "field" ? [p.name] : [])));
  // Inputs the content does not place are asked for after it.
  const trailing: FormPart[] = form.inputs.filter((f) => !placed.has(f.output_variable_name)).map((f) => ({ kind: "field", name: f.output_variable_name }));
  const unsupported = upload ? [] : form.inputs.filter(isFileField);
  const expired = form.expiration_time * 1000 <= Date.now();
  const closed = expired || (error !== null && isFormClosed(error));
  const blocked = closed || unsupported.length > 0;

  const submit = async (action: HumanInputAction) => {
    const found = checkFormValues(form, values, files);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setPending(action.id);
    setError(null);
    try {
      await onSubmit({ inputs: submissionInputs(form, values, files), action: action.id });
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
        files={files[part.name] ?? []}
        problem={problems[part.name]}
        disabled={pending !== null || closed}
        upload={upload}
        onChange={(value) => {
          setValues((v) => ({ ...v, [part.name]: value }));
          setProblems(({ [part.name]: _, ...rest }) => rest);
        }}
        onFiles={(change) => {
          setFiles((f) => ({ ...f, [part.name]: change(f[part.name] ?? []) }));
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
          This form asks for files ({unsupported.map((f) => f.output_variable_name).join(", ")}), which can't be attached here. Answer it on its own page or
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
