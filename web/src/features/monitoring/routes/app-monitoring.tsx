// An app's Monitoring tab: KPI cards and a chart per metric for the chosen period.
import { useParams, useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState, Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useAppContext } from "../../apps/hooks/use-app-context";
import { useAppSummary } from "../api/get-summary";
import { useWorkflowSummary } from "../api/get-workflow-summary";
import type { AppSummary } from "../api/types";
import { ChartCard } from "../components/chart-card";
import { DailyBars, DailyLines } from "../components/charts";
import { KpiCard } from "../components/kpi-card";
import { PeriodPicker } from "../components/period-picker";
import { WorkflowRuns } from "../components/workflow-runs";
import { formatCount, formatDecimal, formatMs, formatPercent, formatPrice, plural } from "../lib/format";
import { periodQuery, readPeriod, writePeriod } from "../lib/periods";
import { modelSeries, perModel } from "../lib/series";

export function AppMonitoringRoute() {
  const { appId = "" } = useParams();
  const { app } = useAppContext();
  const [params, setParams] = useSearchParams();
  const view = readPeriod(params);
  const query = periodQuery(view);
  // Workflow apps log runs, not messages; chatflows log both.
  const runsOnly = app.mode === "workflow";
  const hasRuns = runsOnly || app.mode === "advanced-chat";
  const summary = useAppSummary(appId, runsOnly ? null : query);
  const runs = useWorkflowSummary(appId, query, hasRuns);
  const loads = [...(runsOnly ? [] : [summary]), ...(hasRuns ? [runs] : [])];
  const failed = loads.find((l) => l.isError);

  return (
    <div className="mx-auto w-full max-w-7xl px-8 py-7">
      <PageHeader
        title="Monitoring"
        description={`How this app is used through the API and the WebApp (the ${runsOnly ? "editor's test runs are" : "debugger is"} left out, as in Dify). Days are in your timezone.`}
        actions={loads.some((l) => l.isFetching && !l.isPending) ? <Spinner className="size-4" label="Updating" /> : null}
      />
      <div className="mb-5">
        <PeriodPicker view={view} onChange={(v) => setParams((p) => writePeriod(p, v), { replace: true })} />
      </div>
      {!query ? null : loads.some((l) => l.isPending) ? (
        <LoadingState label="Loading statistics…" />
      ) : failed ? (
        <Alert
          tone="error"
          title="Couldn't load the statistics"
          action={
            <Button size="sm" onClick={() => {
              for (const l of loads) void l.refetch();
            }}>
              Try again
            </Button>
          }
        >
          {errorMessage(failed.error)}
        </Alert>
      ) : (
        <div className="space-y-8">
          {!runsOnly && summary.data && <Dashboard summary={summary.data} />}
          {hasRuns && runs.data && <WorkflowRuns summary={runs.data} standalone={runsOnly} />}
        </div>
      )}
    </div>
  );
}

