// Annotation reply for one app: the switch, the score threshold and the embedding model. Turning
// it on embeds every annotation (a job the card waits for); a new threshold applies at once, a
// new model re-embeds.
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Select } from "../../../components/ui/select";
import { Spinner } from "../../../components/ui/spinner";
import { Switch } from "../../../components/ui/switch";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useAnnotationReplySwitch, useAnnotationSetting, useUpdateScoreThreshold } from "../api/annotation-reply";
import { useDefaultEmbeddingModel, useEmbeddingModels } from "../api/get-embedding-models";
import { DEFAULT_THRESHOLD, describeThreshold, formatScore, MIN_THRESHOLD, modelValue, parseModelValue } from "../lib/reply-settings";
import { AnnotationIcon } from "./icons";

export function ReplySettingsCard({ appId, canEdit, isChat }: { appId: string; canEdit: boolean; isChat: boolean }) {
  const setting = useAnnotationSetting(appId);
  const models = useEmbeddingModels();
  const fallback = useDefaultEmbeddingModel();
  const turn = useAnnotationReplySwitch(appId);
  const threshold = useUpdateScoreThreshold(appId);
  const toast = useToast();
  const s = setting.data;
  const saved = {
    score: s?.score_threshold ?? DEFAULT_THRESHOLD,
    model: s?.embedding_model
      ? modelValue(s.embedding_model.embedding_provider_name, s.embedding_model.embedding_model_name)
      : fallback.data
        ? modelValue(fallback.data.provider, fallback.data.model)
        : "",
  };
  const [score, setScore] = useState(saved.score);
  const [model, setModel] = useState(saved.model);
  useEffect(() => setScore(saved.score), [saved.score]);
  useEffect(() => setModel(saved.model), [saved.model]);

  const enabled = !!s?.enabled;
  const busy = turn.isPending || threshold.isPending;
  const changed = enabled && (score !== saved.score || model !== saved.model);
  const settings = () => {
    const m = parseModelValue(model);
    return { score_threshold: score, embedding_provider_name: m.provider, embedding_model_name: m.model };
  };
  const flip = (on: boolean) =>
    turn.mutate(
      { enabled: on, settings: settings() },
      { onSuccess: () => toast({ tone: "success", title: on ? "Annotation reply is on" : "Annotation reply is off" }) },
    );
  const saveChanges = () => {
    if (model !== saved.model) return flip(true); // a new model means embedding everything again
    threshold.mutate({ settingId: s!.id!, scoreThreshold: score }, { onSuccess: () => toast({ tone: "success", title: "Threshold saved" }) });
  };

  const groups = (models.data ?? []).map((p) => ({
    label: p.label,
    options: p.models.map((m) => ({ value: modelValue(p.provider, m.model), label: m.model })),
  }));
  const error = turn.error ?? threshold.error;

  return (
    <Card data-testid="annotation-reply-card">
      <div className="flex flex-wrap items-start gap-4 px-5 py-4">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-violet-50 text-violet-600 ring-1 ring-violet-100">
          <AnnotationIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h3 className="text-[15px] font-semibold text-zinc-900">Annotation reply</h3>
            {setting.isPending ? null : (
              <span className={cn("text-xs font-medium", enabled ? "text-emerald-600" : "text-zinc-400")} data-testid="annotation-reply-state">
                {enabled ? "On" : "Off"}
              </span>
            )}
          </div>
          <p className="mt-0.5 max-w-2xl text-[13px] text-zinc-500">
            When a user's question is close enough to an annotated one, the app answers with the annotation: no model call, no tokens.
            {!isChat && " It answers chat apps; this completion app only collects and exports annotations."}
          </p>
        </div>
        {canEdit && (
          <div className="flex items-center gap-2">
            {turn.isPending && <Spinner className="size-4 text-zinc-400" />}
            <Switch
              checked={enabled}
              onChange={flip}
              label="Annotation reply"
              disabled={busy || setting.isPending || !model || !isChat}
              data-testid="annotation-reply-switch"
            />
          </div>
        )}
      </div>
      <div className="grid gap-5 border-t border-zinc-100 px-5 py-4 md:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="annotation-threshold" className="flex items-baseline justify-between text-[13px] font-medium text-zinc-700">
            <span>Score threshold</span>
            <span className="font-mono text-xs text-zinc-900 tabular-nums" data-testid="annotation-threshold-value">
              {formatScore(score)}
            </span>
          </label>
          <input
            id="annotation-threshold"
            type="range"
            min={MIN_THRESHOLD}
            max={1}
            step={0.01}
            value={score}
            disabled={!canEdit || busy}
            onChange={(e) => setScore(Number(e.target.value))}
            className="w-full cursor-pointer accent-brand-600 disabled:cursor-not-allowed"
          />
          <p className="text-xs text-zinc-500">{describeThreshold(score)}</p>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="annotation-model" className="text-[13px] font-medium text-zinc-700">
            Embedding model
          </label>
          <Select
            id="annotation-model"
            groups={groups}
            value={model}
            placeholder={models.isPending ? "Loading models…" : "Choose a model"}
            disabled={!canEdit || busy}
            onChange={(e) => setModel(e.target.value)}
          />
          <p className="text-xs text-zinc-500">Compares questions by meaning. Changing it embeds every annotation again.</p>
        </div>
      </div>
      {(changed || error) && (
        <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-5 py-3">
          {error ? (
            <Alert tone="error" className="mr-auto flex-1">
              {errorMessage(error)}
            </Alert>
          ) : null}
          {changed && (
            <>
              <Button size="sm" onClick={() => {
                  setScore(saved.score);
                  setModel(saved.model);
                }} disabled={busy}>
                Discard
              </Button>
              <Button size="sm" variant="primary" onClick={saveChanges} loading={busy}>
                {model !== saved.model ? "Save and re-embed" : "Save threshold"}
              </Button>
            </>
          )}
        </div>
      )}
      {setting.isError && (
        <div className="px-5 pb-4">
          <Alert tone="error" title="Couldn't load the annotation reply setting">
            {errorMessage(setting.error)}
          </Alert>
        </div>
      )}
    </Card>
  );
}
