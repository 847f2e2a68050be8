// The set at a glance: rows per split, estimated training tokens and cost, and what would stop a
// fine-tune. Costs are estimates from OpenAI's published training prices, not a bill.
import { Alert } from "../../../components/ui/alert";
import { Select } from "../../../components/ui/select";
import type { SetSummary } from "../api/types";
import { formatCount, formatUsd } from "../lib/format";

function Tile({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-card">
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p className="mt-1 text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={testId}>
        {value}
      </p>
      {detail && <p className="mt-0.5 text-xs text-zinc-500">{detail}</p>}
    </div>
  );
}

export function SetSummaryTiles({ summary, baseModel, onBaseModel }: { summary: SetSummary | undefined; baseModel: string; onBaseModel: (m: string) => void }) {
  if (!summary) return <div className="h-24 animate-pulse rounded-xl bg-zinc-100" />;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Tile label="Training rows" value={String(summary.train_count)} testId="train-count" detail="Sent to train the model" />
        <Tile label="Validation rows" value={String(summary.validation_count)} testId="validation-count" detail="Held out to measure it" />
        <Tile label="Training tokens" value={formatCount(summary.train_tokens)} detail="Per epoch, estimated" />
        <div className="rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-card">
          <p className="text-xs font-medium text-zinc-500">Estimated cost · {summary.n_epochs} epochs</p>
          <p className="mt-1 text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="estimated-cost">
            {formatUsd(summary.estimated_cost)}
          </p>
          <Select
            aria-label="Base model for the estimate"
            value={baseModel}
            onChange={(e) => onBaseModel(e.target.value)}
            options={summary.estimates.map((e) => ({ value: e.model, label: `on ${e.model}` }))}
            wrapperClassName="mt-1"
            className="h-7! pr-8! pl-2! text-xs!"
          />
        </div>
      </div>
      {summary.problem && (
        <Alert tone="warning" title="Not ready to fine-tune yet">
          {summary.problem}
        </Alert>
      )}
    </div>
  );
}
