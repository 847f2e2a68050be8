import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "../../../components/ui/card";
import { Field } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { Spinner } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useDefaultModel } from "../api/get-default-model";
import { useModelsOfType } from "../api/get-models-of-type";
import { type ModelSetting, useSaveDefaultModels } from "../api/save-default-models";
import type { ModelType } from "../api/types";
import { choiceGroups, decodeChoice, encodeChoice } from "../lib/model-choice";

const SLOTS: { type: ModelType; label: string; hint: string; missing?: string }[] = [
  { type: "llm", label: "Chat model", hint: "Used by new apps and by features that generate text." },
  { type: "text-embedding", label: "Embedding model", hint: "Used to index new knowledge bases." },
  {
    type: "speech2text",
    label: "Speech to text",
    hint: "Turns a WebApp visitor's recorded question into text.",
    missing: "No speech model — add one (e.g. OpenAI whisper-1) to a provider below.",
  },
  {
    type: "tts",
    label: "Text to speech",
    hint: "Reads answers aloud in the WebApp.",
    missing: "No speech model — add one (e.g. OpenAI tts-1) to a provider below.",
  },
];

function useSlot(type: ModelType) {
  const models = useModelsOfType(type);
  const current = useDefaultModel(type);
  const [value, setValue] = useState("");
  const saved = current.data ? encodeChoice(current.data.provider, current.data.model) : "";
  useEffect(() => setValue(saved), [saved]);
  return { type, models, current, value, setValue, saved };
}

export function DefaultModelsCard({ canManage }: { canManage: boolean }) {
  const slots = [useSlot("llm"), useSlot("text-embedding"), useSlot("speech2text"), useSlot("tts")];
  const save = useSaveDefaultModels();
  const toast = useToast();

  const loading = slots.some((s) => s.models.isPending || s.current.isPending);
  const loadError = slots.map((s) => s.models.error ?? s.current.error).find(Boolean);
  const dirty = slots.some((s) => s.value !== s.saved);

  const submit = () => {
    const settings: ModelSetting[] = [];
    for (const slot of slots) {
      const choice = decodeChoice(slot.value);
      if (choice) settings.push({ model_type: slot.type, ...choice });
    }
    save.mutate(settings, { onSuccess: () => toast({ tone: "success", title: "Default models saved" }) });
  };

  return (
    <Card>
      <CardHeader
        title="Default models"
        description="What Kiln uses when an app or knowledge base doesn't pick a model itself."
      />
      <CardBody className="space-y-4">
        {loadError && (
          <Alert tone="error" title="Couldn't load the models">
            {errorMessage(loadError)}
          </Alert>
        )}
        {save.error && <Alert tone="error">{errorMessage(save.error)}</Alert>}
        <div className="grid gap-5 md:grid-cols-2">
          {SLOTS.map((meta, i) => {
            const slot = slots[i]!;
            return (
              <Field
                key={meta.type}
                label={
                  <span className="flex items-center gap-2">
                    {meta.label}
                    {slot.current.data?.is_offline && slot.value === slot.saved && (
                      <Badge tone="neutral">Offline</Badge>
                    )}
                  </span>
                }
                hint={meta.hint}
              >
                {(id, described) =>
                  loading ? (
                    <div className="flex h-9 items-center gap-2 rounded-lg border border-zinc-200 px-3 text-[13px] text-zinc-400">
                      <Spinner className="size-3.5" /> Loading models…
                    </div>
                  ) : meta.missing && !slot.current.data ? (
                    // Kiln has no offline speech model: until a provider offers one there is nothing to pick.
                    <div
                      data-testid={`no-${meta.type}-model`}
                      className="flex min-h-9 items-center rounded-lg border border-dashed border-zinc-300 bg-zinc-50 px-3 py-1.5 text-[13px] text-zinc-600"
                    >
                      {meta.missing}
                    </div>
                  ) : (
                    <Select
                      id={id}
                      name={meta.type}
                      value={slot.value}
                      onChange={(e) => slot.setValue(e.target.value)}
                      placeholder="Choose a model"
                      groups={choiceGroups(slot.models.data ?? [])}
                      disabled={!canManage || save.isPending}
                      aria-describedby={described}
                    />
                  )
                }
              </Field>
            );
          })}
        </div>
      </CardBody>
      {canManage && (
        <CardFooter>
          <Button variant="primary" onClick={submit} loading={save.isPending} disabled={!dirty || loading}>
            Save defaults
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
