import { useNavigate } from "react-router-dom";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { formatRelative } from "../../../lib/format";
import type { Job } from "../api/types";
import { formatCount } from "../lib/format";
import { JobProgressBar, JobStatusBadge } from "./job-status-badge";

/** Jobs, newest first; a row opens the job's page. */
export function JobsTable({ jobs, showSet = true }: { jobs: Job[]; showSet?: boolean }) {
  const navigate = useNavigate();
  return (
    <Table className="table-fixed">
      <THead>
        <tr>
          {showSet && <TH className="w-48">Training set</TH>}
          <TH>Base model → fine-tuned model</TH>
          <TH className="w-44">Status</TH>
          <TH className="w-28 text-right">Trained tokens</TH>
          <TH className="w-32">Started</TH>
        </tr>
      </THead>
      <TBody>
        {jobs.map((j) => (
          <TR
            key={j.id}
            data-testid="job-row"
            tabIndex={0}
            className="cursor-pointer focus-visible:bg-brand-50/50 focus-visible:outline-none"
            onClick={() => navigate(`/finetune/jobs/${j.id}`)}
            onKeyDown={(e) => {
              if (e.key === "Enter") navigate(`/finetune/jobs/${j.id}`);
            }}
          >
            {showSet && (
              <TD className="truncate text-[13px] font-medium text-zinc-900" title={j.set_name ?? "Deleted set"}>
                {j.set_name ?? <span className="text-zinc-400">Deleted set</span>}
                <span className="ml-1.5 text-xs font-normal text-zinc-400">v{j.export_version}</span>
              </TD>
            )}
            <TD>
              <p className="truncate text-[13px] text-zinc-900">
                <span className="font-mono text-xs">{j.base_model}</span>
                <span className="mx-1.5 text-zinc-400">→</span>
                {j.fine_tuned_model ? <span className="font-mono text-xs">{j.fine_tuned_model}</span> : <span className="text-xs text-zinc-400">not yet</span>}
              </p>
              <p className="truncate text-xs text-zinc-500">{j.provider}</p>
            </TD>
            <TD>
              <div className="space-y-1.5">
                <JobStatusBadge status={j.status} />
                <JobProgressBar job={j} className="max-w-32" />
              </div>
            </TD>
            <TD className="text-right text-[13px] tabular-nums">{formatCount(j.trained_tokens)}</TD>
            <TD className="text-xs text-zinc-500">{formatRelative(j.created_at)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
