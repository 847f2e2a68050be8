// Dify's `webscraper` provider: read a web page as text (through the SSRF guard).
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { webscraper } from "./scrape";

export const webscraperProvider: BuiltinProvider = {
  name: "webscraper",
  label: "Web Scraper",
  description: "Fetch a web page and read it as Markdown-style text, with its title and links.",
  icon: { type: "emoji", content: "🌐", background: "#DBEAFE" },
  tools: [
    defineTool(
      {
        name: "webscraper",
        label: "Web Scraper",
        description: "Fetch a public web page (http or https) and answer its title, text and links.",
        parameters: [
          param("url", "string", "The page's address, such as https://example.com/docs."),
          param("user_agent", "string", "The User-Agent header to send; a Kiln default when empty.", { form: "form", required: false }),
        ],
      },
      webscraper,
    ),
  ],
};
