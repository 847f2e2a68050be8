// The set's recipe: which logged messages it takes, and how many it holds out for validation.
// Saving builds the set again; rows someone edited or dropped stay as they are.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { useAppOptions, useLlmOptions } from "../api/pickers";
import type { FinetuneSet, SetFilters } from "../api/types";
import { PERIODS, periodOf, periodStart } from "../lib/period";
import { Checkbox } from "./checkbox";

interface Props {
  set: FinetuneSet;
  canEdit: boolean;
  saving: boolean;
  error: unknown;
  notes: string[];
  onSave: (filters: SetFilters, validationPercent: number) => void;
}

const numberOrNull = (v: string) => (v.trim() === "" ? null : Math.max(0, Math.floor(Number(v))));

export function SetFiltersCard({ set, canEdit, saving, error, notes, onSave }: Props) {
  const apps = useAppOptions();
  const models = useLlmOptions();
  const [f, setF] = useState<SetFilters>(set.filters);
  const [period, setPeriod] = useState(periodOf(set.filters.start));
  const [split, setSplit] = useState(String(set.validation_percent));
  const patch = (p: Partial<SetFilters>) => setF((prev) => ({ ...prev, ...p }));
  const splitValue = Math.min(50, Math.max(0, Number(split) || 0));

  return (
    <Card>
      <CardHeader title="Filters" description="Which logged messages become examples." />
      <CardBody className="space-y-4">
        <fieldset disabled={!canEdit || saving} className="space-y-4">
          <Field label="App">
            {(id) => (
              <Select
                id={id}
                value={f.app_id ?? ""}
                onChange={(e) => patch({ app_id: e.target.value || null })}
                options={[{ value: "", label: "All apps" }, ...(apps.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
              />
            )}
          </Field>
          <Field label="Period">
            {(id) => <Select id={id} value={period} onChange={(e) => setPeriod(e.target.value)} options={PERIODS.map((p) => ({ value: p.value, label: p.label }))} />}
          </Field>
          <Field label="Answered by">
            {(id) => (
              <Select
                id={id}
                value={f.model ?? ""}
                onChange={(e) => patch({ model: e.target.value || null })}
                options={[{ value: "", label: "Any model" }]}
                groups={(models.data ?? []).map((p) => ({
                  label: p.label,
                  options: p.models.map((m) => ({ value: `${p.provider}:${m.model}`, label: m.model })),
                }))}
              />
            )}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Min tokens" optional>
              {(id) => <Input id={id} type="number" min={0} value={f.min_tokens ?? ""} onChange={(e) => patch({ min_tokens: numberOrNull(e.target.value) })} />}
            </Field>
            <Field label="Max tokens" optional>
              {(id) => <Input id={id} type="number" min={1} value={f.max_tokens ?? ""} onChange={(e) => patch({ max_tokens: numberOrNull(e.target.value) || null })} />}
            </Field>
          </div>
          <div className="space-y-3 rounded-lg border border-zinc-100 bg-zinc-50/60 p-3">
            <Checkbox checked={f.feedback === "like"} onChange={(on) => patch({ feedback: on ? "like" : null })} label="Only liked answers" />
            <Checkbox
              checked={!!f.annotated}
              onChange={(on) => patch({ annotated: on })}
              label="Only annotated messages"
              hint="Learns the improved answer of the annotation."
            />
            <Checkbox
              checked={!!f.include_annotations}
              onChange={(on) => patch({ include_annotations: on })}
              label="Include annotations"
              hint="Adds each annotation (question + ideal answer) as an example."
            />
          </div>
          <Field label="Validation split" hint="Held out to measure the model while it trains; the same rows every time.">
            {(id) => (
              <div className="flex items-center gap-2">
                <Input id={id} type="number" min={0} max={50} value={split} onChange={(e) => setSplit(e.target.value)} className="w-24" />
                <span className="text-[13px] text-zinc-500">% of the rows</span>
              </div>
            )}
          </Field>
        </fieldset>
        {notes.map((n) => (
          <Alert key={n} tone="warning">
            {n}
          </Alert>
        ))}
        {!!error && <Alert tone="error">{errorMessage(error)}</Alert>}
        {canEdit && (
          <Button
            variant="primary"
            className="w-full"
            loading={saving}
            onClick={() => onSave({ ...f, start: periodStart(period), end: null }, splitValue)}
          >
            Save and build from logs
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
