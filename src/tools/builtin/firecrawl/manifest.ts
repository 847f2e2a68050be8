// Dify's `firecrawl` provider (the langgenius/firecrawl plugin): a page as Markdown, a site's URLs
// and a web search through Firecrawl, with the workspace's key (and its own server, when self-hosted).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { type FirecrawlCredentials, firecrawl } from "./client";
import { firecrawlMap, firecrawlSearch } from "./map-search";
import { firecrawlScrape } from "./scrape";

const text = (name: string, description: string) => param(name, "string", description, { form: "form", required: false });

export const firecrawlProvider: BuiltinProvider = {
  name: "firecrawl",
  label: "Firecrawl",
  description: "Turn a web page into clean Markdown (or HTML, links, structured JSON) through Firecrawl. Needs a Firecrawl API key.",
  icon: { type: "emoji", content: "🔥", background: "#FFEDD5" },
  credentials: [
    {
      name: "base_url",
      label: "Firecrawl server's Base URL",
      type: "text-input",
      required: false,
      help: "Only for a self-hosted Firecrawl; empty means https://api.firecrawl.dev",
      placeholder: "https://api.firecrawl.dev",
    },
    {
      name: "firecrawl_api_key",
      label: "Firecrawl API Key",
      type: "secret-input",
      required: true,
      help: "Get your Firecrawl API key from your Firecrawl account settings (a self-hosted server takes any key)",
      url: "https://www.firecrawl.dev/account",
      placeholder: "Please input your Firecrawl API key",
    },
  ],
  // The plugin checks a key by scraping a page; a refused key is an HTTP error here.
  validateCredentials: async (ctx, credentials, signal) => {
    await firecrawl(ctx, credentials as FirecrawlCredentials, "scrape", { url: "https://google.com", formats: ["markdown"], onlyMainContent: true }, signal);
  },
  tools: [
    defineTool(
      {
        name: "scrape",
        label: "Scrape",
        description: "Scrape a web page through Firecrawl and answer its Markdown (the whole answer, with metadata, as JSON).",
        parameters: [
          param("url", "string", "The page's address."),
          text("formats", "Formats, separated by commas: markdown, html, rawHtml, links, screenshot, summary."),
          param("onlyMainContent", "boolean", "Only the main content, without headers, navigation and footers.", { form: "form", required: false, default: false }),
          text("includeTags", "Only these tags, classes or ids, separated by commas."),
          text("excludeTags", "Leave out these tags, classes or ids, separated by commas."),
          text("headers", 'Headers for Firecrawl to send, as a JSON object: {"Cookie": "…"}.'),
          param("waitFor", "number", "Milliseconds to wait for the page to load.", { form: "form", required: false, default: 0 }),
          param("timeout", "number", "Milliseconds the scrape may take.", { form: "form", required: false, default: 30000 }),
          text("schema", "A JSON Schema for structured extraction."),
          text("systemPrompt", "A system prompt for structured extraction."),
          text("prompt", "A prompt for structured extraction."),
        ],
      },
      firecrawlScrape,
    ),
    defineTool(
      {
        name: "map",
        label: "Map",
        description: "List the URLs of a website through Firecrawl, optionally those matching a search.",
        parameters: [
          param("url", "string", "The website's address."),
          param("search", "string", "Only URLs related to this search.", { required: false }),
          param("ignoreSitemap", "boolean", "Ignore the website's sitemap.", { form: "form", required: false, default: true }),
          param("includeSubdomains", "boolean", "Include the website's subdomains.", { form: "form", required: false, default: false }),
          param("limit", "number", "At most this many URLs.", { form: "form", required: false, default: 5000 }),
        ],
      },
      firecrawlMap,
    ),
    defineTool(
      {
        name: "search",
        label: "Search",
        description: "Search the web through Firecrawl and answer the results, each scraped in the formats asked for.",
        parameters: [
          param("query", "string", "The search query."),
          param("limit", "number", "At most this many results.", { form: "form", required: false, default: 10 }),
          text("sources", "Where to search, separated by commas: web, images, news."),
          text("categories", "Categories, separated by commas: github, research, pdf."),
          text("includeDomains", "Only these domains, separated by commas."),
          text("excludeDomains", "Never these domains, separated by commas."),
          text("tbs", "A time filter, such as qdr:d (the past day)."),
          text("location", "Search from this location, such as Germany."),
          text("country", "An ISO country code, such as US."),
          param("timeout", "number", "Milliseconds the search may take.", { form: "form", required: false, default: 60000 }),
          param("ignoreInvalidURLs", "boolean", "Leave out URLs Firecrawl cannot scrape.", { form: "form", required: false, default: false }),
          text("enterprise", "Enterprise options, separated by commas."),
          text("scrapeFormats", "Scrape each result in these formats, separated by commas: markdown, html, links."),
          param("onlyMainContent", "boolean", "When scraping, only the main content.", { form: "form", required: false }),
        ],
      },
      firecrawlSearch,
    ),
  ],
};
