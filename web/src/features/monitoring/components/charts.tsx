// The chart shapes the monitoring pages use, drawn alike: daily bars, daily lines with one or more
// series, and bars stacked by model.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatLongDay } from "../lib/format";

export const COLORS = ["#ea580c", "#0ea5e9", "#8b5cf6", "#10b981", "#f59e0b", "#ec4899", "#64748b"];

export interface Series {
  key: string;
  name: string;
  color?: string;
}

type Datum = object;
type Format = (value: number) => string;

const axis = { tickLine: false, axisLine: false, fontSize: 11, stroke: "#a1a1aa" } as const;
const tooltipStyle = { fontSize: 12, borderRadius: 8, borderColor: "#e4e4e7" };

/** `integer`: counts, whose axis has no fractional ticks; `minTop`: the least the axis reaches. */
function frame(data: Datum[], format: Format, integer: boolean, minTop: number) {
  return {
    grid: <CartesianGrid stroke="#f4f4f5" vertical={false} />,
    x: <XAxis dataKey="date" {...axis} tickFormatter={formatDay} minTickGap={24} />,
    y: (
      <YAxis
        {...axis}
        width={52}
        tickFormatter={(v: number) => format(v)}
        allowDecimals={!integer}
        domain={[0, (max: number) => Math.max(max, minTop)]}
      />
    ),
    tooltip: (
      <Tooltip
        contentStyle={tooltipStyle}
        cursor={{ fill: "#f4f4f5" }}
        labelFormatter={(d) => formatLongDay(String(d))}
        formatter={(v) => (typeof v === "number" ? format(v) : String(v ?? "—"))}
      />
    ),
    dots: data.length <= 31,
  };
}

interface ChartProps {
  data: Datum[];
  series: Series[];
  format?: Format;
  integer?: boolean;
  minTop?: number;
}

export function DailyBars({ data, series, format = String, integer = false, minTop = 0, stacked }: ChartProps & { stacked?: boolean }) {
  const f = frame(data, format, integer, minTop);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap="20%">
        {f.grid}
        {f.x}
        {f.y}
        {f.tooltip}
        {series.length > 1 && <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color ?? COLORS[i % COLORS.length]}
            stackId={stacked ? "stack" : undefined}
            radius={stacked && i < series.length - 1 ? 0 : [3, 3, 0, 0]}
            maxBarSize={28}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function DailyLines({ data, series, format = String, integer = false, minTop = 0 }: ChartProps) {
  const f = frame(data, format, integer, minTop);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {f.grid}
        {f.x}
        {f.y}
        {f.tooltip}
        {series.length > 1 && <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color ?? COLORS[i % COLORS.length]}
            strokeWidth={2}
            dot={f.dots ? { r: 2.5 } : false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
