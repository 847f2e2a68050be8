// An app's annotations: the annotation-reply switch and settings, then the list with search, add,
// edit, delete, hit history, CSV import and CSV/JSONL export.
import { useState } from "react";
import { useOutletContext } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { Menu, MenuItem } from "../../../components/ui/menu";
import { LoadingState, Spinner } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { downloadAnnotations, type ExportFormat } from "../api/export-annotations";
import { PAGE_SIZE, useAnnotations } from "../api/get-annotations";
import { useDeleteAnnotation } from "../api/save-annotation";
import type { Annotation } from "../api/types";
import { AnnotationDialog, type AnnotationDialogTarget } from "../components/annotation-dialog";
import { AnnotationsTable } from "../components/annotations-table";
import { HitHistoryDialog } from "../components/hit-history-dialog";
import { AnnotationIcon, DownloadIcon, UploadIcon } from "../components/icons";
import { ImportDialog } from "../components/import-dialog";
import { ReplySettingsCard } from "../components/reply-settings-card";
import { useDebouncedValue } from "../hooks/use-debounced-value";

/** What the app layout hands its pages (features/apps/hooks/use-app-context.ts). */
interface AppOutlet {
  app: { id: string; mode: string };
  canEdit: boolean;
}

export function AnnotationsRoute() {
  const { app, canEdit } = useOutletContext<AppOutlet>();
  const [search, setSearch] = useState("");
  const keyword = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const list = useAnnotations(app.id, { page, keyword });
  const remove = useDeleteAnnotation(app.id);
  const toast = useToast();
  const [editing, setEditing] = useState<AnnotationDialogTarget | null>(null);
  const [deleting, setDeleting] = useState<Annotation | null>(null);
  const [history, setHistory] = useState<Annotation | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const data = list.data;
  const noAnnotations = !keyword && data?.total === 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const exportAs = (format: ExportFormat) => {
    setExporting(format);
    downloadAnnotations(app.id, format)
      .catch((err) => toast({ tone: "error", title: "Couldn't export the annotations", description: errorMessage(err) }))
      .finally(() => setExporting(null));
  };

  return (
    <div className="mx-auto w-full max-w-7xl px-8 py-7">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-80">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Annotations</h1>
          <p className="mt-1 max-w-2xl text-[13px] text-zinc-500">
            Curated answers to real questions. Add them here, import a CSV, or improve an answer from the Logs.
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Menu
            align="end"
            triggerLabel="Export annotations"
            triggerClassName={buttonClasses("secondary", "sm")}
            trigger={
              <span className="inline-flex items-center gap-1.5">
                {exporting ? <Spinner className="size-3.5" /> : <DownloadIcon className="size-3.5" />} Export
              </span>
            }
          >
            <MenuItem onSelect={() => exportAs("csv")} disabled={noAnnotations}>
              CSV (question, answer)
            </MenuItem>
            <MenuItem onSelect={() => exportAs("jsonl")} disabled={noAnnotations}>
              JSONL (fine-tuning messages)
            </MenuItem>
          </Menu>
          {canEdit && (
            <>
              <Button size="sm" icon={<UploadIcon className="size-3.5" />} onClick={() => setImporting(true)}>
                Import CSV
              </Button>
              <Button
                size="sm"
                variant="primary"
                icon={<PlusIcon className="size-3.5" />}
                onClick={() => setEditing({ kind: "create", draft: { question: "", answer: "" } })}
              >
                Add annotation
              </Button>
            </>
          )}
        </div>
      </div>

      <div className="space-y-5">
        <ReplySettingsCard appId={app.id} canEdit={canEdit} isChat={app.mode !== "completion"} />

        <div className="relative max-w-sm">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            placeholder="Search questions and answers"
            aria-label="Search annotations"
            className="pl-9"
          />
        </div>

        {list.isPending ? (
          <LoadingState label="Loading annotations…" />
        ) : list.isError ? (
          <Alert
            tone="error"
            title="Couldn't load the annotations"
            action={
              <Button size="sm" onClick={() => list.refetch()}>
                Try again
              </Button>
            }
          >
            {errorMessage(list.error)}
          </Alert>
        ) : data && data.data.length === 0 ? (
          <EmptyState
            icon={<AnnotationIcon className="size-5" />}
            title={keyword ? "No annotations match" : "No annotations yet"}
            description={
              keyword
                ? "Try other words; the search looks in questions and answers."
                : "Add a question with the answer it should get, import a CSV, or open a message in the Logs and choose “Improve this answer”."
            }
            action={
              keyword ? (
                <Button onClick={() => setSearch("")}>Clear search</Button>
              ) : (
                canEdit && (
                  <Button variant="primary" onClick={() => setEditing({ kind: "create", draft: { question: "", answer: "" } })}>
                    Add annotation
                  </Button>
                )
              )
            }
          />
        ) : (
          data && (
            <Card className="overflow-hidden">
              <AnnotationsTable
                annotations={data.data}
                canEdit={canEdit}
                onEdit={(a) => setEditing({ kind: "edit", annotationId: a.id, draft: { question: a.question, answer: a.answer } })}
                onHistory={setHistory}
                onDelete={setDeleting}
              />
              <div className="flex items-center justify-between gap-3 border-t border-zinc-100 px-4 py-2.5 text-[13px] text-zinc-500">
                <span data-testid="annotations-total">
                  {data.total} annotation{data.total === 1 ? "" : "s"}
                </span>
                <div className="flex items-center gap-2">
                  <Button size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    Previous
                  </Button>
                  <span className="tabular-nums">
                    Page {Math.min(page, pages)} of {pages}
                  </span>
                  <Button size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                    Next
                  </Button>
                </div>
              </div>
            </Card>
          )
        )}
      </div>

      <AnnotationDialog appId={app.id} target={editing} onClose={() => setEditing(null)} />
      <ImportDialog appId={app.id} open={importing} onClose={() => setImporting(false)} />
      <HitHistoryDialog appId={app.id} annotation={history} onClose={() => setHistory(null)} />
      <ConfirmDialog
        open={!!deleting}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(deleting!.id, {
            onSuccess: () => {
              toast({ tone: "success", title: "Annotation deleted" });
              setDeleting(null);
            },
          })
        }
        title="Delete this annotation?"
        description={`“${deleting?.question ?? ""}” will be answered by the model again, and its hit history is deleted too.`}
        confirmLabel="Delete annotation"
        pending={remove.isPending}
        error={remove.error}
      />
    </div>
  );
}
