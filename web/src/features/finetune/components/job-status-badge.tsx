import { Badge } from "../../../components/ui/badge";
import type { Job } from "../api/types";
import { isJobActive, JOB_STATUS, jobProgress } from "../lib/job-status";

export function JobStatusBadge({ status }: { status: Job["status"] }) {
  const s = JOB_STATUS[status];
  return (
    <Badge tone={s.tone} dot className={isJobActive(status) ? "[&>span:first-child]:animate-pulse" : undefined}>
      {s.label}
    </Badge>
  );
}

export function JobProgressBar({ job, className }: { job: Pick<Job, "status" | "step" | "total_steps">; className?: string }) {
  const fraction = jobProgress(job);
  const tone = job.status === "failed" ? "bg-red-500" : job.status === "cancelled" ? "bg-amber-400" : job.status === "succeeded" ? "bg-emerald-500" : "bg-violet-500";
  return (
    <div
      className={`h-1.5 w-full overflow-hidden rounded-full bg-zinc-100 ${className ?? ""}`}
      role="progressbar"
      aria-label="Fine-tune progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
    >
      <div className={`h-full rounded-full transition-all duration-700 ${tone}`} style={{ width: `${Math.max(fraction * 100, job.status === "failed" ? 100 : 2)}%` }} />
    </div>
  );
}
