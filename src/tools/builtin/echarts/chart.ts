// The charts of Dify's `echarts` plugin (langgenius/echarts): numbers and labels given as
// ";"-separated text become an ECharts option, answered as a ```echarts Markdown block that Dify's
// chat (and Kiln's) draws as a chart. The option is the plugin's, field for field.
import { Invalid } from "../../../lib/errors";
import type { ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";

/** At most this many points per chart: the plugin sets none, but a chart of more is unreadable. */
export const MAX_POINTS = 10_000;

/** A number the way Python's json.dumps writes it: a float keeps its ".0". */
class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * The plugin's reading of `data`: all digits → ints, otherwise Python floats (float() accepts
 * surrounding spaces, signs, exponents and "_" between digits; anything else is its ValueError).
 */
function numbers(text: string): (number | PyFloat)[] {
  const parts = text.split(";");
  if (parts.length > MAX_POINTS) throw Invalid(`data has ${parts.length} values; at most ${MAX_POINTS} can be charted`, ["data"]);
  if (parts.every((p) => /^[0-9]+$/.test(p))) return parts.map(Number);
  return parts.map((p) => {
    const s = p.trim().toLowerCase();
    const plain = /^[+-]?(\d(_?\d)*)?(\.(\d(_?\d)*)?)?(e[+-]?\d(_?\d)*)?$/.test(s) && /\d/.test(s.split("e")[0]);
    const special = /^[+-]?(inf|infinity|nan)$/.test(s);
    if (!plain && !special) throw Invalid(`data: could not convert string to float: '${p}'`, ["data"]);
    if (special) throw Invalid(`data: '${p}' cannot be charted (JSON has no ${s.replace(/^[+-]/, "")})`, ["data"]);
    return new PyFloat(Number(s.replaceAll("_", "")));
  });
}

function pyFloatText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  // Python's repr writes exponents as e+16 / e-05: two digits at least
  return String(n).replace(/e([+-])(\d)$/, "e$10$2");
}

/** json.dumps(option, indent=2, ensure_ascii=False), floats included. */
function dumps(value: unknown, indent = ""): string {
  if (value instanceof PyFloat) return pyFloatText(value.value);
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + dumps(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${dumps(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const block = (option: unknown): ToolResult => ({ text: `\`\`\`echarts\n${dumps(option)}\n\`\`\`` });

function axisChart(type: "line" | "bar") {
  return (_ctx: unknown, args: ToolArgs): ToolResult => {
    const data = numbers(args.string("data"));
    return block({
      title: { left: "center", text: args.optionalString("title") ?? "" },
      tooltip: { trigger: "axis", axisPointer: { type: "cross" } },
      xAxis: { type: "category", data: args.string("x_axis").split(";") },
      yAxis: { type: "value" },
      series: [{ data, type, smooth: true }],
    });
  };
}

export const lineChart = axisChart("line");
export const barChart = axisChart("bar");

export function pieChart(_ctx: unknown, args: ToolArgs): ToolResult {
  const categories = args.string("categories").split(";");
  const data = numbers(args.string("data"));
  // zip(): as many slices as the shorter list has
  const slices = data.slice(0, categories.length).map((value, i) => ({ value, name: categories[i] }));
  return block({
    title: { left: "center", text: args.optionalString("title") ?? "" },
    tooltip: { trigger: "item" },
    legend: { orient: "vertical", left: "left" },
    series: [{ type: "pie", data: slices }],
  });
}
