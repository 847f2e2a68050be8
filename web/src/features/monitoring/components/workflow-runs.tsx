// A workflow or chatflow app's runs on the Monitoring tab: Dify's four workflow charts (runs,
// callers, tokens, runs per caller) for the chosen period.
import { Alert } from "../../../components/ui/alert";
import type { WorkflowSummary } from "../api/types";
import { formatCount, formatDecimal } from "../lib/format";
import { ChartCard } from "./chart-card";
import { DailyBars, DailyLines } from "./charts";
import { KpiCard } from "./kpi-card";

export function WorkflowRuns({ summary, standalone }: { summary: WorkflowSummary; standalone: boolean }) {
  const t = summary.totals;
  const days = summary.daily;
  const none = t.runs === 0;
  const average = t.terminal_count ? t.runs / t.terminal_count : null;
  const empty = "No runs in this period.";
  return (
    <section className="space-y-5" data-testid="workflow-monitoring" aria-label="Workflow runs">
      {!standalone && <h2 className="pt-2 text-sm font-semibold text-zinc-800">Workflow runs</h2>}
      {none && standalone && (
        <Alert tone="info" title="Nothing to chart in this period">
          Charts fill in as people run the app through its WebApp or the API (runs from the editor are left out, as in Dify). Pick a longer period to see earlier runs.
        </Alert>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <KpiCard label="Runs" value={formatCount(t.runs)} testId="kpi-runs" />
        <KpiCard label="Callers" value={formatCount(t.terminal_count)} hint="distinct end users" testId="kpi-callers" />
        <KpiCard label="Tokens" value={formatCount(t.token_count)} testId="kpi-run-tokens" />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="Runs" figure={formatCount(t.runs)} empty={none} emptyText={empty} testId="chart-runs">
          <DailyBars data={days} series={[{ key: "runs", name: "Runs" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Callers" description="End users who ran the app that day" figure={formatCount(t.terminal_count)} empty={none} emptyText={empty}>
          <DailyBars data={days} series={[{ key: "terminal_count", name: "Callers", color: "#8b5cf6" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Tokens" description="Model tokens spent by the runs" figure={formatCount(t.token_count)} empty={t.token_count === 0} emptyText="No tokens used in this period.">
          <DailyBars data={days} series={[{ key: "token_count", name: "Tokens", color: "#0ea5e9" }]} format={formatCount} integer />
        </ChartCard>
        <ChartCard title="Runs per caller" description="Average runs of each end user that day" figure={formatDecimal(average, 2)} empty={none} emptyText={empty}>
          <DailyLines
            data={days.map((d) => ({ ...d, interactions: d.runs ? d.interactions : null }))}
            series={[{ key: "interactions", name: "Runs per caller", color: "#10b981" }]}
            format={(v) => v.toFixed(1)}
          />
        </ChartCard>
      </div>
    </section>
  );
}
