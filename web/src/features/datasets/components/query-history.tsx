// Queries run against this knowledge base (here or through the API); a click runs one again.
import { Alert } from "../../../components/ui/alert";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { formatRelative } from "../../../lib/format";
import { useDatasetQueries } from "../api/hit-testing";
import type { DatasetQuery } from "../api/types";
import { methodLabel } from "../lib/retrieval";
import { HistoryIcon } from "./icons";

export function QueryHistory({ datasetId, onPick }: { datasetId: string; onPick: (q: DatasetQuery) => void }) {
  const queries = useDatasetQueries(datasetId);
  return (
    <section className="rounded-xl border border-zinc-200 bg-white shadow-card">
      <header className="flex items-center gap-2 border-b border-zinc-100 px-4 py-3">
        <HistoryIcon className="size-4 text-zinc-400" />
        <h2 className="text-[13px] font-semibold text-zinc-900">Recent queries</h2>
      </header>
      {queries.isPending ? (
        <LoadingState label="Loading queries…" className="py-6" />
      ) : queries.isError ? (
        <div className="p-4">
          <Alert tone="error">{errorMessage(queries.error)}</Alert>
        </div>
      ) : queries.data.data.length === 0 ? (
        <p className="px-4 py-6 text-center text-[13px] text-zinc-500">Queries you test appear here; click one to run it again.</p>
      ) : (
        <ul className="max-h-80 divide-y divide-zinc-100 overflow-y-auto">
          {queries.data.data.map((q) => (
            <li key={q.id}>
              <button
                type="button"
                onClick={() => onPick(q)}
                className="flex w-full cursor-pointer items-center gap-3 px-4 py-2.5 text-left hover:bg-zinc-50"
                data-testid="query-history-item"
              >
                <span className="min-w-0 flex-1 truncate text-[13px] text-zinc-800">{q.content}</span>
                <span className="shrink-0 text-[11px] text-zinc-400">
                  {q.source === "api" ? "API · " : ""}
                  {q.details.search_method ? `${methodLabel(q.details.search_method)} · ` : ""}
                  {formatRelative(q.created_at)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
