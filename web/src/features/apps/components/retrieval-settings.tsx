// How an app searches its knowledge: several bases or the best one, how many passages, and how
// close a passage must be to count.
import { Input } from "../../../components/ui/input";
import { DEFAULT_SCORE_THRESHOLD, type RetrievalSettings as Settings, TOP_K_MAX } from "../lib/knowledge";
import { Segmented } from "./segmented";
import { Toggle } from "./toggle";

interface RetrievalSettingsProps {
  value: Settings;
  onChange: (value: Settings) => void;
  disabled?: boolean;
}

const ROW = "grid grid-cols-[9.5rem_minmax(0,1fr)_4.5rem] items-center gap-3";
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

export function RetrievalSettings({ value, onChange, disabled }: RetrievalSettingsProps) {
  const set = (patch: Partial<Settings>) => onChange({ ...value, ...patch });
  const topKMax = Math.max(TOP_K_MAX, value.topK);
  return (
    <div className="space-y-3" data-testid="retrieval-settings">
      <div className="flex items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-[13px] text-zinc-700">Search</p>
          <p className="text-xs text-zinc-500">
            {value.mode === "multiple" ? "Searches every knowledge base, keeps the best passages." : "Uses only the knowledge base that matches best."}
          </p>
        </div>
        <fieldset disabled={disabled} className="shrink-0">
          <Segmented
            label="Search mode"
            size="sm"
            value={value.mode}
            onChange={(mode) => set({ mode })}
            options={[
              { value: "multiple", label: "Multiple" },
              { value: "single", label: "Single" },
            ]}
          />
        </fieldset>
      </div>

      <div className={ROW} title="How many passages the model receives with each question.">
        <span className="text-[13px] text-zinc-700">Top K</span>
        <input
          type="range"
          aria-label="Top K slider"
          min={1}
          max={topKMax}
          value={value.topK}
          disabled={disabled}
          onChange={(e) => set({ topK: Number(e.target.value) })}
          className="h-1.5 w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed disabled:opacity-40"
        />
        <Input
          type="number"
          aria-label="Top K"
          min={1}
          max={topKMax}
          value={value.topK}
          disabled={disabled}
          onChange={(e) => set({ topK: clamp(Number.parseInt(e.target.value, 10) || 1, 1, topKMax) })}
          className="h-8! px-2! text-[13px]"
        />
      </div>

      <div className={ROW} title="Passages scoring below this are left out.">
        <Toggle label="Score threshold" checked={value.thresholdEnabled} disabled={disabled} onChange={(thresholdEnabled) => set({ thresholdEnabled })} />
        <input
          type="range"
          aria-label="Score threshold slider"
          min={0}
          max={1}
          step={0.05}
          value={value.threshold}
          disabled={disabled || !value.thresholdEnabled}
          onChange={(e) => set({ threshold: Number(e.target.value) })}
          className="h-1.5 w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed disabled:opacity-40"
        />
        <Input
          type="number"
          aria-label="Score threshold"
          min={0}
          max={1}
          step={0.05}
          value={value.threshold}
          placeholder={String(DEFAULT_SCORE_THRESHOLD)}
          disabled={disabled || !value.thresholdEnabled}
          onChange={(e) => {
            if (e.target.value === "") return;
            set({ threshold: clamp(Number(e.target.value), 0, 1) });
          }}
          className="h-8! px-2! text-[13px]"
        />
      </div>
    </div>
  );
}
