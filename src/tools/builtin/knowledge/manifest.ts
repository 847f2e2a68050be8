// Kiln's knowledge search: retrieval from a knowledge base of the workspace, for agents and workflows.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { knowledgeSearch } from "./knowledge-search";

export const knowledgeProvider: BuiltinProvider = {
  name: "knowledge",
  label: "Knowledge Search",
  description: "Search a knowledge base of this workspace and answer the best matching passages.",
  icon: { type: "emoji", content: "📚", background: "#FCE7F3" },
  tools: [
    defineTool(
      {
        name: "knowledge_search",
        label: "Knowledge Search",
        description: "Search the configured knowledge base for passages relevant to a query; answers ranked passages with their document and score.",
        parameters: [
          param("dataset_id", "string", "The knowledge base to search (its id).", { form: "form", label: "Knowledge base" }),
          param("query", "string", "What to look for, in words likely to appear in the passages."),
          param("top_k", "number", "How many passages to answer (1 to 20); the knowledge base's setting when empty.", { form: "form", required: false }),
        ],
      },
      knowledgeSearch,
    ),
  ],
};
