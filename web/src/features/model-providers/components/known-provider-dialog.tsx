// Adds one of Dify's providers (SiliconFlow, DeepSeek, Ollama…) under Dify's own name, so apps
// imported from Dify that name it run on it. The vendor's endpoint is filled in; a server of the
// user's own needs its URL.
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useProviderCatalogue } from "../api/get-catalogue";
import { useSaveKnownProvider } from "../api/save-known-provider";
import type { KnownProvider } from "../api/types";
import { baseUrlProblem, type ModelRow, modelsFromRows, newModelRow } from "../lib/endpoint-rules";
import { ModelRowsEditor } from "./model-rows-editor";
import { ProviderErrorAlert } from "./provider-error-alert";
import { ValidatingNote } from "./validating-note";

type Errors = Partial<Record<"baseUrl" | "apiKey" | "models", string>>;

const firstRows = (known: KnownProvider | undefined) => [newModelRow(known?.example_model_type ?? "llm", known?.example_model ?? "")];

interface KnownProviderDialogProps {
  open: boolean;
  onClose: () => void;
  /** Opens the generic OpenAI-compatible form instead. */
  onOtherEndpoint: () => void;
}

export function KnownProviderDialog({ open, onClose, onOtherEndpoint }: KnownProviderDialogProps) {
  const catalogue = useProviderCatalogue(open);
  const save = useSaveKnownProvider();
  const toast = useToast();
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [rows, setRows] = useState<ModelRow[]>(() => firstRows(undefined));
  const [errors, setErrors] = useState<Errors>({});

  const known = catalogue.data?.find((p) => p.provider === name);

  // The first provider is chosen once the list arrives.
  useEffect(() => {
    const first = catalogue.data?.[0];
    if (open && first && !name) {
      setName(first.provider);
      setRows(firstRows(first));
    }
  }, [open, catalogue.data, name]);

  const choose = (provider: string) => {
    const next = catalogue.data?.find((p) => p.provider === provider);
    setName(provider);
    setBaseUrl("");
    // A key typed for one vendor is never sent to another.
    setApiKey("");
    setRows(firstRows(next));
    setErrors({});
    save.reset();
  };

  const close = () => {
    setName("");
    setBaseUrl("");
    setApiKey("");
    setRows(firstRows(undefined));
    setErrors({});
    save.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!known) return;
    const models = modelsFromRows(rows);
    const found: Errors = {
      baseUrl: baseUrlProblem(baseUrl, known.base_url === null) ?? undefined,
      apiKey: known.api_key_required && !apiKey.trim() ? `${known.label} needs an API key.` : undefined,
      models: models.length === 0 ? "Add at least one model to check the key with." : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    save.mutate(
      {
        provider: known.provider,
        base_url: baseUrl.trim() || undefined,
        api_key: apiKey.trim() || undefined,
        models,
      },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `Added ${known.label}` });
          close();
        },
      },
    );
  };

  const busy = save.isPending;
  const options = (catalogue.data ?? []).map((p) => ({
    value: p.provider,
    label: p.configured ? `${p.label} (configured: saving replaces it)` : p.label,
  }));

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      size="lg"
      title="Add a model provider"
      description="Providers as Dify names them: apps imported from Dify that use one run here once it has a key."
      footer={
        <>
          <Button variant="ghost" onClick={onOtherEndpoint} disabled={busy}>
            Another OpenAI-compatible server…
          </Button>
          <span className="flex-1" />
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="known-provider" loading={busy} disabled={!known}>
            {busy ? "Validating…" : "Add provider"}
          </Button>
        </>
      }
    >
      {catalogue.isPending ? (
        <LoadingState label="Loading providers…" />
      ) : catalogue.isError ? (
        <Alert tone="error" title="Couldn't load the providers">
          {errorMessage(catalogue.error)}
        </Alert>
      ) : (
        <form id="known-provider" onSubmit={submit} noValidate className="space-y-4">
          {busy ? <ValidatingNote /> : save.error ? <ProviderErrorAlert error={save.error} /> : null}
          <Field label="Provider" hint={known ? `Provider id in apps: ${known.provider}` : undefined}>
            {(id, described) => (
              <Select
                id={id}
                name="provider"
                value={name}
                onChange={(e) => choose(e.target.value)}
                options={options}
                disabled={busy}
                aria-describedby={described}
              />
            )}
          </Field>
          <Field
            label="Base URL"
            optional={known?.base_url !== null}
            error={errors.baseUrl}
            hint={
              known?.base_url
                ? `Leave empty for ${known.base_url}`
                : "Your server's address; a bare host gets the API's /v1 path, as in Dify's form."
            }
          >
            {(id, described) => (
              <Input
                id={id}
                name="base_url"
                placeholder={known?.base_url ?? "http://localhost:11434"}
                value={baseUrl}
                onChange={(e) => {
                  setBaseUrl(e.target.value);
                  setErrors((x) => ({ ...x, baseUrl: undefined }));
                }}
                disabled={busy}
                aria-invalid={!!errors.baseUrl}
                aria-describedby={described}
                className="font-mono text-[13px]"
              />
            )}
          </Field>
          <Field label="API key" optional={!known?.api_key_required} error={errors.apiKey} hint="Stored encrypted, shown only as a hint.">
            {(id, described) => (
              <Input
                id={id}
                name="api_key"
                type="password"
                autoComplete="off"
                value={apiKey}
                onChange={(e) => {
                  setApiKey(e.target.value);
                  setErrors((x) => ({ ...x, apiKey: undefined }));
                }}
                disabled={busy}
                aria-invalid={!!errors.apiKey}
                aria-describedby={described}
                className="font-mono"
              />
            )}
          </Field>
          <div className="space-y-1.5">
            <p className="text-[13px] font-medium text-zinc-700">Models</p>
            <p className="text-xs text-zinc-500">
              Each is checked with one real call and offered in model pickers. Apps may still name any other model this
              provider serves. Give an endpoint id where the provider calls a model differently (Volcengine's ep-…).
            </p>
            <ModelRowsEditor rows={rows} onChange={setRows} disabled={busy} endpointNames />
            {errors.models && <p className="text-xs text-red-600">{errors.models}</p>}
          </div>
        </form>
      )}
    </Dialog>
  );
}
