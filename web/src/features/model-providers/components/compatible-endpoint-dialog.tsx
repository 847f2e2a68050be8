import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { useAddCompatibleEndpoint } from "../api/add-compatible-endpoint";
import {
  baseUrlProblem,
  endpointNameProblem,
  type ModelRow,
  modelsFromRows,
  newModelRow,
  slugify,
} from "../lib/endpoint-rules";
import { ModelRowsEditor } from "./model-rows-editor";
import { ProviderErrorAlert } from "./provider-error-alert";
import { ValidatingNote } from "./validating-note";

interface FormState {
  label: string;
  name: string;
  baseUrl: string;
  apiKey: string;
}

type Errors = Partial<Record<keyof FormState | "models", string>>;

const EMPTY: FormState = { label: "", name: "", baseUrl: "", apiKey: "" };

export function CompatibleEndpointDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const add = useAddCompatibleEndpoint();
  const toast = useToast();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [nameEdited, setNameEdited] = useState(false);
  const [rows, setRows] = useState<ModelRow[]>(() => [newModelRow()]);
  const [errors, setErrors] = useState<Errors>({});

  const close = () => {
    setForm(EMPTY);
    setNameEdited(false);
    setRows([newModelRow()]);
    setErrors({});
    add.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const models = modelsFromRows(rows);
    const found: Errors = {
      label: form.label.trim() ? undefined : "Enter a display name.",
      name: endpointNameProblem(form.name) ?? undefined,
      baseUrl: baseUrlProblem(form.baseUrl, true) ?? undefined,
      models: models.length === 0 ? "Add at least one model the endpoint serves." : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    add.mutate(
      {
        name: form.name,
        label: form.label.trim(),
        base_url: form.baseUrl.trim(),
        api_key: form.apiKey.trim() || undefined,
        models,
      },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `Added ${form.label.trim()}` });
          close();
        },
      },
    );
  };

  const busy = add.isPending;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      size="lg"
      title="Add OpenAI-compatible endpoint"
      description="Connect any server that speaks OpenAI's API: Ollama, vLLM, LM Studio, OpenRouter, Together…"
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="compatible-endpoint" loading={busy}>
            {busy ? "Validating…" : "Add endpoint"}
          </Button>
        </>
      }
    >
      <form id="compatible-endpoint" onSubmit={submit} noValidate className="space-y-4">
        {busy ? <ValidatingNote /> : add.error ? <ProviderErrorAlert error={add.error} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Display name" error={errors.label}>
            {(id, described) => (
              <Input
                id={id}
                name="label"
                placeholder="Local Ollama"
                value={form.label}
                onChange={(e) => {
                  const label = e.target.value;
                  setForm((f) => ({ ...f, label, name: nameEdited ? f.name : slugify(label) }));
                }}
                disabled={busy}
                aria-invalid={!!errors.label}
                aria-describedby={described}
                autoFocus
              />
            )}
          </Field>
          <Field
            label="Name"
            error={errors.name}
            hint={form.name ? `Provider id: compat_${form.name}` : "Lowercase letters, digits, - and _."}
          >
            {(id, described) => (
              <Input
                id={id}
                name="name"
                placeholder="local-ollama"
                value={form.name}
                onChange={(e) => {
                  setNameEdited(true);
                  setForm((f) => ({ ...f, name: e.target.value }));
                }}
                disabled={busy}
                aria-invalid={!!errors.name}
                aria-describedby={described}
                className="font-mono text-[13px]"
              />
            )}
          </Field>
        </div>
        <Field label="Base URL" error={errors.baseUrl}>
          {(id, described) => (
            <Input
              id={id}
              name="base_url"
              placeholder="http://localhost:11434/v1"
              value={form.baseUrl}
              onChange={(e) => setForm((f) => ({ ...f, baseUrl: e.target.value }))}
              disabled={busy}
              aria-invalid={!!errors.baseUrl}
              aria-describedby={described}
              className="font-mono text-[13px]"
            />
          )}
        </Field>
        <Field label="API key" optional hint="Only if the endpoint asks for one. Stored encrypted.">
          {(id, described) => (
            <Input
              id={id}
              name="api_key"
              type="password"
              autoComplete="off"
              value={form.apiKey}
              onChange={(e) => setForm((f) => ({ ...f, apiKey: e.target.value }))}
              disabled={busy}
              aria-describedby={described}
              className="font-mono"
            />
          )}
        </Field>
        <div className="space-y-1.5">
          <p className="text-[13px] font-medium text-zinc-700">Models</p>
          <p className="text-xs text-zinc-500">The model ids this endpoint serves, exactly as it names them.</p>
          <ModelRowsEditor rows={rows} onChange={setRows} disabled={busy} />
          {errors.models && <p className="text-xs text-red-600">{errors.models}</p>}
        </div>
      </form>
    </Dialog>
  );
}
