// The Tools page's sections, one per provider type, in Dify's type names.
import type { ToolProviderType } from "../api/types";

export const SECTIONS: { type: ToolProviderType; label: string; description: string }[] = [
  { type: "builtin", label: "Built-in", description: "Tools that ship with Kiln: time, web pages, web search and scraping (Tavily, Firecrawl, SearXNG: with your key or instance), math, JSON, text, charts, speech (with a speech model), a code interpreter, knowledge search." },
  { type: "api", label: "Custom", description: "Your own HTTP APIs, from an OpenAPI document or a single call." },
  { type: "mcp", label: "MCP", description: "Tools of Model Context Protocol servers, refreshed on demand." },
  { type: "workflow", label: "Apps as tools", description: "Published Kiln apps that agents can call like any other tool." },
];

export function isSectionType(value: string | null): value is ToolProviderType {
  return SECTIONS.some((s) => s.type === value);
}

/** Who may add, change or test tools (the server's `app_edit`). */
export const canEditTools = (role: string | undefined) => role === "owner" || role === "admin" || role === "editor";
