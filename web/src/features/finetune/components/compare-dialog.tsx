// "Compare in the prompt IDE": pick the app whose prompt to try, then open its compare view with
// the base and the fine-tuned model side by side and questions from the validation split to send.
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { useExamples } from "../api/examples";
import { useAppOptions } from "../api/pickers";
import { useSet } from "../api/sets";
import type { Job } from "../api/types";
import { compareUrl, MAX_SAMPLES } from "../lib/compare-link";

export function CompareDialog({ job, open, onClose }: { job: Job; open: boolean; onClose: () => void }) {
  const apps = useAppOptions();
  const set = useSet(job.set_id);
  const rows = useExamples(job.set_id, 1, "false");
  const navigate = useNavigate();
  const [appId, setAppId] = useState("");
  const chatApps = (apps.data ?? []).filter((a) => a.mode === "chat" || a.mode === "completion");

  useEffect(() => {
    if (appId || !apps.data) return;
    const preferred = set.data?.filters.app_id;
    setAppId(chatApps.find((a) => a.id === preferred)?.id ?? chatApps[0]?.id ?? "");
  }, [apps.data, set.data, appId, chatApps]);

  const open_ = () => {
    const examples = rows.data?.data ?? [];
    const validation = examples.filter((e) => e.split === "validation");
    const samples = (validation.length ? validation : examples).map((e) => e.query).filter(Boolean).slice(0, MAX_SAMPLES);
    navigate(compareUrl(appId, [`${job.provider}:${job.base_model}`, job.model_name ?? ""], samples));
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Compare base and fine-tuned"
      description="Opens the app's prompt IDE with both models side by side; send the same questions to each."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!appId || !job.model_name} onClick={open_}>
            Open the compare view
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field label="App" hint="Its prompt and settings are used for both models.">
          {(id) => (
            <Select
              id={id}
              value={appId}
              onChange={(e) => setAppId(e.target.value)}
              options={chatApps.map((a) => ({ value: a.id, label: a.name }))}
              placeholder={apps.isPending ? "Loading apps…" : chatApps.length ? undefined : "No chat or completion app"}
            />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3 text-[13px]">
          <div className="rounded-lg border border-zinc-200 px-3 py-2">
            <p className="text-[11px] font-semibold tracking-wide text-zinc-400 uppercase">Model 1 · base</p>
            <p className="truncate font-mono text-xs text-zinc-800">{job.base_model}</p>
          </div>
          <div className="rounded-lg border border-violet-200 bg-violet-50/50 px-3 py-2">
            <p className="text-[11px] font-semibold tracking-wide text-violet-500 uppercase">Model 2 · fine-tuned</p>
            <p className="truncate font-mono text-xs text-zinc-800" title={job.fine_tuned_model ?? ""}>
              {job.fine_tuned_model}
            </p>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
