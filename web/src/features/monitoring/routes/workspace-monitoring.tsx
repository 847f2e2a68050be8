// The workspace's monitoring overview: totals, daily messages and cost, and every app's figures
// with a link to its Monitoring tab.
import { Link, useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { AppsIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState, Spinner } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { errorMessage } from "../../../lib/api";
import { useWorkspaceOverview } from "../api/get-overview";
import type { WorkspaceOverview } from "../api/types";
import { ChartCard } from "../components/chart-card";
import { DailyBars } from "../components/charts";
import { KpiCard } from "../components/kpi-card";
import { PeriodPicker } from "../components/period-picker";
import { formatCount, formatDecimal, formatMs, formatPercent, formatPrice, plural } from "../lib/format";
import { periodQuery, readPeriod, writePeriod } from "../lib/periods";

export function WorkspaceMonitoringRoute() {
  const [params, setParams] = useSearchParams();
  const view = readPeriod(params);
  const query = periodQuery(view);
  const overview = useWorkspaceOverview(query);
  return (
    <div>
      <PageHeader
        title="Monitoring"
        description="Every app of this workspace for the period: messages, tokens, cost, latency, ratings and errors. Days are in your timezone."
        actions={overview.isFetching && !overview.isPending ? <Spinner className="size-4" label="Updating" /> : null}
      />
      <div className="mb-5">
        <PeriodPicker view={view} onChange={(v) => setParams((p) => writePeriod(p, v), { replace: true })} />
      </div>
      {!query ? null : overview.isPending ? (
        <LoadingState label="Loading statistics…" />
      ) : overview.isError ? (
        <Alert
          tone="error"
          title="Couldn't load the statistics"
          action={
            <Button size="sm" onClick={() => overview.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(overview.error)}
        </Alert>
      ) : (
        <Overview data={overview.data} search={params.toString()} />
      )}
    </div>
  );
}

function Overview({ data, search }: { data: WorkspaceOverview; search: string }) {
  const t = data.totals;
  const none = t.messages === 0;
  if (data.apps.length === 0) {
    return (
      <EmptyState
        icon={<AppsIcon className="size-5" />}
        title="No apps yet"
        description="Create an app and share it; its usage shows up here."
        action={
          <Link to="/apps" className={buttonClasses("primary")}>
            Go to apps
          </Link>
        }
      />
    );
  }
  return (
    <div className="space-y-5" data-testid="workspace-monitoring">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard label="Messages" value={formatCount(t.messages)} testId="kpi-messages" />
        <KpiCard label="Tokens" value={formatCount(t.total_tokens)} />
        <KpiCard label="Cost" value={formatPrice(t.total_price)} />
        <KpiCard label="p95 latency" value={formatMs(t.p95_latency)} hint={none ? undefined : `average ${formatMs(t.average_latency)}`} />
        <KpiCard label="Likes per 1k" value={formatDecimal(none ? null : t.likes_per_1k)} hint={`${plural(t.likes, "like")} · ${plural(t.dislikes, "dislike")}`} />
        <KpiCard label="Error rate" value={none ? "—" : formatPercent(t.error_rate)} hint={`${formatCount(t.errors)} failed`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="Messages" figure={formatCount(t.messages)} empty={none}>
          <DailyBars data={data.daily} series={[{ key: "messages", name: "Messages" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Cost" figure={formatPrice(t.total_price)} empty={Number(t.total_price) === 0} emptyText="Nothing spent in this period.">
          <DailyBars data={data.daily.map((d) => ({ ...d, total_price: Number(d.total_price) }))} series={[{ key: "total_price", name: "Cost", color: "#0ea5e9" }]} format={formatPrice} />
        </ChartCard>
      </div>
      <Card className="overflow-hidden">
        <Table>
          <THead>
            <TR>
              <TH>App</TH>
              <TH className="text-right">Messages</TH>
              <TH className="text-right">Conversations</TH>
              <TH className="text-right">Tokens</TH>
              <TH className="text-right">Cost</TH>
              <TH className="text-right">p95 latency</TH>
              <TH className="text-right">Likes / dislikes</TH>
              <TH className="text-right">Errors</TH>
            </TR>
          </THead>
          <TBody>
            {data.apps.map((a) => (
              <TR key={a.id} data-testid="overview-app">
                <TD>
                  <Link to={`/apps/${a.id}/monitoring${search ? `?${search}` : ""}`} className="flex items-center gap-2.5 font-medium text-zinc-900 hover:text-brand-700">
                    <span className="flex size-7 shrink-0 items-center justify-center rounded-lg text-sm" style={{ background: a.icon_background }}>
                      {a.icon}
                    </span>
                    <span className="truncate">{a.name}</span>
                  </Link>
                </TD>
                <TD className="text-right tabular-nums">{formatCount(a.messages)}</TD>
                <TD className="text-right tabular-nums">{formatCount(a.new_conversations)}</TD>
                <TD className="text-right tabular-nums">{formatCount(a.total_tokens)}</TD>
                <TD className="text-right tabular-nums">{formatPrice(a.total_price)}</TD>
                <TD className="text-right tabular-nums">{formatMs(a.p95_latency)}</TD>
                <TD className="text-right tabular-nums">
                  {a.likes} / {a.dislikes}
                </TD>
                <TD className="text-right tabular-nums">{a.messages ? formatPercent(a.error_rate) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
