// Dify's `echarts` plugin (langgenius/echarts), so Dify DSL tool nodes and agents that draw a
// line, bar or pie chart resolve: each answers a ```echarts block (see chart.ts).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { barChart, lineChart, pieChart } from "./chart";

const title = param("title", "string", "The chart's title.");
const data = (chart: string) =>
  param("data", "string", `The numbers of the ${chart}, separated by ";", such as "1;2;3;4;5".`);
const xAxis = (chart: string) =>
  param("x_axis", "string", `The x axis labels of the ${chart}, separated by ";", such as "a;b;c;d;e", in the order of the data.`);

export const echartsProvider: BuiltinProvider = {
  name: "echarts",
  label: "ECharts Chart Generator",
  description: "Generate line, bar and pie charts from numbers: the answer is an ECharts chart that chats draw.",
  icon: { type: "emoji", content: "📊", background: "#E0F2FE" },
  tools: [
    defineTool(
      { name: "line_chart", label: "Linear Chart", description: "Generate a line chart with input data.", parameters: [title, data("line chart"), xAxis("line chart")] },
      lineChart,
    ),
    defineTool(
      { name: "bar_chart", label: "Bar Chart", description: "Generate a bar chart with input data.", parameters: [title, data("bar chart"), xAxis("bar chart")] },
      barChart,
    ),
    defineTool(
      {
        name: "pie_chart",
        label: "Pie Chart",
        description: "Generate a pie chart with input data.",
        parameters: [
          title,
          data("pie chart"),
          param("categories", "string", 'The categories of the pie chart, separated by ";", such as "a;b;c;d;e", in the order of the data.'),
        ],
      },
      pieChart,
    ),
  ],
};
