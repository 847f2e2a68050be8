// Search method, hybrid fusion, top-k and score threshold: Dify's retrieval settings.
import type { IndexingTechnique } from "../api/types";
import { methodsFor, type RetrievalSettings } from "../lib/retrieval";
import { ChoiceCards } from "./choice-cards";
import { Segmented } from "./segmented";
import { Toggle } from "./toggle";

interface RetrievalSettingsFormProps {
  value: RetrievalSettings;
  onChange: (value: RetrievalSettings) => void;
  technique: IndexingTechnique | null;
  disabled?: boolean;
  /** Narrow column: the methods as a segmented control instead of cards. */
  compact?: boolean;
}

function Slider({ label, value, min, max, step, onChange, display, disabled }: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (n: number) => void;
  display: string;
  disabled?: boolean;
}) {
  return (
    <label className="block space-y-1">
      <span className="flex items-baseline justify-between text-[13px] font-medium text-zinc-700">
        {label}
        <span className="font-mono text-xs text-zinc-500">{display}</span>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-label={label}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed"
      />
    </label>
  );
}

export function RetrievalSettingsForm({ value: s, onChange, technique, disabled, compact }: RetrievalSettingsFormProps) {
  const set = (change: Partial<RetrievalSettings>) => onChange({ ...s, ...change });
  const methods = methodsFor(technique);
  return (
    <div className="space-y-4" data-testid="retrieval-settings">
      {methods.length === 1 ? (
        <p className="rounded-lg bg-zinc-50 px-3 py-2 text-xs text-zinc-600 ring-1 ring-zinc-200">{methods[0]!.description}</p>
      ) : compact ? (
        <div className="space-y-1.5">
          <p className="text-[13px] font-medium text-zinc-700">Search method</p>
          <Segmented label="Search method" value={s.method} options={methods} onChange={(method) => set({ method })} />
          <p className="text-xs text-zinc-500">{methods.find((m) => m.value === s.method)?.description}</p>
        </div>
      ) : (
        <ChoiceCards label="Search method" columns={3} value={s.method} options={methods} onChange={(method) => set({ method })} disabled={disabled} />
      )}
      {s.method === "hybrid_search" && (
        <div className="space-y-3 rounded-lg border border-zinc-200 p-3">
          <Segmented
            label="How rankings are merged"
            size="sm"
            value={s.hybridMode}
            onChange={(hybridMode) => set({ hybridMode })}
            options={[
              { value: "weighted_score", label: "Weighted score" },
              { value: "reciprocal_rank_fusion", label: "Rank fusion (RRF)" },
            ]}
          />
          {s.hybridMode === "weighted_score" ? (
            <label className="block space-y-1">
              <span className="flex items-baseline justify-between font-mono text-xs text-zinc-600">
                <span>Semantic {s.semanticWeight.toFixed(1)}</span>
                <span>{(1 - s.semanticWeight).toFixed(1)} Keyword</span>
              </span>
              <input
                type="range"
                min={0}
                max={1}
                step={0.1}
                value={s.semanticWeight}
                disabled={disabled}
                aria-label="Semantic weight"
                onChange={(e) => set({ semanticWeight: Number(e.target.value) })}
                className="w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed"
              />
            </label>
          ) : (
            <p className="text-xs text-zinc-500">Each chunk scores by its rank in both lists, so neither search's score scale dominates.</p>
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Slider label="Top K" min={1} max={10} step={1} value={s.topK} disabled={disabled} onChange={(topK) => set({ topK })} display={String(s.topK)} />
        <div className="space-y-1">
          <Toggle label="Score threshold" checked={s.thresholdEnabled} disabled={disabled} onChange={(thresholdEnabled) => set({ thresholdEnabled })} className="font-medium" />
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={s.threshold}
            disabled={disabled || !s.thresholdEnabled}
            aria-label="Minimum score"
            onChange={(e) => set({ threshold: Number(e.target.value) })}
            className="w-full cursor-pointer accent-brand-500 disabled:cursor-not-allowed disabled:opacity-50"
          />
          <p className="text-xs text-zinc-500">{s.thresholdEnabled ? `Only chunks scoring ${s.threshold.toFixed(2)} or more.` : "Off: the top K chunks, whatever their score."}</p>
        </div>
      </div>
    </div>
  );
}
