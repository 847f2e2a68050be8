// The rookie_rss plugin (jaguarliuu/rookie_rss), so Dify DSL tool nodes that fetch Chinese
// platforms' hot lists resolve. Its DailyHotApi server is the workspace's optional credential;
// without one, the plugin's default public server.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { DAILY_HOT_URL, PLATFORMS, rookieRss } from "./hot-list";

export const rookieRssProvider: BuiltinProvider = {
  name: "rookie_rss",
  label: "rookie_rss",
  description: "Hot lists of Zhihu, Juejin, Bilibili, AcFun, Weibo, Toutiao, 36Kr, Huxiu and HelloGitHub, from a DailyHotApi server.",
  icon: { type: "emoji", content: "📰", background: "#FEF3C7" },
  credentials: [
    {
      name: "daily_hot_url",
      label: "Daily Hot URL",
      type: "text-input",
      required: false,
      help: `Your DailyHotApi server; ${DAILY_HOT_URL} when empty`,
      url: "https://github.com/imsyy/DailyHotApi",
      placeholder: DAILY_HOT_URL,
    },
  ],
  tools: [
    defineTool(
      {
        name: "rookie_rss",
        label: "rookie_rss",
        description: "rookie rss 多平台新闻聚合插件: a platform's hot list.",
        parameters: [
          param("platform", "select", "The platform whose hot list to fetch.", { options: PLATFORMS }),
          param("result_num", "number", "How many entries to return (1 to 100)."),
        ],
      },
      rookieRss,
    ),
  ],
};
