import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { SparklesIcon, TrashIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { Select } from "../../../components/ui/select";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { EXAMPLES_PAGE_SIZE, useExamples, useSetSummary, useUpdateExample } from "../api/examples";
import { useJobs } from "../api/jobs";
import { useBuildSet, useDeleteSet, useSet, useUpdateSet } from "../api/sets";
import type { Example, FinetuneSet, SetFilters } from "../api/types";
import { EditExampleDialog } from "../components/edit-example-dialog";
import { ExamplesTable } from "../components/examples-table";
import { ExportsCard } from "../components/exports-card";
import { JobsTable } from "../components/jobs-table";
import { SetFiltersCard } from "../components/set-filters-card";
import { SetSummaryTiles } from "../components/set-summary";
import { StartJobDialog } from "../components/start-job-dialog";
import { canFineTune } from "../lib/permissions";

export function FinetuneSetRoute() {
  const { setId = "" } = useParams();
  const set = useSet(setId);
  if (set.isPending) return <LoadingState label="Loading the training set…" />;
  if (set.isError) {
    return (
      <Alert tone="error" title="Couldn't open this training set">
        {errorMessage(set.error)} <Link to="/finetune" className="underline">Back to fine-tuning</Link>
      </Alert>
    );
  }
  return <SetPage set={set.data} />;
}

function SetPage({ set }: { set: FinetuneSet }) {
  const workspace = useCurrentWorkspace();
  const canEdit = canFineTune(workspace.data?.role);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState("");
  const [baseModel, setBaseModel] = useState("gpt-4o-mini");
  const [editing, setEditing] = useState<Example | null>(null);
  const [starting, setStarting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  const examples = useExamples(set.id, page, shown);
  const summary = useSetSummary(set.id, baseModel);
  const jobs = useJobs(set.id);
  const update = useUpdateSet(set.id);
  const build = useBuildSet(set.id);
  const edit = useUpdateExample(set.id);
  const remove = useDeleteSet();

  const runBuild = async () => {
    const result = await build.mutateAsync();
    setNotes(result.notes);
    toast({ tone: "success", title: `${result.total} example${result.total === 1 ? "" : "s"} in the set`, description: result.kept ? `${result.kept} edited or dropped rows kept as they were.` : undefined });
  };
  // A set created a moment ago arrives with ?build=1: fill it once.
  const autoBuilt = useRef(false);
  useEffect(() => {
    if (params.get("build") !== "1" || autoBuilt.current || !canEdit) return;
    autoBuilt.current = true;
    setParams({}, { replace: true });
    void runBuild().catch(() => {});
  });

  const save = async (filters: SetFilters, validationPercent: number) => {
    await update.mutateAsync({ filters, validation_percent: validationPercent });
    await runBuild();
    setPage(1);
  };

  const data = examples.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / EXAMPLES_PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/finetune" className="hover:text-zinc-700">Fine-tuning</Link>}
        title={set.name}
        description="Review every row before it trains a model: fix answers that could be better, drop the ones that should not be learned."
        actions={
          canEdit && (
            <>
              <Button variant="ghost" icon={<TrashIcon />} onClick={() => setDeleting(true)}>
                Delete
              </Button>
              <Button variant="primary" icon={<SparklesIcon />} onClick={() => setStarting(true)}>
                Start fine-tune
              </Button>
            </>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div>
          <SetFiltersCard
            key={`${JSON.stringify(set.filters)}:${set.validation_percent}`}
            set={set}
            canEdit={canEdit}
            saving={update.isPending || build.isPending}
            error={update.error ?? build.error}
            notes={notes}
            onSave={(f, v) => void save(f, v).catch(() => {})}
          />
        </div>
        <div className="min-w-0 space-y-6">
          <SetSummaryTiles summary={summary.data} baseModel={baseModel} onBaseModel={setBaseModel} />
          <Card className="overflow-hidden">
            <CardHeader
              title="Rows"
              description={`${set.examples} kept · ${set.dropped} dropped`}
              actions={
                <Select
                  aria-label="Show rows"
                  value={shown}
                  onChange={(e) => {
                    setShown(e.target.value);
                    setPage(1);
                  }}
                  options={[
                    { value: "", label: "All rows" },
                    { value: "false", label: "Kept rows" },
                    { value: "true", label: "Dropped rows" },
                  ]}
                />
              }
            />
            {examples.isPending || build.isPending ? (
              <LoadingState label={build.isPending ? "Building from the logs…" : "Loading rows…"} />
            ) : examples.isError ? (
              <Alert tone="error" className="m-4">
                {errorMessage(examples.error)}
              </Alert>
            ) : data && data.total === 0 ? (
              <EmptyState
                compact
                title={shown ? "No rows here" : "No rows yet"}
                description={shown ? "Change what is shown." : "No logged message matches the filters. Widen them, or like some answers in your apps' logs, then build again."}
              />
            ) : (
              data && (
                <>
                  <ExamplesTable
                    examples={data.data}
                    offset={(page - 1) * EXAMPLES_PAGE_SIZE}
                    canEdit={canEdit}
                    busyId={edit.isPending ? (edit.variables?.id ?? null) : null}
                    onEdit={setEditing}
                    onToggleDrop={(e) => edit.mutate({ id: e.id, is_dropped: !e.is_dropped })}
                  />
                  <div className="flex items-center justify-between border-t border-zinc-100 px-4 py-2.5 text-[13px] text-zinc-500">
                    <span data-testid="rows-total">{data.total} rows</span>
                    <div className="flex items-center gap-2">
                      <Button size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                        Previous
                      </Button>
                      <span className="tabular-nums">
                        Page {page} of {pages}
                      </span>
                      <Button size="sm" disabled={!data.has_more} onClick={() => setPage(page + 1)}>
                        Next
                      </Button>
                    </div>
                  </div>
                </>
              )
            )}
          </Card>
          <ExportsCard setId={set.id} canEdit={canEdit} />
          {!!jobs.data?.length && (
            <Card className="overflow-hidden">
              <CardHeader title="Fine-tunes of this set" />
              <JobsTable jobs={jobs.data} showSet={false} />
            </Card>
          )}
        </div>
      </div>
      <EditExampleDialog
        example={editing}
        saving={edit.isPending}
        error={edit.error}
        onClose={() => {
          setEditing(null);
          edit.reset();
        }}
        onSave={(answer) => editing && edit.mutate({ id: editing.id, answer }, { onSuccess: () => setEditing(null) })}
      />
      {canEdit && <StartJobDialog setId={set.id} open={starting} onClose={() => setStarting(false)} />}
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${set.name}?`}
        description="Its rows and exported files are deleted. Fine-tunes already started keep running, and their models stay."
        confirmLabel="Delete training set"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(set.id, { onSuccess: () => navigate("/finetune") })}
      />
    </>
  );
}
