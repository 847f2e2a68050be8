// Every built-in tool provider, in the order the Tools page lists them. Adding one: a folder with
// its manifest and handlers, and a line here.
import type { BuiltinProvider } from "../types";
import { arxivProvider } from "./arxiv/manifest";
import { audioProvider } from "./audio/manifest";
import { codeProvider } from "./code/manifest";
import { duckduckgoProvider } from "./duckduckgo/manifest";
import { echartsProvider } from "./echarts/manifest";
import { firecrawlProvider } from "./firecrawl/manifest";
import { jinaProvider } from "./jina/manifest";
import { jsonProcessProvider } from "./json_process/manifest";
import { knowledgeProvider } from "./knowledge/manifest";
import { mathsProvider } from "./maths/manifest";
import { mdExporterProvider } from "./md_exporter/manifest";
import { mcpConfigProvider } from "./mcp_config/manifest";
import { mcpSseProvider } from "./mcp_sse/manifest";
import { rookieRssProvider } from "./rookie_rss/manifest";
import { searxngProvider } from "./searxng/manifest";
import { tavilyProvider } from "./tavily/manifest";
import { textProvider } from "./text/manifest";
import { timeProvider } from "./time/manifest";
import { webscraperProvider } from "./webscraper/manifest";
import { wikipediaProvider } from "./wikipedia/manifest";
import { wecomProvider } from "./wecom/manifest";

export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  timeProvider,
  webscraperProvider,
  jinaProvider,
  tavilyProvider,
  firecrawlProvider,
  searxngProvider,
  duckduckgoProvider,
  wikipediaProvider,
  arxivProvider,
  rookieRssProvider,
  mathsProvider,
  jsonProcessProvider,
  textProvider,
  echartsProvider,
  mdExporterProvider,
  audioProvider,
  codeProvider,
  mcpSseProvider,
  mcpConfigProvider,
  wecomProvider,
  knowledgeProvider,
];
