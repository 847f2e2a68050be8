// Draws a ```echarts block's chart (see lib/echarts-option.ts) with recharts, which the dashboard
// already ships; loaded lazily, so answers without a chart do not load it.
// biome-ignore-all lint/suspicious/noArrayIndexKey: the chart is re-drawn whole from a parsed option; a series or slice is identified by its position.
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SimpleChart } from "../lib/echarts-option";

const COLORS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];
const axis = { tickLine: false, fontSize: 11, stroke: "#a1a1aa" } as const;
const tooltipStyle = { fontSize: 12, borderRadius: 8, borderColor: "#e4e4e7" };

export default function EChartsChart({ chart }: { chart: SimpleChart }) {
  return (
    <figure data-testid="echarts-chart" className="rounded-lg border border-zinc-200 bg-white p-3">
      {chart.title ? <figcaption className="mb-2 text-center text-[13px] font-semibold text-zinc-800">{chart.title}</figcaption> : null}
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {chart.kind === "pie" ? (
            <PieChart>
              <Tooltip contentStyle={tooltipStyle} />
              <Legend layout="vertical" align="left" verticalAlign="middle" wrapperStyle={{ fontSize: 12 }} />
              <Pie data={chart.slices} dataKey="value" nameKey="name" outerRadius="80%" isAnimationActive={false}>
                {chart.slices.map((s, i) => (
                  <Cell key={`${s.name}-${i}`} fill={COLORS[i % COLORS.length]} />
                ))}
              </Pie>
            </PieChart>
          ) : (
            <ComposedChart data={chart.categories.map((c, i) => ({ category: c, ...Object.fromEntries(chart.series.map((s, n) => [`s${n}`, s.data[i] ?? null])) }))}>
              <CartesianGrid stroke="#f4f4f5" vertical={false} />
              <XAxis dataKey="category" {...axis} />
              <YAxis {...axis} width={48} />
              <Tooltip contentStyle={tooltipStyle} />
              {chart.series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              {chart.series.map((s, n) =>
                s.type === "bar" ? (
                  <Bar key={n} dataKey={`s${n}`} name={s.name} fill={COLORS[n % COLORS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                ) : (
                  <Line key={n} dataKey={`s${n}`} name={s.name} type="monotone" stroke={COLORS[n % COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
                ),
              )}
            </ComposedChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
