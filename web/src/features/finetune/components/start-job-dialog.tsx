// One-click fine-tune: a provider that can train, its base model, optional epochs and suffix.
// Kiln exports the set as it is now (or trains an exported version) and checks it first.
import { type FormEvent, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { useExports } from "../api/exports";
import { useFinetuneProviders, useStartJob } from "../api/jobs";
import { useSetSummary } from "../api/examples";
import { formatUsd } from "../lib/format";

export function StartJobDialog({ setId, open, onClose }: { setId: string; open: boolean; onClose: () => void }) {
  const providers = useFinetuneProviders();
  const versions = useExports(setId);
  const start = useStartJob();
  const navigate = useNavigate();
  const [provider, setProvider] = useState("");
  const [baseModel, setBaseModel] = useState("");
  const [version, setVersion] = useState("");
  const [epochs, setEpochs] = useState("");
  const [suffix, setSuffix] = useState("");
  const chosen = providers.data?.find((p) => p.provider === provider);
  const summary = useSetSummary(setId, baseModel || "gpt-4o-mini");

  useEffect(() => {
    if (!provider && providers.data?.length) setProvider(providers.data[0].provider);
  }, [provider, providers.data]);
  useEffect(() => {
    if (chosen && !chosen.base_models.includes(baseModel)) setBaseModel(chosen.base_models[0] ?? "");
  }, [chosen, baseModel]);

  const close = () => {
    if (start.isPending) return;
    start.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(
      {
        set_id: setId,
        provider,
        base_model: baseModel,
        version: version ? Number(version) : null,
        n_epochs: epochs ? Number(epochs) : null,
        suffix: suffix.trim() || null,
      },
      { onSuccess: (job) => navigate(`/finetune/jobs/${job.id}`) },
    );
  };
  const noProvider = providers.isSuccess && providers.data.length === 0;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={start.isPending}
      title="Start a fine-tune"
      description="The training file is checked, uploaded to the provider and trained there. You can follow it live and cancel it."
      footer={
        <>
          <Button onClick={close} disabled={start.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="start-job-form" variant="primary" loading={start.isPending} disabled={!provider || !baseModel}>
            Start fine-tune
          </Button>
        </>
      }
    >
      {noProvider ? (
        <Alert tone="info" title="No provider can fine-tune yet">
          Add OpenAI or an OpenAI-compatible server (one with /v1/files and /v1/fine_tuning/jobs) in Settings → Model providers.
        </Alert>
      ) : (
        <form id="start-job-form" onSubmit={submit} className="space-y-4" noValidate>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Provider">
              {(id) => (
                <Select
                  id={id}
                  value={provider}
                  onChange={(e) => setProvider(e.target.value)}
                  options={(providers.data ?? []).map((p) => ({ value: p.provider, label: p.label }))}
                  placeholder={providers.isPending ? "Loading…" : undefined}
                />
              )}
            </Field>
            <Field label="Base model">
              {(id) => <Select id={id} value={baseModel} onChange={(e) => setBaseModel(e.target.value)} options={(chosen?.base_models ?? []).map((m) => ({ value: m, label: m }))} />}
            </Field>
          </div>
          <Field label="Training file">
            {(id) => (
              <Select
                id={id}
                value={version}
                onChange={(e) => setVersion(e.target.value)}
                options={[
                  { value: "", label: "Export the set as it is now" },
                  ...(versions.data ?? []).map((v) => ({ value: String(v.version), label: `Version ${v.version} · ${v.train_count} training rows` })),
                ]}
              />
            )}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Epochs" optional hint="Empty: the provider decides.">
              {(id) => <Input id={id} type="number" min={1} max={50} value={epochs} onChange={(e) => setEpochs(e.target.value)} placeholder="auto" />}
            </Field>
            <Field label="Model name suffix" optional hint="Shown in the model's name.">
              {(id) => <Input id={id} value={suffix} maxLength={40} onChange={(e) => setSuffix(e.target.value.replace(/[^A-Za-z0-9_-]/g, ""))} placeholder="support" />}
            </Field>
          </div>
          {summary.data && (
            <p className="rounded-lg bg-zinc-50 px-3 py-2 text-[13px] text-zinc-600">
              {summary.data.train_count} training and {summary.data.validation_count} validation rows · estimated cost{" "}
              <span className="font-medium text-zinc-900">{formatUsd(summary.data.estimated_cost)}</span> for 3 epochs (OpenAI's list price; other providers bill their own).
            </p>
          )}
          {!version && summary.data?.problem && <Alert tone="warning">{summary.data.problem}</Alert>}
          {start.isError && (
            <Alert tone="error" title="The fine-tune was not started">
              {errorMessage(start.error)}
            </Alert>
          )}
        </form>
      )}
    </Dialog>
  );
}