function Dashboard({ summary }: { summary: AppSummary }) {
  const t = summary.totals;
  const days = summary.daily;
  const none = t.messages === 0;
  const models = modelSeries(summary);
  const rated = t.likes + t.dislikes > 0;
  return (
    <div className="space-y-5" data-testid="monitoring">
      {none && (
        <Alert tone="info" title="Nothing to chart in this period">
          Charts fill in as people use the app through its WebApp or the API. Pick a longer period to see earlier use.
        </Alert>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard label="Messages" value={formatCount(t.messages)} hint={plural(t.conversations, "conversation")} testId="kpi-messages" />
        <KpiCard label="Active end users" value={formatCount(t.end_users)} testId="kpi-end-users" />
        <KpiCard label="Tokens" value={formatCount(t.total_tokens)} hint={`${formatPrice(t.total_price)} spent`} testId="kpi-tokens" />
        <KpiCard label="p95 latency" value={formatMs(t.p95_latency)} hint={none ? undefined : `average ${formatMs(t.average_latency)}`} testId="kpi-p95" />
        <KpiCard label="Likes per 1k" value={formatDecimal(none ? null : t.likes_per_1k)} hint={`${plural(t.likes, "like")} · ${plural(t.dislikes, "dislike")}`} testId="kpi-likes" />
        <KpiCard label="Error rate" value={none ? "—" : formatPercent(t.error_rate)} hint={`${formatCount(t.errors)} failed`} testId="kpi-errors" />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="Messages" figure={formatCount(t.messages)} empty={none} testId="chart-messages">
          <DailyBars data={days} series={[{ key: "messages", name: "Messages" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Conversations" description="Conversations with a message that day" figure={formatCount(t.conversations)} empty={none}>
          <DailyBars data={days} series={[{ key: "conversations", name: "Conversations", color: "#0ea5e9" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Active end users" figure={formatCount(t.end_users)} empty={t.end_users === 0} emptyText="No end users in this period.">
          <DailyBars data={days} series={[{ key: "end_users", name: "End users", color: "#8b5cf6" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard
          title="Average interactions"
          description="Messages per conversation started that day"
          figure={formatDecimal(t.new_conversations ? t.interactions : null, 2)}
          empty={t.new_conversations === 0}
          emptyText="No conversations started in this period."
        >
          <DailyLines data={days.map((d) => ({ ...d, interactions: d.new_conversations ? d.interactions : null }))} series={[{ key: "interactions", name: "Interactions", color: "#10b981" }]} format={(v) => v.toFixed(1)} />
        </ChartCard>
        <ChartCard title="Tokens by model" figure={formatCount(t.total_tokens)} empty={t.total_tokens === 0} emptyText="No tokens used in this period.">
          <DailyBars data={perModel(summary, "total_tokens")} series={models} format={formatCount} integer stacked />
        </ChartCard>
        <ChartCard title="Cost by model" figure={formatPrice(t.total_price)} empty={Number(t.total_price) === 0} emptyText="Nothing spent in this period (offline and unknown models cost $0).">
          <DailyBars data={perModel(summary, "total_price")} series={models} format={formatPrice} stacked />
        </ChartCard>
        <ChartCard title="Latency" description="End to end, average and 95th percentile" figure={formatMs(t.p95_latency)} empty={none} testId="chart-latency">
          <DailyLines
            data={days}
            series={[
              { key: "average_latency", name: "Average" },
              { key: "p95_latency", name: "p95", color: "#8b5cf6" },
            ]}
            format={formatMs}
          />
        </ChartCard>
        <ChartCard title="Token output speed" description="Answer tokens per second of provider time" figure={none ? "—" : `${formatDecimal(t.tokens_per_second)} tok/s`} empty={none}>
          <DailyLines data={days.map((d) => ({ ...d, tokens_per_second: d.messages ? d.tokens_per_second : null }))} series={[{ key: "tokens_per_second", name: "Tokens/s", color: "#0ea5e9" }]} format={(v) => v.toFixed(0)} />
        </ChartCard>
        <ChartCard
          title="User satisfaction"
          description="Likes and dislikes per 1,000 messages"
          figure={rated ? formatDecimal(t.likes_per_1k) : undefined}
          empty={!rated}
          emptyText="No likes or dislikes in this period."
          testId="chart-satisfaction"
        >
          <DailyLines
            data={days.map((d) => ({ ...d, likes_per_1k: d.messages ? d.likes_per_1k : null, dislikes_per_1k: d.messages ? d.dislikes_per_1k : null }))}
            series={[
              { key: "likes_per_1k", name: "Likes", color: "#10b981" },
              { key: "dislikes_per_1k", name: "Dislikes", color: "#ef4444" },
            ]}
            format={(v) => v.toFixed(0)}
          />
        </ChartCard>
        <ChartCard title="Error rate" figure={none ? undefined : formatPercent(t.error_rate)} empty={none}>
          <DailyLines data={days.map((d) => ({ ...d, error_rate: d.messages ? d.error_rate : null }))} series={[{ key: "error_rate", name: "Error rate", color: "#ef4444" }]} format={formatPercent} minTop={0.04} />
        </ChartCard>
        <ChartCard title="Annotation hits" description="Questions answered from an annotation, without the model" figure={formatCount(t.annotation_hits)} empty={t.annotation_hits === 0} emptyText="No annotation replies in this period.">
          <DailyBars data={days} series={[{ key: "annotation_hits", name: "Annotation hits", color: "#f59e0b" }]} format={formatCount} integer />
        </ChartCard>
      </div>
    </div>
  );
}
