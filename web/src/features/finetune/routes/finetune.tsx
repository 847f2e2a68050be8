import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, SparklesIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { formatRelative } from "../../../lib/format";
import { useJobs } from "../api/jobs";
import { useSets } from "../api/sets";
import type { FinetuneSet } from "../api/types";
import { CreateSetDialog } from "../components/create-set-dialog";
import { JobsTable } from "../components/jobs-table";
import { canFineTune } from "../lib/permissions";

export function FinetuneRoute() {
  const workspace = useCurrentWorkspace();
  const canEdit = canFineTune(workspace.data?.role);
  const sets = useSets();
  const jobs = useJobs();
  const [creating, setCreating] = useState(false);
  const newSet = canEdit && (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
      New training set
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Fine-tuning"
        description="Turn real use into a better model: collect the answers people liked, review and correct them, and fine-tune a model on them in one click."
        actions={newSet}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Datasets for fine-tuning" description="Training sets built from your apps' logs. Open one to review its rows, export it or start a fine-tune." />
          {sets.isPending ? (
            <LoadingState label="Loading training sets…" />
          ) : sets.isError ? (
            <Alert tone="error" className="m-4" title="Couldn't load the training sets">
              {errorMessage(sets.error)}
            </Alert>
          ) : sets.data.length === 0 ? (
            <EmptyState
              compact
              icon={<SparklesIcon className="size-5" />}
              title="No training sets yet"
              description="Like good answers in your apps' logs or WebApp, then create a set from them here."
              action={newSet}
            />
          ) : (
            <SetsTable sets={sets.data} />
          )}
        </Card>
        <Card>
          <CardHeader title="Fine-tune jobs" description="Every fine-tune started in this workspace, with its live status." />
          {jobs.isPending ? (
            <LoadingState label="Loading jobs…" />
          ) : jobs.isError ? (
            <Alert tone="error" className="m-4" title="Couldn't load the jobs">
              {errorMessage(jobs.error)}
            </Alert>
          ) : jobs.data.length === 0 ? (
            <EmptyState compact title="No fine-tunes yet" description="Start one from a training set with at least 10 examples." />
          ) : (
            <JobsTable jobs={jobs.data} />
          )}
        </Card>
      </div>
      <CreateSetDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function SetsTable({ sets }: { sets: FinetuneSet[] }) {
  return (
    <Table className="table-fixed">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH className="w-28 text-right">Examples</TH>
          <TH className="w-28 text-right">Dropped</TH>
          <TH className="w-28 text-right">Validation</TH>
          <TH className="w-36">Built</TH>
        </tr>
      </THead>
      <TBody>
        {sets.map((s) => (
          <TR key={s.id} data-testid="set-row">
            <TD className="truncate">
              <Link to={`/finetune/sets/${s.id}`} className="text-[13px] font-medium text-zinc-900 hover:text-brand-700 hover:underline">
                {s.name}
              </Link>
            </TD>
            <TD className="text-right text-[13px] tabular-nums">{s.examples}</TD>
            <TD className="text-right text-[13px] text-zinc-500 tabular-nums">{s.dropped}</TD>
            <TD className="text-right text-[13px] text-zinc-500 tabular-nums">{s.validation_percent}%</TD>
            <TD className="text-xs text-zinc-500">{s.built_at ? formatRelative(s.built_at) : "Not built yet"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
