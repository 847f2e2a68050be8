// Dify's `searxng` plugin, so Dify DSL tool nodes and agents that search with a SearXNG instance
// resolve: the instance's base URL is the workspace's credential.
import type { BuiltinProvider, BuiltinTool, ToolDefinition } from "../../types";
import { toolArgs } from "../arguments";
import { param } from "../define";
import { checkSearxng, legacySearchType, SEARCH_TYPES, searxngSearch, TIME_RANGES } from "./search";

const search: ToolDefinition = {
  name: "searxng_search",
  label: "SearXNG Search",
  description: "Perform searches on SearXNG and get results.",
  parameters: [
    param("query", "string", "Key words for searching."),
    param("search_type", "select", "The category to search.", { form: "form", default: "general", options: SEARCH_TYPES }),
    param("time_range", "select", "Only results from this time range (the last day when not set, as the plugin does).", {
      form: "form",
      required: false,
      options: TIME_RANGES,
    }),
    param("num_results", "number", "At most this many results (older Dify exports set it); all when empty.", { form: "form", required: false }),
  ],
};

/** Its own invoke: Dify 0.x exports name the category as the old built-in did ("Page"). */
const searchTool: BuiltinTool = {
  definition: search,
  invoke: async (ctx, raw, { credentials, signal }) => {
    const given = raw ?? {};
    const args = toolArgs(search, { ...given, search_type: legacySearchType(given.search_type) });
    return searxngSearch(ctx, args, credentials.searxng_base_url ?? "", signal);
  },
};

export const searxngProvider: BuiltinProvider = {
  name: "searxng",
  label: "SearXNG",
  description: "Search the web through your SearXNG instance, a free metasearch engine.",
  icon: { type: "emoji", content: "🔎", background: "#DBEAFE" },
  credentials: [
    {
      name: "searxng_base_url",
      label: "SearXNG base URL",
      type: "text-input",
      required: true,
      help: "Your instance's address; its settings.yml must list json under search.formats",
      url: "https://docs.searxng.org/admin/settings/settings_search.html",
      placeholder: "https://searx.example.com/",
    },
  ],
  validateCredentials: checkSearxng,
  tools: [searchTool],
};
