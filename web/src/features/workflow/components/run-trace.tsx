// One past run: its summary, then its node executions as a tree (inner nodes of an iteration or
// loop under it) with a waterfall bar showing when each ran; a row opens its inputs and outputs.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useNodeExecutions, useWorkflowRun } from "../api/runs";
import type { NodeExecution } from "../api/types";
import { NodeIcon } from "./node-icon";
import { JsonBlock, NodeRunDetails, StatusBadge } from "./node-run-details";

/** Seconds, whether the server sent seconds (Dify) or milliseconds. */
const seconds = (t: number | null | undefined) => (typeof t === "number" ? (t > 1e12 ? t / 1000 : t) : 0);

export interface TraceRow {
  execution: NodeExecution;
  depth: number;
  start: number;
  end: number;
}

/** Executions ordered as they ran, each inner node placed under its iteration or loop. */
export function traceRows(executions: NodeExecution[]): TraceRow[] {
  const sorted = [...executions].sort((a, b) => seconds(a.created_at) - seconds(b.created_at) || (a.index ?? 0) - (b.index ?? 0));
  const parentOf = (e: NodeExecution) => e.iteration_id || e.loop_id || (e.execution_metadata as { iteration_id?: string; loop_id?: string } | null | undefined)?.iteration_id || (e.execution_metadata as { loop_id?: string } | null | undefined)?.loop_id || null;
  const rows: TraceRow[] = [];
  const place = (e: NodeExecution, depth: number) => {
    const start = seconds(e.created_at);
    rows.push({ execution: e, depth, start, end: e.finished_at ? seconds(e.finished_at) : start + (e.elapsed_time ?? 0) });
    for (const child of sorted.filter((c) => parentOf(c) === e.node_id && c !== e)) place(child, depth + 1);
  };
  const present = new Set(sorted.map((e) => e.node_id));
  for (const e of sorted) {
    const parent = parentOf(e);
    if (!parent || !present.has(parent)) place(e, 0);
  }
  return rows;
}

export function RunTrace({ appId, runId }: { appId: string; runId: string }) {
  const run = useWorkflowRun(appId, runId);
  const nodes = useNodeExecutions(appId, runId);
  const [open, setOpen] = useState<string | null>(null);
  if (run.isPending || nodes.isPending) return <LoadingState label="Loading the run…" className="py-10" />;
  if (run.isError || nodes.isError) return <Alert tone="error" title="Couldn't load the run">{errorMessage(run.error ?? nodes.error)}</Alert>;
  const rows = traceRows(nodes.data.data ?? []);
  const t0 = Math.min(...rows.map((r) => r.start), seconds(run.data.created_at) || Number.POSITIVE_INFINITY);
  const t1 = Math.max(...rows.map((r) => r.end), t0 + (run.data.elapsed_time ?? 0));
  const span = Math.max(t1 - t0, 0.001);
  const parse = (v: unknown) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  };
  return (
    <div className="space-y-3" data-testid="run-trace">
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <StatusBadge status={run.data.status} />
        <span>{(run.data.elapsed_time ?? 0).toFixed(3)} s</span>
        <span>{run.data.total_tokens ?? 0} tokens</span>
        {run.data.total_steps !== undefined && <span>{run.data.total_steps} steps</span>}
      </div>
      {run.data.error && <p className="rounded-lg bg-red-50 px-2.5 py-2 text-xs text-red-700">{run.data.error}</p>}
      <div className="rounded-lg border border-zinc-200">
        {rows.length === 0 && <p className="px-3 py-4 text-xs text-zinc-400">No node ran.</p>}
        {rows.map((r) => {
          const e = r.execution;
          const left = ((r.start - t0) / span) * 100;
          const width = Math.max(((r.end - r.start) / span) * 100, 1);
          return (
            <div key={e.id}>
              <button
                type="button"
                onClick={() => setOpen(open === e.id ? null : e.id)}
                className={cn("grid w-full cursor-pointer grid-cols-[minmax(0,1fr)_96px] items-center gap-2 border-b border-zinc-100 px-2 py-1.5 text-left last:border-b-0 hover:bg-zinc-50", open === e.id && "bg-zinc-50")}
                data-testid="trace-row"
              >
                <span className="flex min-w-0 items-center gap-1.5" style={{ paddingLeft: r.depth * 14 }}>
                  <NodeIcon type={e.node_type} size="sm" />
                  <span className="truncate text-xs font-medium text-zinc-800">{e.title}</span>
                  <span className={cn("ml-auto size-1.5 shrink-0 rounded-full", e.status === "succeeded" ? "bg-emerald-500" : e.status === "failed" ? "bg-red-500" : "bg-amber-500")} />
                </span>
                <span className="relative h-2 rounded bg-zinc-100" title={`${(e.elapsed_time ?? 0).toFixed(3)} s`}>
                  <span className={cn("absolute inset-y-0 rounded", e.status === "failed" ? "bg-red-400" : "bg-sky-400")} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
                </span>
              </button>
              {open === e.id && (
                <div className="border-b border-zinc-100 bg-zinc-50/60 pb-1">
                  <NodeRunDetails run={{ ...e }} />
                </div>
              )}
            </div>
          );
        })}
      </div>
      <JsonBlock label="Outputs" value={parse(run.data.outputs)} />
    </div>
  );
}
