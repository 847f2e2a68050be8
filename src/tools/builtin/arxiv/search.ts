// Dify's arxiv plugin `arxiv_search`, as its `arxiv` library answers: the first three papers arXiv's
// API finds for the query, each with its last update's date, title, authors and abstract, the
// whole cut at 4,000 characters. arXiv's refusals are the tool's text ("Arxiv exception: …").
import { scanXml } from "../../../knowledge/parse/xml-scan";
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText, tooLarge } from "../fetch-text";

export const ARXIV_API_URL = "https://export.arxiv.org/api/query";
const TOP_K = 3;
const MAX_QUERY = 300;
const MAX_CHARS = 4000;
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface Paper {
  updated: string;
  title: string;
  authors: string[];
  summary: string;
}

/** The entries of arXiv's Atom feed. */
export function arxivPapers(atom: string): Paper[] {
  const papers: Paper[] = [];
  const path: string[] = [];
  let paper: Paper | null = null;
  let text = "";
  scanXml(atom, {
    open(name) {
      path.push(name);
      text = "";
      if (name === "entry") paper = { updated: "", title: "", authors: [], summary: "" };
    },
    text(t) {
      text += t;
    },
    close(name) {
      const parent = path[path.length - 2];
      path.pop();
      if (!paper) return;
      if (name === "entry") {
        papers.push(paper);
        paper = null;
      } else if (parent === "entry" && (name === "updated" || name === "title" || name === "summary")) paper[name] = text;
      else if (name === "name" && parent === "author") paper.authors.push(text.trim());
      text = "";
    },
  });
  return papers;
}

export async function arxivSearch(ctx: TenantCtx, args: ToolArgs, { signal }: BuiltinCallOptions): Promise<ToolResult> {
  const q = args.optionalString("query") ?? "";
  if (!q) return { text: "Please input query" };
  const url = new URL(ctx.env.ARXIV_API_URL || ARXIV_API_URL);
  url.searchParams.set("search_query", q.slice(0, MAX_QUERY));
  url.searchParams.set("id_list", "");
  url.searchParams.set("sortBy", "relevance");
  url.searchParams.set("sortOrder", "descending");
  url.searchParams.set("start", "0");
  url.searchParams.set("max_results", String(TOP_K));
  let atom: string;
  try {
    const { response, text, truncated } = await fetchText(ctx, url.toString(), { headers: { accept: "application/atom+xml" }, signal }, MAX_ANSWER_BYTES);
    if (!response.ok) return { text: `Arxiv exception: Page request resulted in HTTP ${response.status} (${url})` };
    if (truncated) throw tooLarge("arXiv", MAX_ANSWER_BYTES);
    atom = text;
  } catch (err) {
    if (signal.aborted) throw err;
    return { text: `Arxiv exception: ${(err as Error)?.message ?? err}` };
  }
  const docs = arxivPapers(atom)
    .slice(0, TOP_K)
    .map(
      (p) =>
        `Published: ${p.updated.trim().slice(0, 10)}\nTitle: ${p.title.replace(/\s+/g, " ").trim()}\nAuthors: ${p.authors.join(", ")}\nSummary: ${p.summary.trim()}`,
    );
  if (!docs.length) return { text: "No good Arxiv Result was found" };
  return { text: docs.join("\n\n").slice(0, MAX_CHARS) };
}
