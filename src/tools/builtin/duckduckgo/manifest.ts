// Dify's `duckduckgo` plugin (langgenius/duckduckgo) `ddgo_search`, so Dify DSL tool nodes and
// agents that search the web without a key resolve. Not here: ddgo_ai, ddgo_img, ddgo_translate.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { duckDuckGoSearch } from "./search";

export const duckduckgoProvider: BuiltinProvider = {
  name: "duckduckgo",
  label: "DuckDuckGo",
  description: "A privacy-focused search engine: search the web without a key.",
  icon: { type: "emoji", content: "🦆", background: "#FFEDD5" },
  tools: [
    defineTool(
      {
        name: "ddgo_search",
        label: "DuckDuckGo Search",
        description: "Perform searches on DuckDuckGo and get results.",
        parameters: [
          param("query", "string", "Key words for searching"),
          param("max_results", "number", "The maximum number of results to return.", { form: "form", default: 5 }),
          param("require_summary", "boolean", "Whether to also answer the results' snippets as the tool's text.", { form: "form", default: false }),
          param("proxy_server", "string", "Accepted for Dify's exports and not used: Workers fetch without a proxy.", { form: "form", required: false }),
        ],
      },
      duckDuckGoSearch,
    ),
  ],
};
