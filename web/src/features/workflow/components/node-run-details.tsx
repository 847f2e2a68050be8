// What a node did in a run: status, time, tokens, inputs, process data, outputs and error.
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import type { NodeStatus } from "../api/types";
import type { NodeRunState } from "../hooks/use-draft-run";
import { Section } from "./fields";

export const STATUS_TONES: Record<string, BadgeTone> = {
  running: "blue",
  retry: "blue",
  succeeded: "green",
  "partial-succeeded": "amber",
  failed: "red",
  exception: "amber",
  stopped: "neutral",
  pending: "neutral",
  paused: "amber",
};

export function StatusBadge({ status }: { status: NodeStatus | string | undefined | null }) {
  if (!status) return null;
  return (
    <Badge tone={STATUS_TONES[status] ?? "neutral"} dot>
      <span data-testid="status-badge">{status}</span>
    </Badge>
  );
}

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-zinc-600">{label}</p>
      <pre className="max-h-56 overflow-auto rounded-lg bg-zinc-900 p-2.5 font-mono text-[11px] leading-relaxed whitespace-pre-wrap text-zinc-100" data-testid={`json-${label.toLowerCase().replaceAll(" ", "-")}`}>
        {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function NodeRunDetails({ run }: { run: NodeRunState }) {
  const tokens = (run.execution_metadata as { total_tokens?: number } | null | undefined)?.total_tokens;
  return (
    <Section title="Last run">
      <div className="flex items-center gap-2 text-xs text-zinc-500" data-testid="node-run">
        <StatusBadge status={run.status} />
        {typeof run.elapsed_time === "number" && <span>{run.elapsed_time.toFixed(3)} s</span>}
        {tokens ? <span>{tokens} tokens</span> : null}
      </div>
      {run.error && <p className="rounded-lg bg-red-50 px-2.5 py-2 text-xs text-red-700">{run.error}</p>}
      <JsonBlock label="Inputs" value={run.inputs} />
      {/* What the node built on the way (the request sent, the prompt), kept for a failed node too. */}
      <JsonBlock label="Process data" value={run.process_data} />
      <JsonBlock label="Outputs" value={run.outputs} />
    </Section>
  );
}
