// A fine-tune job's status in words and colours, and how far along it is.
import type { BadgeTone } from "../../../components/ui/badge";
import type { Job, JobStatus } from "../api/types";

export const JOB_STATUS: Record<JobStatus, { label: string; tone: BadgeTone; hint: string }> = {
  pending: { label: "Starting", tone: "neutral", hint: "Uploading the training file and creating the job at the provider." },
  validating_files: { label: "Validating files", tone: "blue", hint: "The provider is checking the training file." },
  queued: { label: "Queued", tone: "blue", hint: "Waiting for the provider to start training." },
  running: { label: "Training", tone: "violet", hint: "The model is learning from your examples." },
  succeeded: { label: "Succeeded", tone: "green", hint: "The fine-tuned model is ready to use." },
  failed: { label: "Failed", tone: "red", hint: "The job ended without a model." },
  cancelled: { label: "Cancelled", tone: "amber", hint: "The job was stopped." },
};

export const isJobActive = (status: JobStatus) => status !== "succeeded" && status !== "failed" && status !== "cancelled";

/** Progress 0–1 for the bar: steps once training reports them, else a share per phase. */
export function jobProgress(job: Pick<Job, "status" | "step" | "total_steps">): number {
  if (job.status === "succeeded") return 1;
  if (job.step && job.total_steps) return Math.min(1, 0.15 + (0.85 * job.step) / job.total_steps);
  return { pending: 0.02, validating_files: 0.06, queued: 0.1, running: 0.15, failed: 0, cancelled: 0 }[job.status] ?? 0;
}
