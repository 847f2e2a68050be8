// One document: its chunks with search and an enabled filter, edited in place; add or delete a
// chunk; the child chunks of a parent-child document.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, isApiError } from "../../../lib/api";
import { hasOriginal, useDownloadDocument } from "../api/download-document";
import { useDocument } from "../api/get-document";
import { SEGMENTS_PAGE_SIZE, useAddSegment, useDeleteSegment, useSegments, useUpdateSegment } from "../api/segments";
import type { Segment, SegmentFilters } from "../api/types";
import { AddSegmentDialog } from "../components/add-segment-dialog";
import { StatusChip } from "../components/badges";
import { ArrowLeftIcon, DownloadIcon, ScissorsIcon } from "../components/icons";
import { SegmentCard } from "../components/segment-card";
import { Segmented } from "../components/segmented";
import { useDatasetContext } from "../hooks/use-dataset-context";
import { formatCount, formatLatency } from "../lib/document-status";

const ENABLED_FILTERS: { value: SegmentFilters["enabled"]; label: string }[] = [
  { value: "", label: "All" },
  { value: "true", label: "Enabled" },
  { value: "false", label: "Disabled" },
];

export function DocumentRoute() {
  const { dataset, canEdit } = useDatasetContext();
  const { documentId = "" } = useParams();
  const doc = useDocument(dataset.id, documentId);
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<SegmentFilters>({ keyword: "", enabled: "" });
  const [page, setPage] = useState(1);
  const segments = useSegments(dataset.id, documentId, filters, page);
  const add = useAddSegment(dataset.id, documentId);
  const update = useUpdateSegment(dataset.id, documentId);
  const remove = useDeleteSegment(dataset.id, documentId);
  const toast = useToast();
  const download = useDownloadDocument(dataset.id);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Segment | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== filters.keyword) {
        setFilters((f) => ({ ...f, keyword: search.trim() }));
        setPage(1);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filters.keyword]);

  const back = (
    <Link to={`/datasets/${dataset.id}/documents`} className="mb-4 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800">
      <ArrowLeftIcon className="size-3.5" /> Documents
    </Link>
  );

  if (doc.isPending) return <LoadingState label="Loading the document…" className="py-24" />;
  if (doc.isError) {
    return (
      <div className="mx-auto max-w-4xl px-8 py-7">
        {back}
        {isApiError(doc.error) && doc.error.status === 404 ? (
          <EmptyState title="Document not found" description="It may have been deleted." />
        ) : (
          <Alert tone="error" title="Couldn't load the document" action={<Button size="sm" onClick={() => doc.refetch()}>Try again</Button>}>
            {errorMessage(doc.error)}
          </Alert>
        )}
      </div>
    );
  }

  const d = doc.data;
  const list = segments.data?.data ?? [];
  const total = segments.data?.total ?? 0;
  const ready = d.indexing_status === "completed";
  const parentChild = d.doc_form === "hierarchical_model";

  return (
    <div className="mx-auto w-full max-w-4xl px-8 py-7">
      {back}
      <div className="mb-5 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold tracking-tight text-zinc-900" data-testid="document-name">{d.name}</h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-zinc-500">
            <StatusChip doc={d} />
            <span>{parentChild ? "Parent-child chunks" : "General chunks"}</span>
            <span>{d.segment_count} chunks</span>
            <span>{formatCount(d.word_count)} characters</span>
            <span>{formatCount(d.tokens)} tokens</span>
            <span>indexed in {formatLatency(d.indexing_latency)}</span>
          </div>
          {d.error && <p className="mt-2 text-[13px] text-red-600">{d.error}</p>}
        </div>
        <div className="flex items-center gap-2">
          {hasOriginal(d) && (
            <Button
              icon={<DownloadIcon />}
              disabled={download.isPending}
              onClick={() => download.mutate(d.id, { onError: (err) => toast({ tone: "error", title: "Couldn't download the file", description: errorMessage(err) }) })}
            >
              Download original
            </Button>
          )}
          {canEdit && (
            <Button variant="primary" icon={<PlusIcon />} disabled={!ready} title={ready ? undefined : "Chunks can be added once indexing has finished."} onClick={() => setAdding(true)}>
              Add chunk
            </Button>
          )}
        </div>
      </div>

      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input type="search" aria-label="Search chunks" placeholder="Search chunks" value={search} onChange={(e) => setSearch(e.target.value)} className="pl-9" />
        </div>
        <Segmented
          label="Show chunks"
          value={filters.enabled}
          options={ENABLED_FILTERS}
          onChange={(enabled) => {
            setFilters((f) => ({ ...f, enabled }));
            setPage(1);
          }}
        />
        <span className="ml-auto text-[13px] text-zinc-500">
          {total} chunk{total === 1 ? "" : "s"}
        </span>
      </div>

      {segments.isPending ? (
        <LoadingState label="Loading chunks…" />
      ) : segments.isError ? (
        <Alert tone="error" title="Couldn't load the chunks" action={<Button size="sm" onClick={() => segments.refetch()}>Try again</Button>}>
          {errorMessage(segments.error)}
        </Alert>
      ) : list.length === 0 ? (
        <EmptyState
          icon={<ScissorsIcon className="size-5" />}
          title={filters.keyword || filters.enabled ? "No chunks match" : ready ? "This document has no chunks" : "Not indexed yet"}
          description={
            filters.keyword || filters.enabled
              ? "Try other words, or show all chunks."
              : ready
                ? "Add one by hand, or re-index the document with other chunk settings."
                : "Chunks appear here once indexing has finished."
          }
        />
      ) : (
        <div className="space-y-3">
          {list.map((s) => (
            <SegmentCard
              key={`${s.id}:${s.updated_at}`}
              segment={s}
              canEdit={canEdit}
              keywordsSearched={dataset.indexing_technique === "economy"}
              toggling={update.isPending && update.variables?.segmentId === s.id}
              onSave={(input) => update.mutateAsync({ segmentId: s.id, ...input }).then(() => toast({ tone: "success", title: "Chunk saved" }))}
              onToggle={(enabled) =>
                update.mutate(
                  { segmentId: s.id, enabled },
                  { onError: (err) => toast({ tone: "error", title: `Couldn't ${enabled ? "enable" : "disable"} the chunk`, description: errorMessage(err) }) },
                )
              }
              onDelete={() => setDeleting(s)}
            />
          ))}
          {total > SEGMENTS_PAGE_SIZE && (
            <div className="flex items-center justify-center gap-2 pt-2 text-[13px] text-zinc-500">
              <Button size="sm" disabled={page === 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <span>
                Page {page} of {Math.ceil(total / SEGMENTS_PAGE_SIZE)}
              </span>
              <Button size="sm" disabled={!segments.data?.has_more} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </div>
          )}
        </div>
      )}

      <AddSegmentDialog
        open={adding}
        keywordsSearched={dataset.indexing_technique === "economy"}
        pending={add.isPending}
        error={add.error}
        onClose={() => {
          setAdding(false);
          add.reset();
        }}
        onSubmit={(input) =>
          add.mutate(input, {
            onSuccess: () => {
              setAdding(false);
              toast({ tone: "success", title: "Chunk added" });
            },
          })
        }
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
              setDeleting(null);
              toast({ tone: "success", title: "Chunk deleted" });
            },
          })
        }
        title={`Delete chunk ${deleting?.position ?? ""}?`}
        description="It leaves the index at once. Re-indexing the document would bring the original chunks back."
        confirmLabel="Delete chunk"
        pending={remove.isPending}
        error={remove.error}
      />
      {!canEdit && <p className="mt-6 text-center text-xs text-zinc-400">Only editors can change chunks.</p>}
    </div>
  );
}
