// One agent tool's settings: the values of its `form` parameters, set once and sent on every call
// (the model fills in the rest).
import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { useKnowledgeBases } from "../api/get-datasets";
import type { PickerTool } from "../api/get-tool-providers";
import type { AgentTool } from "../api/types";
import { settingsOf, settingValue } from "../lib/agent";

interface AgentToolSettingsProps {
  target: { configured: AgentTool; tool: PickerTool } | null;
  onClose: () => void;
  onSave: (values: Record<string, unknown>) => void;
}

export function AgentToolSettings({ target, onClose, onSave }: AgentToolSettingsProps) {
  return (
    <Dialog open={target !== null} onClose={onClose} title={target ? `${target.configured.tool_label} settings` : "Tool settings"} description="Values sent on every call of this tool.">
      {target && <SettingsForm key={target.configured.tool_name} target={target} onClose={onClose} onSave={onSave} />}
    </Dialog>
  );
}

const asText = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "string" ? v : String(v));

function SettingsForm({ target, onClose, onSave }: { target: { configured: AgentTool; tool: PickerTool }; onClose: () => void; onSave: (v: Record<string, unknown>) => void }) {
  const params = settingsOf(target.tool);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(params.map((p) => [p.name, asText(target.configured.tool_parameters?.[p.name] ?? p.default)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The knowledge search tool names its knowledge base by id: offer them by name.
  const bases = useKnowledgeBases();
  const baseOptions = (bases.data?.data ?? []).map((b) => ({ value: b.id, label: b.name }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    for (const p of params) if (p.required && !values[p.name]?.trim()) found[p.name] = `${p.label || p.name} is required.`;
    setErrors(found);
    if (Object.keys(found).length) return;
    const out: Record<string, unknown> = { ...target.configured.tool_parameters };
    for (const p of params) {
      const v = settingValue(p, values[p.name] ?? "");
      if (v === undefined) delete out[p.name];
      else out[p.name] = v;
    }
    onSave(out);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="agent-tool-settings">
      {params.map((p) => (
        <Field key={p.name} label={p.label || p.name} optional={!p.required} hint={p.description || undefined} error={errors[p.name]}>
          {(id, describedBy) =>
            p.name === "dataset_id" && baseOptions.length ? (
              <Select
                id={id}
                aria-describedby={describedBy}
                data-testid={`agent-tool-setting-${p.name}`}
                value={values[p.name] ?? ""}
                placeholder="Choose a knowledge base…"
                onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                options={baseOptions}
              />
            ) : p.type === "boolean" || (p.type === "select" && p.options?.length) ? (
              <Select
                id={id}
                aria-describedby={describedBy}
                data-testid={`agent-tool-setting-${p.name}`}
                value={values[p.name] ?? ""}
                placeholder="Choose…"
                onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                options={(p.type === "boolean" ? ["true", "false"] : (p.options ?? [])).map((o) => ({ value: o, label: o }))}
              />
            ) : (
              <Input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={errors[p.name] ? true : undefined}
                data-testid={`agent-tool-setting-${p.name}`}
                type={p.type === "number" ? "number" : p.type === "secret-input" ? "password" : "text"}
                value={values[p.name] ?? ""}
                onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
              />
            )
          }
        </Field>
      ))}
      <div className="flex justify-end gap-2 border-t border-zinc-100 pt-4">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid="agent-tool-settings-save">
          Save settings
        </Button>
      </div>
    </form>
  );
}
