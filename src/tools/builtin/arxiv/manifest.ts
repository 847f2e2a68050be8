// Dify's `arxiv` plugin (langgenius/arxiv), so Dify DSL tool nodes and agents that search papers on
// arXiv resolve. No key: arXiv's public API.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { arxivSearch } from "./search";

export const arxivProvider: BuiltinProvider = {
  name: "arxiv",
  label: "ArXiv",
  description: "Access to a vast repository of scientific papers and articles in various fields of research.",
  icon: { type: "emoji", content: "📄", background: "#FEE2E2" },
  tools: [
    defineTool(
      {
        name: "arxiv_search",
        label: "Arxiv Search",
        description: "A tool for searching scientific papers and articles from the Arxiv repository. Input can be an Arxiv ID or an author's name.",
        parameters: [param("query", "string", "The Arxiv ID or author's name used for searching.")],
      },
      arxivSearch,
    ),
  ],
};
