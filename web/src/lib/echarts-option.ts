// Reads the ECharts option of a ```echarts block (what Dify's echarts tools, and models asked for a
// chart, write) into the shapes the chat can draw: a category axis with line and bar series, or a
// pie. Anything else (another chart type, unparsable or still-streaming JSON) is null, and the
// block shows as code.

export interface CartesianChart {
  kind: "cartesian";
  title: string;
  categories: string[];
  series: { name: string; type: "line" | "bar"; data: (number | null)[] }[];
}

export interface PieChart {
  kind: "pie";
  title: string;
  slices: { name: string; value: number }[];
}

export type SimpleChart = CartesianChart | PieChart;

/** More than this many points is not drawn (the block shows as code instead). */
const MAX_POINTS = 2_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const label = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : isObj(v) && "value" in v ? label(v.value) : "");

function num(v: unknown): number | null {
  const raw = isObj(v) ? v.value : v;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function titleOf(option: Obj): string {
  const t = first(option.title);
  return isObj(t) && typeof t.text === "string" ? t.text : "";
}

export function parseEChartsOption(source: string): SimpleChart | null {
  let option: unknown;
  try {
    option = JSON.parse(source);
  } catch {
    return null;
  }
  if (!isObj(option) || !Array.isArray(option.series) || !option.series.length) return null;
  const series = option.series.filter(isObj);
  if (series.length !== option.series.length) return null;
  const title = titleOf(option);

  if (series.every((s) => s.type === "pie")) {
    if (series.length !== 1 || !Array.isArray(series[0].data) || series[0].data.length > MAX_POINTS) return null;
    const slices: PieChart["slices"] = [];
    for (const d of series[0].data) {
      const value = num(d);
      if (value === null) return null;
      slices.push({ name: isObj(d) ? label(d.name) : "", value });
    }
    return { kind: "pie", title, slices };
  }

  if (!series.every((s) => (s.type === "line" || s.type === "bar") && Array.isArray(s.data))) return null;
  const xAxis = first(option.xAxis);
  const axisData = isObj(xAxis) && Array.isArray(xAxis.data) ? xAxis.data : null;
  const longest = Math.max(...series.map((s) => (s.data as unknown[]).length));
  if (longest > MAX_POINTS || (axisData && axisData.length > MAX_POINTS)) return null;
  const categories = axisData ? axisData.map(label) : Array.from({ length: longest }, (_, i) => String(i + 1));
  return {
    kind: "cartesian",
    title,
    categories,
    series: series.map((s, i) => ({
      name: typeof s.name === "string" && s.name ? s.name : series.length > 1 ? `Series ${i + 1}` : title || "Value",
      type: s.type as "line" | "bar",
      data: (s.data as unknown[]).map(num),
    })),
  };
}
