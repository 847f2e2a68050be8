// The chat's reading of ```echarts blocks (web/src/lib/echarts-option.ts): the options Dify's
// echarts tools write become drawable charts; what Kiln cannot draw stays code.
import { describe, expect, it } from "vitest";
import type { TenantCtx } from "../../src/context";
import { builtinSource } from "../../src/tools/builtin";
import { parseEChartsOption } from "../../web/src/lib/echarts-option";

const ctx = { now: () => 0, config: { SSRF_ALLOW_HOSTS: "" } } as unknown as TenantCtx;

async function toolBlock(tool: string, args: Record<string, unknown>): Promise<string> {
  const resolved = await builtinSource.resolve(ctx, "echarts", tool);
  const { text } = await resolved!.invoke(args, { signal: new AbortController().signal });
  const body = /^```echarts\n([\s\S]*)\n```$/.exec(text);
  expect(body).not.toBeNull();
  return body![1];
}

describe("parseEChartsOption", () => {
  it("reads the echarts tools' bar, line and pie options", async () => {
    expect(parseEChartsOption(await toolBlock("bar_chart", { title: "Sales", x_axis: "Q1;Q2;Q3", data: "5;20;36" }))).toEqual({
      kind: "cartesian",
      title: "Sales",
      categories: ["Q1", "Q2", "Q3"],
      series: [{ name: "Sales", type: "bar", data: [5, 20, 36] }],
    });
    expect(parseEChartsOption(await toolBlock("line_chart", { title: "T", x_axis: "a;b", data: "1.5;2" }))).toMatchObject({
      kind: "cartesian",
      series: [{ type: "line", data: [1.5, 2] }],
    });
    expect(parseEChartsOption(await toolBlock("pie_chart", { title: "Share", categories: "x;y", data: "1;3" }))).toEqual({
      kind: "pie",
      title: "Share",
      slices: [
        { name: "x", value: 1 },
        { name: "y", value: 3 },
      ],
    });
  });

  it("reads several series, object data points and an axis given as a list, as models write them", () => {
    const option = {
      title: [{ text: "Two" }],
      xAxis: [{ type: "category", data: ["Mon", { value: "Tue" }] }],
      series: [
        { name: "A", type: "bar", data: [1, { value: 2 }] },
        { type: "line", data: ["3", null] },
      ],
    };
    expect(parseEChartsOption(JSON.stringify(option))).toEqual({
      kind: "cartesian",
      title: "Two",
      categories: ["Mon", "Tue"],
      series: [
        { name: "A", type: "bar", data: [1, 2] },
        { name: "Series 2", type: "line", data: [3, null] },
      ],
    });
  });

  it("answers null for what stays code: unfinished JSON, other chart types, mixed pie, bad pie values", () => {
    expect(parseEChartsOption('{"series": [{"type": "bar", "data": [1, 2')).toBeNull();
    expect(parseEChartsOption(JSON.stringify({ series: [{ type: "scatter", data: [[1, 2]] }] }))).toBeNull();
    expect(parseEChartsOption(JSON.stringify({ series: [{ type: "pie", data: [] }, { type: "bar", data: [] }] }))).toBeNull();
    expect(parseEChartsOption(JSON.stringify({ series: [{ type: "pie", data: [{ name: "x", value: "many" }] }] }))).toBeNull();
    expect(parseEChartsOption(JSON.stringify({ series: [] }))).toBeNull();
    expect(parseEChartsOption("[1, 2]")).toBeNull();
  });
});
