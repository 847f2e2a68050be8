// Dify's `firecrawl` provider (the langgenius/firecrawl plugin): a page as Markdown through
// Firecrawl, with the workspace's key (and its own server, when self-hosted).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { type FirecrawlCredentials, firecrawl } from "./client";
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
  ],
};
