import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { LoadingState, Spinner } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import {
  usePauseDocument,
  useRetryDocuments,
  useSetDocumentStatus,
  useDeleteDocument,
  useUpdateDocument,
} from "../api/document-actions";
import { useDownloadDocumentsZip, ZIP_MAX_DOCUMENTS } from "../api/download-document";
import { DOCUMENTS_PAGE_SIZE, useDocuments } from "../api/get-documents";
import type { KnowledgeDocument } from "../api/types";
import { DatasetPage } from "../components/dataset-page";
import { DocumentsTable } from "../components/documents-table";
import { DownloadIcon, FilesIcon } from "../components/icons";
import { ReindexDialog } from "../components/reindex-dialog";
import { RenameDialog } from "../components/rename-dialog";
import { useDatasetContext } from "../hooks/use-dataset-context";
import { isSettled, STATUS_FILTERS } from "../lib/document-status";

export function DocumentsRoute() {
  const { dataset, canEdit } = useDatasetContext();
  const [search, setSearch] = useState("");
  const [keyword, setKeyword] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const documents = useDocuments(dataset.id, { keyword, status }, page);
  const toast = useToast();

  const setDocStatus = useSetDocumentStatus(dataset.id);
  const pause = usePauseDocument(dataset.id);
  const retry = useRetryDocuments(dataset.id);
  const update = useUpdateDocument(dataset.id);
  const remove = useDeleteDocument(dataset.id);
  const [reindexing, setReindexing] = useState<KnowledgeDocument | null>(null);
  const [renaming, setRenaming] = useState<KnowledgeDocument | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const downloadZip = useDownloadDocumentsZip(dataset.id);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== keyword) {
        setKeyword(search.trim());
        setPage(1);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [search, keyword]);

  const fail = (title: string) => (err: unknown) => toast({ tone: "error", title, description: errorMessage(err) });
  const list = documents.data?.data ?? [];
  const total = documents.data?.total ?? 0;
  const indexing = list.filter((d) => !isSettled(d.indexing_status)).length;
  const filtered = Boolean(keyword || status);
  const addLink = canEdit && (
    <Link to="../add" relative="path" className={buttonClasses("primary")}>
      <PlusIcon /> Add documents
    </Link>
  );

  return (
    <DatasetPage wide title="Documents" description="Every document of this knowledge base, with its indexing status. Open one to see and edit its chunks." actions={addLink}>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input type="search" aria-label="Search documents by name" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} className="pl-9" />
        </div>
        <Select
          aria-label="Filter by status"
          wrapperClassName="w-44"
          value={status}
          options={STATUS_FILTERS}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
        />
        {indexing > 0 && (
          <span className="ml-auto flex items-center gap-2 text-[13px] text-sky-700" role="status" data-testid="indexing-banner">
            <Spinner className="size-3.5" /> Indexing {indexing} document{indexing === 1 ? "" : "s"}… statuses update live
          </span>
        )}
      </div>

      {documents.isPending ? (
        <LoadingState label="Loading documents…" />
      ) : documents.isError ? (
        <Alert tone="error" title="Couldn't load the documents" action={<Button size="sm" onClick={() => documents.refetch()}>Try again</Button>}>
          {errorMessage(documents.error)}
        </Alert>
      ) : list.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchIcon className="size-5" />}
            title="No documents match"
            description="Try another name or status."
            action={
              <Button
                onClick={() => {
                  setSearch("");
                  setStatus("");
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<FilesIcon className="size-5" />}
            title="No documents yet"
            description={canEdit ? "Upload files or paste text; Kiln splits them into chunks and indexes them for retrieval." : "Documents added by your team appear here."}
            action={addLink}
          />
        )
      ) : (
        <Card className="overflow-hidden">
          <DocumentsTable
            datasetId={dataset.id}
            documents={list}
            canEdit={canEdit}
            pendingId={setDocStatus.isPending ? (setDocStatus.variables?.documentId ?? null) : null}
            selected={selected}
            onSelect={(docs, on) =>
              setSelected((current) => {
                const next = new Set(current);
                for (const d of docs) {
                  if (on) next.add(d.id);
                  else next.delete(d.id);
                }
                return next;
              })
            }
            onToggle={(doc, on) =>
              setDocStatus.mutate({ action: on ? "enable" : "disable", documentId: doc.id }, { onError: fail(`Couldn't ${on ? "enable" : "disable"} ${doc.name}`) })
            }
            onStatus={(doc, action) =>
              setDocStatus.mutate(
                { action, documentId: doc.id },
                {
                  onSuccess: () => toast({ tone: "success", title: `${doc.name} ${action === "archive" ? "archived" : "unarchived"}` }),
                  onError: fail(`Couldn't change ${doc.name}`),
                },
              )
            }
            onPause={(doc, p) => pause.mutate({ documentId: doc.id, pause: p }, { onError: fail(`Couldn't ${p ? "pause" : "resume"} ${doc.name}`) })}
            onRetry={(doc) =>
              retry.mutate([doc.id], {
                onSuccess: () => toast({ tone: "success", title: `Retrying ${doc.name}` }),
                onError: fail(`Couldn't retry ${doc.name}`),
              })
            }
            onReindex={setReindexing}
            onRename={setRenaming}
            onDelete={setDeleting}
          />
          <div className="flex items-center justify-between border-t border-zinc-100 px-5 py-2.5 text-[13px] text-zinc-500">
            <div className="flex items-center gap-3">
              <span>
                {total} document{total === 1 ? "" : "s"}
                {selected.size > 0 && ` · ${selected.size} selected`}
              </span>
              {selected.size > 0 && (
                <Button
                  size="sm"
                  icon={<DownloadIcon />}
                  disabled={downloadZip.isPending || selected.size > ZIP_MAX_DOCUMENTS}
                  title={selected.size > ZIP_MAX_DOCUMENTS ? `At most ${ZIP_MAX_DOCUMENTS} documents go into one archive.` : undefined}
                  onClick={() => downloadZip.mutate([...selected], { onError: fail("Couldn't download the documents") })}
                >
                  {downloadZip.isPending ? "Preparing ZIP…" : "Download as ZIP"}
                </Button>
              )}
            </div>
            {total > DOCUMENTS_PAGE_SIZE && (
              <div className="flex items-center gap-2">
                <Button size="sm" disabled={page === 1} onClick={() => setPage(page - 1)}>
                  Previous
                </Button>
                <span>
                  Page {page} of {Math.ceil(total / DOCUMENTS_PAGE_SIZE)}
                </span>
                <Button size="sm" disabled={!documents.data?.has_more} onClick={() => setPage(page + 1)}>
                  Next
                </Button>
              </div>
            )}
          </div>
        </Card>
      )}

      <ReindexDialog
        doc={reindexing}
        pending={update.isPending}
        error={update.error}
        onClose={() => {
          setReindexing(null);
          update.reset();
        }}
        onSubmit={(rule) =>
          update.mutate(
            { documentId: reindexing!.id, process_rule: rule },
            {
              onSuccess: () => {
                toast({ tone: "success", title: `Re-indexing ${reindexing!.name}` });
                setReindexing(null);
              },
            },
          )
        }
      />
      <RenameDialog
        name={renaming?.name ?? null}
        pending={update.isPending}
        error={update.error}
        onClose={() => {
          setRenaming(null);
          update.reset();
        }}
        onSubmit={(name) => update.mutate({ documentId: renaming!.id, name }, { onSuccess: () => setRenaming(null) })}
      />
      <ConfirmDialog
        open={!!deleting}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(deleting!.id, {
            onSuccess: () => {
              toast({ tone: "success", title: `${deleting!.name} deleted` });
              const gone = deleting!.id;
              setSelected((current) => new Set([...current].filter((id) => id !== gone)));
              setDeleting(null);
            },
          })
        }
        title={`Delete ${deleting?.name ?? "document"}?`}
        description="Its chunks leave the index at once, so apps stop retrieving them. This can't be undone."
        confirmLabel="Delete document"
        pending={remove.isPending}
        error={remove.error}
      />
    </DatasetPage>
  );
}
