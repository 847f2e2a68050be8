import { useCallback, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState, Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useMessageLogs } from "../api/get-logs";
import type { MessageLog } from "../api/types";
import { AppPage } from "../components/app-page";
import { ConversationDrawer } from "../components/conversation-drawer";
import { ListIcon, RestartIcon } from "../components/icons";
import { LiveTailToggle, useLiveTail } from "../components/live-tail";
import { LogsFilters } from "../components/logs-filters";
import { LogsTable } from "../components/logs-table";
import { useAppContext } from "../hooks/use-app-context";
import { customRangeProblem, DEFAULT_VIEW, type LogView, PAGE_SIZE, readView, toQuery, writeView } from "../lib/log-filters";

export function LogsRoute() {
  const { app } = useAppContext();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const valid = !customRangeProblem(view);
  const query = toQuery(valid ? view : { ...view, range: "all" });
  const logs = useMessageLogs(app.id, query);
  const [open, setOpen] = useState<MessageLog | null>(null);
  const [live, setLive] = useState(false);
  const { page: _page, limit: _limit, ...tailFilters } = query;
  // New messages stream in on top of the first page, with the same filters.
  const tail = useLiveTail(app.id, tailFilters, live && view.page === 1);

  const change = useCallback(
    (patch: Partial<LogView>) => setParams((p) => writeView({ ...readView(p), ...patch, page: patch.page ?? 1 }), { replace: true }),
    [setParams],
  );

  const data = logs.data;
  const listed = new Set(data?.data.map((m) => m.id));
  const fresh = tail.messages.filter((m) => !listed.has(m.id));
  const rows = data ? [...fresh, ...data.data] : [];
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = JSON.stringify({ ...view, page: 1 }) !== JSON.stringify(DEFAULT_VIEW);

  return (
    <AppPage
      wide
      title="Logs"
      description="Every message this app answered, from the API, the WebApp and the debugger. Open one to see its conversation."
      actions={
        <>
          <LiveTailToggle
            status={tail.status}
            count={tail.messages.length}
            onRetry={tail.retry}
            onToggle={() => {
              if (!live && view.page !== 1) change({ page: 1 });
              setLive(!live);
            }}
          />
          <Button
            size="sm"
            variant="ghost"
            icon={logs.isFetching && !logs.isPending ? <Spinner className="size-3.5" /> : <RestartIcon className="size-3.5" />}
            onClick={() => logs.refetch()}
            disabled={logs.isFetching}
          >
            Refresh
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <LogsFilters view={view} onChange={change} />
        {logs.isPending ? (
          <LoadingState label="Loading logs…" />
        ) : logs.isError ? (
          <Alert
            tone="error"
            title="Couldn't load the logs"
            action={
              <Button size="sm" onClick={() => logs.refetch()}>
                Try again
              </Button>
            }
          >
            {errorMessage(logs.error)}
          </Alert>
        ) : data && rows.length === 0 ? (
          <EmptyState
            icon={<ListIcon className="size-5" />}
            title={filtered ? "No messages match these filters" : "No messages yet"}
            description={
              filtered
                ? "Widen the time range or clear the filters."
                : "Messages appear here as soon as someone uses the app: in the debugger, the WebApp or through the API."
            }
            action={
              filtered && (
                <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button>
              )
            }
          />
        ) : (
          data && (
            <Card className="overflow-hidden">
              <LogsTable messages={rows} onOpen={setOpen} />
              <div className="flex items-center justify-between gap-3 border-t border-zinc-100 px-4 py-2.5 text-[13px] text-zinc-500">
                <span data-testid="logs-total">
                  {data.total + fresh.length} message{data.total + fresh.length === 1 ? "" : "s"}
                </span>
                <div className="flex items-center gap-2">
                  <Button size="sm" disabled={view.page <= 1} onClick={() => change({ page: view.page - 1 })}>
                    Previous
                  </Button>
                  <span className="tabular-nums">
                    Page {Math.min(view.page, pages)} of {pages}
                  </span>
                  <Button size="sm" disabled={!data.has_more} onClick={() => change({ page: view.page + 1 })}>
                    Next
                  </Button>
                </div>
              </div>
            </Card>
          )
        )}
      </div>
      <ConversationDrawer appId={app.id} message={open} onClose={() => setOpen(null)} />
    </AppPage>
  );
}
