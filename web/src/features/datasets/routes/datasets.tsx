import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { BookIcon, PlusIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { PageHeader } from "../../../components/ui/page-header";
import { Select } from "../../../components/ui/select";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { useDeleteDataset } from "../api/delete-dataset";
import { useDatasets } from "../api/get-datasets";
import { useKnowledgeTags } from "../api/tags";
import type { Dataset } from "../api/types";
import { CreateDatasetDialog } from "../components/create-dataset-dialog";
import { DatasetCard } from "../components/dataset-card";
import { canEditKnowledge } from "../lib/dataset-rules";

/** The list's filters live in the URL (`keyword`, `tag`); an empty value drops the parameter. */
function withParam(prev: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(prev);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

export function DatasetsRoute() {
  const [params, setParams] = useSearchParams();
  const keyword = params.get("keyword") ?? "";
  const tagId = params.get("tag") ?? "";
  const [search, setSearch] = useState(keyword);
  const workspace = useCurrentWorkspace();
  const canEdit = canEditKnowledge(workspace.data?.role);
  const datasets = useDatasets(keyword, tagId);
  const tags = useKnowledgeTags();
  const tagName = tags.data?.find((t) => t.id === tagId)?.name;
  const remove = useDeleteDataset();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Dataset | null>(null);

  // Search as the user types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== keyword) setParams((prev) => withParam(prev, "keyword", search.trim()), { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, keyword, setParams]);

  const list = datasets.data?.pages.flatMap((p) => p.data) ?? [];
  const total = datasets.data?.pages[0]?.total ?? 0;
  const createButton = canEdit && (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
      Create knowledge
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Documents your apps can search and cite: upload files or paste text, choose how they are chunked, and test what a question retrieves."
        actions={createButton}
      />

      <div className="mb-5 flex flex-wrap justify-end gap-3">
        {!!tags.data?.length && (
          <Select
            aria-label="Filter by tag"
            wrapperClassName="w-48"
            value={tagId}
            onChange={(e) => setParams((prev) => withParam(prev, "tag", e.target.value), { replace: true })}
            options={[{ value: "", label: "All tags" }, ...tags.data.map((t) => ({ value: t.id, label: `${t.name} (${t.binding_count})` }))]}
          />
        )}
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input
            type="search"
            aria-label="Search knowledge by name"
            placeholder="Search by name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-9"
          />
        </div>
      </div>

      {datasets.isPending ? (
        <LoadingState label="Loading knowledge bases…" />
      ) : datasets.isError ? (
        <Alert
          tone="error"
          title="Couldn't load the knowledge bases"
          action={
            <Button size="sm" onClick={() => datasets.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(datasets.error)}
        </Alert>
      ) : list.length === 0 ? (
        keyword || tagId ? (
          <EmptyState
            icon={<SearchIcon className="size-5" />}
            title="No knowledge bases match"
            description={
              !tagId
                ? `No knowledge base's name contains “${keyword}”.`
                : keyword
                  ? `No knowledge base tagged “${tagName ?? "(deleted tag)"}” has “${keyword}” in its name.`
                  : `No knowledge base carries the tag “${tagName ?? "(deleted tag)"}”.`
            }
            action={
              <Button
                onClick={() => {
                  setSearch("");
                  setParams({}, { replace: true });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<BookIcon className="size-5" />}
            title="No knowledge bases yet"
            description={
              canEdit
                ? "Create a knowledge base, then upload documents (PDF, Word, Markdown, HTML, CSV, JSON or text) for your apps to retrieve from."
                : "Knowledge bases your team shares appear here. Ask an editor or admin to create one."
            }
            action={createButton}
          />
        )
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((dataset) => (
              <DatasetCard key={dataset.id} dataset={dataset} canEdit={canEdit} onDelete={setDeleting} />
            ))}
          </div>
          <div className="mt-6 flex items-center justify-center gap-3 text-[13px] text-zinc-500">
            <span>
              {list.length} of {total} knowledge base{total === 1 ? "" : "s"}
            </span>
            {datasets.hasNextPage && (
              <Button size="sm" onClick={() => datasets.fetchNextPage()} loading={datasets.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}

      {canEdit && (
        <>
          <CreateDatasetDialog open={creating} onClose={() => setCreating(false)} />
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
                  setDeleting(null);
                },
              })
            }
            title={`Delete ${deleting?.name ?? "knowledge base"}?`}
            description={`Its ${deleting?.document_count ?? 0} document(s), their chunks and the query history are deleted, and apps using it stop retrieving from it. This can't be undone.`}
            confirmLabel="Delete knowledge"
            pending={remove.isPending}
            error={remove.error}
          />
        </>
      )}
    </>
  );
}
