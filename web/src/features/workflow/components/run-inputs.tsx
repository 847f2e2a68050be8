// The start node's inputs as a form, for a debug run; file inputs upload through the console.
import { FileInput } from "../../../components/file-inputs";
import { Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { type FileValues, type FileVariable, fileInputs, type PickedFile, validateFiles } from "../../../lib/file-inputs";
import { uploadDebugFile } from "../api/upload-file";

export interface StartVariable {
  variable: string;
  label?: string;
  type: string;
  required?: boolean;
  options?: string[];
  default?: unknown;
  max_length?: number | null;
  allowed_file_types?: string[];
  allowed_file_extensions?: string[];
  allowed_file_upload_methods?: string[];
}

const isFileInput = (v: StartVariable) => v.type === "file" || v.type === "file-list";

function asFileVariable(v: StartVariable): FileVariable {
  return {
    kind: v.type === "file" ? "file" : "file-list",
    variable: v.variable,
    label: v.label || v.variable,
    required: v.required === true,
    max_length: v.max_length,
    allowed_file_types: v.allowed_file_types ?? [],
    allowed_file_extensions: v.allowed_file_extensions ?? [],
    allowed_file_upload_methods: v.allowed_file_upload_methods ?? [],
  };
}

/** The values to send: numbers as numbers, JSON objects parsed, files as Dify's file objects; problems for missing or bad ones. */
export function collectInputs(
  vars: StartVariable[],
  values: Record<string, string | boolean>,
  files: FileValues = {},
): { inputs: Record<string, unknown>; problems: string[] } {
  const fileVars = vars.filter(isFileInput).map(asFileVariable);
  const inputs: Record<string, unknown> = fileInputs(fileVars, files);
  const problems: string[] = Object.values(validateFiles(fileVars, files));
  for (const v of vars) {
    const raw = values[v.variable];
    const name = v.label || v.variable;
    if (v.type === "checkbox") {
      inputs[v.variable] = raw === true;
      continue;
    }
    if (isFileInput(v)) continue;
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

interface RunInputsProps {
  vars: StartVariable[];
  values: Record<string, string | boolean>;
  onChange: (next: Record<string, string | boolean>) => void;
  files: FileValues;
  /** Changes one file input's files from what they are now (uploads finish after other changes). */
  onFilesUpdate: (variable: string, change: (files: PickedFile[]) => PickedFile[]) => void;
  disabled?: boolean;
}

export function RunInputs({ vars, values, onChange, files, onFilesUpdate, disabled }: RunInputsProps) {
  if (vars.length === 0) return <p className="text-xs text-zinc-500">The Start node declares no inputs.</p>;
  const set = (key: string, value: string | boolean) => onChange({ ...values, [key]: value });
  return (
    <div className="space-y-3" data-testid="run-inputs">
      {vars.map((v) => {
        if (isFileInput(v)) {
          return (
            <FileInput key={v.variable} upload={uploadDebugFile} variable={asFileVariable(v)} files={files[v.variable] ?? []} disabled={disabled} onUpdate={onFilesUpdate} />
          );
        }
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
            ) : (
              <Input aria-label={v.label || v.variable} type={v.type === "number" ? "number" : "text"} value={textValue} disabled={disabled} onChange={(e) => set(v.variable, e.target.value)} />
            )}
          </label>
        );
      })}
    </div>
  );
}
