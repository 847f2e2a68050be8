import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CopyButton } from "../../../components/ui/copy-button";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { useCancelJob, useJob } from "../api/jobs";
import type { JobDetail } from "../api/types";
import { CompareDialog } from "../components/compare-dialog";
import { JobEvents } from "../components/job-events";
import { JobProgressBar, JobStatusBadge } from "../components/job-status-badge";
import { LossChart, lossPoints } from "../components/loss-chart";
import { formatCount, formatLoss } from "../lib/format";
import { isJobActive, JOB_STATUS } from "../lib/job-status";
import { canFineTune } from "../lib/permissions";

export function FinetuneJobRoute() {
  const { jobId = "" } = useParams();
  const job = useJob(jobId);
  if (job.isPending) return <LoadingState label="Loading the job…" />;
  if (job.isError) {
    return (
      <Alert tone="error" title="Couldn't open this fine-tune job">
        {errorMessage(job.error)} <Link to="/finetune" className="underline">Back to fine-tuning</Link>
      </Alert>
    );
  }
  return <JobPage job={job.data} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-[13px] text-zinc-900">{children}</dd>
    </div>
  );
}

function JobPage({ job }: { job: JobDetail }) {
  const workspace = useCurrentWorkspace();
  const canEdit = canFineTune(workspace.data?.role);
  const cancel = useCancelJob(job.id);
  const [confirming, setConfirming] = useState(false);
  const [comparing, setComparing] = useState(false);
  const active = isJobActive(job.status);
  const last = lossPoints(job.events).at(-1);
  const retrying = job.status === "pending" && job.error;

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/finetune" className="hover:text-zinc-700">Fine-tuning</Link>}
        title={`Fine-tune of ${job.set_name ?? "a deleted set"}`}
        description={`${job.base_model} on ${job.provider} · training file version ${job.export_version}`}
        actions={
          <>
            {canEdit && active && (
              <Button variant="danger-ghost" onClick={() => setConfirming(true)}>
                Cancel job
              </Button>
            )}
            {job.status === "succeeded" && job.model_name && (
              <Button variant="primary" onClick={() => setComparing(true)}>
                Compare in the prompt IDE
              </Button>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardBody className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="flex items-center gap-3">
                <span data-testid="job-status">
                  <JobStatusBadge status={job.status} />
                </span>
                <span className="text-[13px] text-zinc-500">{retrying ? `Retrying (attempt ${job.attempts}): the provider refused or could not be reached.` : JOB_STATUS[job.status].hint}</span>
              </div>
              {job.step != null && job.total_steps != null && (
                <span className="text-[13px] text-zinc-500 tabular-nums">
                  Step {job.step} of {job.total_steps}
                </span>
              )}
            </div>
            <JobProgressBar job={job} />
            {job.error && (
              <Alert tone={job.status === "failed" ? "error" : "warning"} title={job.status === "failed" ? "The fine-tune failed" : "The last attempt failed; Kiln is retrying"}>
                {job.error}
              </Alert>
            )}
            {job.status === "succeeded" && job.model_name && (
              <Alert tone="success" title="Your fine-tuned model is ready">
                It is now in every app's model picker under {job.provider}. Compare it with {job.base_model} in the prompt IDE before you switch an app over.
              </Alert>
            )}
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 border-t border-zinc-100 pt-4 md:grid-cols-4">
              <div className="col-span-2 md:col-span-4">
                <dt className="text-xs text-zinc-500">Fine-tuned model</dt>
                <dd className="mt-0.5 flex min-h-8 flex-wrap items-center gap-2 text-[13px] text-zinc-900">
                  {job.fine_tuned_model ? (
                    <>
                      <code className="rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs break-all" data-testid="fine-tuned-model">
                        {job.fine_tuned_model}
                      </code>
                      <CopyButton text={job.fine_tuned_model} />
                    </>
                  ) : (
                    <span className="text-zinc-400">Named by the provider when training succeeds</span>
                  )}
                </dd>
              </div>
              <Fact label="Trained tokens">{formatCount(job.trained_tokens)}</Fact>
              <Fact label="Latest loss">{last ? `${formatLoss(last.train_loss)}${last.valid_loss != null ? ` · val ${formatLoss(last.valid_loss)}` : ""}` : "—"}</Fact>
              <Fact label="Epochs">{job.n_epochs ?? "auto"}</Fact>
              <Fact label="Training set">
                <Link to={`/finetune/sets/${job.set_id}`} className="text-brand-700 hover:underline">
                  {job.set_name ?? "Deleted set"} · v{job.export_version}
                </Link>
              </Fact>
              <Fact label="Provider job">{job.provider_job_id ?? "—"}</Fact>
              <Fact label="Started">{formatDateTime(job.created_at)}</Fact>
              <Fact label="Finished">{job.finished_at ? formatDateTime(job.finished_at) : "—"}</Fact>
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Loss" description="Lower is better. Validation loss rising while training loss falls means the model is memorising." />
          <CardBody>
            <LossChart events={job.events} />
          </CardBody>
        </Card>
        <Card className="overflow-hidden">
          <CardHeader title="Events" description={active ? "Live from the provider, refreshed every 2 seconds." : "As the provider reported them."} />
          <JobEvents events={job.events} />
        </Card>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Cancel this fine-tune?"
        description="The provider stops training; no model is produced. Anything already trained may still be billed by the provider."
        confirmLabel="Cancel job"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      />
      <CompareDialog job={job} open={comparing} onClose={() => setComparing(false)} />
    </>
  );
}
