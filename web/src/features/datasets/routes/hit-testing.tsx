// Retrieval testing: what a question retrieves from this knowledge base under given settings.
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { SearchIcon } from "../../../components/ui/icons";
import { Textarea } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { useHitTesting } from "../api/hit-testing";
import { DatasetPage } from "../components/dataset-page";
import { HitResults } from "../components/hit-results";
import { TargetIcon } from "../components/icons";
import { QueryHistory } from "../components/query-history";
import { RetrievalSettingsForm } from "../components/retrieval-settings";
import { useDatasetContext } from "../hooks/use-dataset-context";
import { fromRetrievalModel, methodLabel, type RetrievalSettings, toRetrievalModel } from "../lib/retrieval";

const MAX_QUERY = 250;

export function HitTestingRoute() {
  const { dataset } = useDatasetContext();
  const [query, setQuery] = useState("");
  const [settings, setSettings] = useState<RetrievalSettings>(() =>
    fromRetrievalModel(dataset.retrieval_model_dict, dataset.indexing_technique),
  );
  const test = useHitTesting(dataset.id);

  const run = (q: string, s: RetrievalSettings = settings) => {
    if (!q.trim()) return;
    test.mutate({ query: q.trim(), retrieval_model: toRetrievalModel(s) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(query);
  };

  const result = test.data;
  return (
    <DatasetPage wide title="Retrieval testing" description="Ask what a user would ask and see which chunks come back, ranked by score. Tune the settings until the right chunks win.">
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-5">
          <form onSubmit={submit} className="rounded-xl border border-zinc-200 bg-white shadow-card">
            <div className="p-4 pb-3">
              <label htmlFor="hit-query" className="mb-1.5 block text-[13px] font-semibold text-zinc-900">
                Query
              </label>
              <Textarea
                id="hit-query"
                rows={4}
                maxLength={MAX_QUERY}
                value={query}
                placeholder="e.g. How long do I have to return an item?"
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) run(query);
                }}
              />
              <p className="mt-1 text-right text-[11px] text-zinc-400">
                {query.length}/{MAX_QUERY}
              </p>
            </div>
            <div className="border-t border-zinc-100 p-4">
              <RetrievalSettingsForm value={settings} onChange={setSettings} technique={dataset.indexing_technique} compact />
            </div>
            <div className="flex items-center justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-4 py-3">
              <span className="mr-auto text-xs text-zinc-400">⌘/Ctrl + Enter</span>
              <Button type="submit" variant="primary" icon={<SearchIcon />} loading={test.isPending} disabled={!query.trim()}>
                Test
              </Button>
            </div>
          </form>
          <QueryHistory
            datasetId={dataset.id}
            onPick={(q) => {
              setQuery(q.content);
              run(q.content);
            }}
          />
        </div>

        <section aria-label="Results" data-testid="hit-results">
          {test.isError ? (
            <Alert tone="error" title="The test failed">
              {errorMessage(test.error)}
            </Alert>
          ) : !result ? (
            <EmptyState
              icon={<TargetIcon className="size-5" />}
              title={test.isPending ? "Searching…" : "No test run yet"}
              description={dataset.document_count ? "Enter a query and press Test to see the chunks it retrieves." : "Add documents first; then test what a query retrieves from them."}
            />
          ) : (
            <>
              <p className="mb-3 text-[13px] text-zinc-500">
                {result.records.length} chunk{result.records.length === 1 ? "" : "s"} for <span className="font-medium text-zinc-800">“{result.query.content}”</span> ·{" "}
                {methodLabel(test.variables?.retrieval_model.search_method)}
              </p>
              {result.records.length === 0 ? (
                <EmptyState
                  icon={<SearchIcon className="size-5" />}
                  title="Nothing retrieved"
                  description={
                    settings.thresholdEnabled
                      ? "No chunk reached the score threshold. Lower it, or try other words or another search method."
                      : "No chunk matched. Try other words or another search method, or check that the documents are indexed and enabled."
                  }
                />
              ) : (
                <HitResults records={result.records} />
              )}
            </>
          )}
        </section>
      </div>
    </DatasetPage>
  );
}
