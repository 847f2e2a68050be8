import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Field, Input } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { useSaveOpenAICredentials } from "../api/save-openai-credentials";
import type { Provider } from "../api/types";
import { baseUrlProblem, type ModelRow, modelsFromRows } from "../lib/endpoint-rules";
import { ModelRowsEditor } from "./model-rows-editor";
import { ProviderCard } from "./provider-card";
import { ProviderErrorAlert } from "./provider-error-alert";
import { ValidatingNote } from "./validating-note";

/** What the OpenAI card looks like before the workspace has ever configured it. */
export const UNCONFIGURED_OPENAI: Provider = {
  provider: "openai",
  provider_type: "openai",
  label: "OpenAI",
  description: "GPT chat models, text embeddings and speech (whisper-1, tts-1) from OpenAI, or any server that speaks its API.",
  is_offline: false,
  is_system: false,
  configured: false,
  base_url: null,
  api_key_hint: null,
  models: [],
};

function OpenAIForm({ provider, onDone, onCancel }: { provider: Provider; onDone: () => void; onCancel?: () => void }) {
  const save = useSaveOpenAICredentials();
  const toast = useToast();
  const [apiKey, setApiKey] = useState("");
  const [baseUrl, setBaseUrl] = useState(provider.base_url ?? "");
  // An unconfigured provider lists the models it would offer by default; only a saved list is
  // the user's to edit.
  const [rows, setRows] = useState<ModelRow[]>(() =>
    provider.configured ? provider.models.map((m, i) => ({ key: -(i + 1), model: m.model, model_type: m.model_type })) : [],
  );
  const [errors, setErrors] = useState<{ apiKey?: string; baseUrl?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      apiKey: apiKey.trim() ? undefined : "Paste your OpenAI API key.",
      baseUrl: baseUrlProblem(baseUrl, false) ?? undefined,
    };
    setErrors(found);
    if (found.apiKey || found.baseUrl) return;
    const models = modelsFromRows(rows);
    save.mutate(
      {
        api_key: apiKey.trim(),
        base_url: baseUrl.trim() || undefined,
        models: models.length > 0 ? models : undefined,
      },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "OpenAI connected", description: "The key worked and is stored encrypted." });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="OpenAI credentials">
      {save.isPending ? <ValidatingNote /> : save.error ? <ProviderErrorAlert error={save.error} /> : null}
      <Field
        label="API key"
        error={errors.apiKey}
        hint={provider.api_key_hint ? `Replaces the saved key ${provider.api_key_hint}.` : "Stored encrypted; never shown again."}
      >
        {(id, described) => (
          <Input
            id={id}
            name="api_key"
            type="password"
            autoComplete="off"
            placeholder="sk-…"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            disabled={save.isPending}
            aria-invalid={!!errors.apiKey}
            aria-describedby={described}
            className="font-mono"
          />
        )}
      </Field>
      <Field label="Base URL" optional error={errors.baseUrl} hint="Leave empty for api.openai.com.">
        {(id, described) => (
          <Input
            id={id}
            name="base_url"
            placeholder="https://api.openai.com/v1"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            disabled={save.isPending}
            aria-invalid={!!errors.baseUrl}
            aria-describedby={described}
            className="font-mono text-[13px]"
          />
        )}
      </Field>
      <div className="space-y-1.5">
        <div className="flex items-baseline justify-between text-[13px] font-medium text-zinc-700">
          <span>Models</span>
          <span className="text-xs font-normal text-zinc-400">Optional</span>
        </div>
        <p className="text-xs text-zinc-500">Leave empty to offer OpenAI's standard chat, embedding and speech (whisper-1, tts-1) models.</p>
        <ModelRowsEditor rows={rows} onChange={setRows} disabled={save.isPending} />
      </div>
      <div className="flex justify-end gap-2 pt-1">
        {onCancel && (
          <Button onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
        )}
        <Button type="submit" variant="primary" loading={save.isPending}>
          {save.isPending ? "Validating…" : "Save"}
        </Button>
      </div>
    </form>
  );
}

interface OpenAICardProps {
  provider: Provider;
  canManage: boolean;
  onRemove: (provider: Provider) => void;
}

export function OpenAICard({ provider, canManage, onRemove }: OpenAICardProps) {
  const [editing, setEditing] = useState(false);
  const showForm = canManage && (!provider.configured || editing);

  return (
    <ProviderCard
      provider={provider}
      actions={
        canManage && provider.configured && !editing ? (
          <>
            <Button size="sm" onClick={() => setEditing(true)}>
              Replace key
            </Button>
            <Button size="sm" variant="danger-ghost" onClick={() => onRemove(provider)}>
              Remove
            </Button>
          </>
        ) : undefined
      }
    >
      {showForm ? (
        <OpenAIForm
          provider={provider}
          onDone={() => setEditing(false)}
          onCancel={provider.configured ? () => setEditing(false) : undefined}
        />
      ) : !provider.configured ? (
        <Alert tone="info">Not set up yet. Ask a workspace owner or admin to add an OpenAI API key.</Alert>
      ) : undefined}
    </ProviderCard>
  );
}
