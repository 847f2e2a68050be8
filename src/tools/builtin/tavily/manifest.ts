// Dify's `tavily` provider (the langgenius/tavily plugin): web search and page extraction through
// Tavily's API with the workspace's own key, so Dify DSL tool nodes that search resolve and run.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { tavily } from "./client";
import { tavilyExtract } from "./extract";
import { tavilyMap } from "./map";
import { tavilySearch } from "./search";

const flag = (name: string, description: string) => param(name, "boolean", description, { form: "form", required: false, default: false });
const optional = (name: string, description: string) => param(name, "string", description, { required: false });

export const tavilyProvider: BuiltinProvider = {
  name: "tavily",
  label: "Tavily",
  description: "Search the web and read pages through Tavily, a search engine built for AI agents. Needs a Tavily API key.",
  icon: { type: "emoji", content: "🔎", background: "#DBEAFE" },
  credentials: [
    {
      name: "tavily_api_key",
      label: "Tavily API key",
      type: "secret-input",
      required: true,
      help: "Get your Tavily API key from Tavily",
      url: "https://app.tavily.com/home",
      placeholder: "Please input your Tavily API key",
    },
  ],
  // The plugin's own check: one small search.
  validateCredentials: async (ctx, credentials, signal) => {
    await tavily(ctx, credentials.tavily_api_key ?? "", "search", { query: "dify ai", search_depth: "basic", max_results: 1 }, signal);
  },
  tools: [
    defineTool(
      {
        name: "tavily_search",
        label: "Tavily Search",
        description: "Search the web with Tavily and answer the results (title, URL, content, relevance score), with a short answer if asked.",
        parameters: [
          param("query", "string", "The search query."),
          param("search_depth", "select", "How deep to search.", { required: false, default: "basic", options: ["basic", "advanced", "fast", "ultra-fast"] }),
          param("topic", "select", "The kind of search.", { required: false, default: "general", options: ["general", "news", "finance"] }),
          param("time_range", "select", "How far back results may go.", {
            required: false,
            default: "not_specified",
            options: ["not_specified", "day", "week", "month", "year"],
          }),
          optional("start_date", "Results after this date (YYYY-MM-DD)."),
          optional("end_date", "Results before this date (YYYY-MM-DD)."),
          flag("auto_parameters", "Let Tavily choose the search settings."),
          flag("include_images", "Include images related to the query."),
          flag("include_image_descriptions", "Describe each image."),
          flag("include_favicon", "Include each result's favicon."),
          // Text, not a select: exports from Dify's older tavily tool carry 0 and 1 here.
          param("include_answer", "string", "Add a short answer to the query: false, true, basic or advanced.", { form: "form", required: false, default: "false" }),
          param("include_raw_content", "string", "Add each page's whole content: false, true, markdown or text.", { form: "form", required: false, default: "false" }),
          flag("include_usage", "Include Tavily's credit usage."),
          param("max_results", "number", "How many results (1 to 20).", { form: "form", required: false, default: 5 }),
          param("chunks_per_source", "number", "Content chunks per result, for advanced searches (1 to 3).", { form: "form", required: false, default: 3 }),
          optional("country", "Boost results from this country (its English name, lowercase)."),
          optional("include_domains", "Only these domains, separated by commas."),
          optional("exclude_domains", "Never these domains, separated by commas."),
          param("project_id", "string", "A Tavily project to count usage against.", { form: "form", required: false }),
        ],
      },
      tavilySearch,
    ),
    defineTool(
      {
        name: "tavily_extract",
        label: "Tavily Extract",
        description: "Read one or more web pages through Tavily and answer their content.",
        parameters: [
          param("urls", "string", "The pages' addresses, separated by commas."),
          optional("query", "Rank each page's content chunks by this query."),
          flag("include_images", "Include the images of each page."),
          flag("include_favicon", "Include each page's favicon."),
          param("extract_depth", "select", "How deep to read.", { required: false, default: "basic", options: ["basic", "advanced"] }),
          param("format", "select", "The format of the content.", { form: "form", required: false, default: "markdown", options: ["markdown", "text"] }),
          param("chunks_per_source", "number", "Content chunks per page when a query is given (1 to 5).", { form: "form", required: false }),
          param("timeout", "number", "Seconds Tavily may take (1 to 60).", { form: "form", required: false }),
          flag("include_usage", "Include Tavily's credit usage."),
          param("project_id", "string", "A Tavily project to count usage against.", { form: "form", required: false }),
        ],
      },
      tavilyExtract,
    ),
    defineTool(
      {
        name: "tavily_map",
        label: "Tavily Map",
        description: "List the URLs of a website from a root URL through Tavily, following its links.",
        parameters: [
          param("url", "string", "The root URL to begin the mapping."),
          optional("instructions", "Natural-language guidance for which pages to follow."),
          param("max_depth", "number", "How many links away from the root to go (1 to 5).", { form: "form", required: false, default: 1 }),
          param("max_breadth", "number", "Links followed per page (1 to 500).", { form: "form", required: false, default: 20 }),
          param("limit", "number", "At most this many URLs.", { form: "form", required: false, default: 50 }),
          optional("select_paths", "Regular expressions of the paths to keep, separated by commas."),
          optional("select_domains", "Regular expressions of the domains to keep, separated by commas."),
          optional("exclude_paths", "Regular expressions of the paths to leave out, separated by commas."),
          optional("exclude_domains", "Regular expressions of the domains to leave out, separated by commas."),
          param("allow_external", "boolean", "Include links to other domains.", { form: "form", required: false, default: true }),
          param("timeout", "number", "Seconds Tavily may take (10 to 150).", { form: "form", required: false, default: 150 }),
          flag("include_usage", "Include Tavily's credit usage."),
          param("project_id", "string", "A Tavily project to count usage against.", { form: "form", required: false }),
        ],
      },
      tavilyMap,
    ),
  ],
};
