// Inputs for a tool's parameters, one field per parameter, typed by the parameter's type.
import { Field, Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { useKnowledgeBases } from "../api/get-knowledge-bases";
import type { ToolParameter } from "../api/types";
import type { ParamValues } from "../lib/param-values";
import { FileParamInput } from "./file-param-input";

/** Text parameters that take several lines: a code interpreter's code, the Markdown Exporter's Markdown. */
const MULTILINE_TEXT = new Set(["code", "md_text"]);

interface ToolParamsFormProps {
  parameters: ToolParameter[];
  values: ParamValues;
  errors?: Record<string, string>;
  onChange: (values: ParamValues) => void;
  disabled?: boolean;
}

export function ToolParamsForm({ parameters, values, errors = {}, onChange, disabled }: ToolParamsFormProps) {
  // The knowledge search tool names its knowledge base by id: offer them by name.
  const bases = useKnowledgeBases(parameters.some((p) => p.name === "dataset_id"));
  if (parameters.length === 0) return <p className="text-[13px] text-zinc-500">This tool takes no parameters.</p>;
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  return (
    <div className="space-y-3" data-testid="tool-params-form">
      {parameters.map((p) => (
        <Field key={p.name} label={<span className="font-mono">{p.label || p.name}</span>} optional={!p.required} hint={p.description || undefined} error={errors[p.name]}>
          {(id, describedBy) => {
            const common = {
              id,
              "aria-describedby": describedBy,
              "aria-invalid": errors[p.name] ? true : undefined,
              disabled,
              "data-testid": `tool-param-${p.name}`,
            };
            const value = values[p.name] ?? "";
            if (p.type === "boolean") {
              return (
                <Select
                  {...common}
                  value={value || "false"}
                  onChange={(e) => set(p.name, e.target.value)}
                  options={[
                    { value: "true", label: "true" },
                    { value: "false", label: "false" },
                  ]}
                />
              );
            }
            if (p.name === "dataset_id" && bases.data?.length) {
              return (
                <Select
                  {...common}
                  value={value}
                  placeholder="Choose a knowledge base…"
                  onChange={(e) => set(p.name, e.target.value)}
                  options={bases.data.map((b) => ({ value: b.id, label: b.name }))}
                />
              );
            }
            if (p.type === "select" && p.options?.length) {
              return (
                <Select
                  {...common}
                  value={value}
                  placeholder="Choose…"
                  onChange={(e) => set(p.name, e.target.value)}
                  options={p.options.map((o) => ({ value: o, label: o }))}
                />
              );
            }
            if (MULTILINE_TEXT.has(p.name) && p.type === "string") {
              return <Textarea {...common} value={value} onChange={(e) => set(p.name, e.target.value)} className="font-mono text-xs" rows={6} />;
            }
            if (p.type === "object" || p.type === "array") {
              return (
                <Textarea
                  {...common}
                  value={value}
                  onChange={(e) => set(p.name, e.target.value)}
                  placeholder={p.type === "array" ? "[ ]" : "{ }"}
                  className="font-mono text-xs"
                  rows={3}
                />
              );
            }
            if (p.type === "file") {
              return (
                <FileParamInput id={id} name={p.name} describedBy={describedBy} invalid={errors[p.name] ? true : undefined} disabled={disabled} value={value} onChange={(v) => set(p.name, v)} />
              );
            }
            return (
              <Input
                {...common}
                type={p.type === "number" ? "number" : p.type === "secret-input" ? "password" : "text"}
                value={value}
                onChange={(e) => set(p.name, e.target.value)}
              />
            );
          }}
        </Field>
      ))}
    </div>
  );
}
