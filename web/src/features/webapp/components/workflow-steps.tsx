// The steps of a workflow run as they start and finish: each node's title with its status.
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Spinner } from "../../../components/ui/spinner";
import type { NodeStatus } from "../api/workflow-types";
import type { RunStep } from "../lib/workflow-run";

const STATUS: Record<NodeStatus, { tone: BadgeTone; label: string }> = {
  running: { tone: "blue", label: "Running" },
  succeeded: { tone: "green", label: "Done" },
  failed: { tone: "red", label: "Failed" },
  exception: { tone: "amber", label: "Handled error" },
  stopped: { tone: "neutral", label: "Stopped" },
  retry: { tone: "amber", label: "Retrying" },
  paused: { tone: "amber", label: "Waiting for input" },
};

export function WorkflowSteps({ steps }: { steps: RunStep[] }) {
  if (steps.length === 0) {
    return (
      <p className="flex items-center gap-2 text-[13px] text-zinc-500" role="status">
        <Spinner /> Starting…
      </p>
    );
  }
  return (
    <ol className="space-y-1.5" aria-label="Steps">
      {steps.map((s) => {
        const status = STATUS[s.status];
        return (
          <li key={s.id} className="flex items-center gap-2 text-[13px]" data-testid="workflow-step" data-status={s.status}>
            {s.status === "running" ? <Spinner className="size-3.5" /> : <span className="size-3.5" aria-hidden="true" />}
            <span className="min-w-0 flex-1 truncate text-zinc-800">{s.title}</span>
            {s.elapsed !== null && <span className="text-xs tabular-nums text-zinc-400">{s.elapsed.toFixed(2)} s</span>}
            <Badge tone={status.tone}>{status.label}</Badge>
          </li>
        );
      })}
    </ol>
  );
}
