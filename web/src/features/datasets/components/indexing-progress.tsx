// After an upload: each new document's indexing status, live, until every one has settled.
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { errorMessage } from "../../../lib/api";
import { useBatchStatuses } from "../api/get-batch-status";
import { useRefreshWhenSettled } from "../api/get-documents";
import type { KnowledgeDocument } from "../api/types";
import { isSettled } from "../lib/document-status";
import { StatusChip } from "./badges";

interface Added {
  document: KnowledgeDocument;
  batch: string;
}

export function IndexingProgress({ datasetId, added, onAddMore }: { datasetId: string; added: Added[]; onAddMore: () => void }) {
  const batches = [...new Set(added.map((a) => a.batch))];
  const results = useBatchStatuses(datasetId, batches);
  const progress = new Map(results.flatMap((r) => r.data?.data ?? []).map((p) => [p.id, p]));
  const failed = results.find((r) => r.isError);
  const settled = added.filter((a) => {
    const p = progress.get(a.document.id);
    return p && isSettled(p.indexing_status);
  }).length;
  useRefreshWhenSettled(datasetId, settled < added.length);

  return (
    <Card data-testid="indexing-progress">
      <CardHeader
        title={settled === added.length ? "Indexing finished" : "Indexing your documents"}
        description={`${settled} of ${added.length} done. You can leave this page; indexing continues in the background.`}
        actions={
          <>
            <Button size="sm" onClick={onAddMore}>
              Add more
            </Button>
            <Link to={`/datasets/${datasetId}/documents`} className={buttonClasses("primary", "sm")}>
              Go to documents
            </Link>
          </>
        }
      />
      {failed && (
        <div className="px-5 pt-4">
          <Alert tone="error" title="Couldn't check the indexing status">
            {errorMessage(failed.error)}
          </Alert>
        </div>
      )}
      <ul className="divide-y divide-zinc-100">
        {added.map(({ document }) => {
          const p = progress.get(document.id);
          const status = p?.indexing_status ?? document.indexing_status;
          const total = p?.total_segments ?? 0;
          return (
            <li key={document.id} className="flex items-center gap-3 px-5 py-3" data-testid="indexing-row">
              <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-900">{document.name}</span>
              {status === "completed" && <span className="text-xs text-zinc-500">{total} chunks</span>}
              {p?.error && <span className="max-w-xs truncate text-xs text-red-600" title={p.error}>{p.error}</span>}
              <StatusChip doc={{ indexing_status: status, enabled: true, archived: false, error: p?.error ?? null }} />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
