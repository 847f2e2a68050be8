// Dify's `wikipedia` plugin (langgenius/wikipedia), so Dify DSL tool nodes and agents that look a
// subject up on Wikipedia resolve. No key: MediaWiki's public API.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { wikipediaSearch } from "./search";

const LANGUAGES = ["de", "en", "fr", "hi", "ja", "ko", "pl", "pt", "ro", "uk", "vi", "zh"];

export const wikipediaProvider: BuiltinProvider = {
  name: "wikipedia",
  label: "Wikipedia",
  description: "Wikipedia is a free online encyclopedia: search it and read the lead of the best articles.",
  icon: { type: "emoji", content: "📚", background: "#F4F4F5" },
  tools: [
    defineTool(
      {
        name: "wikipedia_search",
        label: "WikipediaSearch",
        description: "A tool for performing a Wikipedia search and extracting snippets and webpages. Input should be a search query.",
        parameters: [
          param("query", "string", 'Key words for searching, in the language of the "language" parameter.'),
          // A string, as in the plugin: any Wikipedia's language code is taken, not only those listed.
          param("language", "string", `The language of the Wikipedia to be searched, such as ${LANGUAGES.join(", ")}.`, { default: "en" }),
        ],
      },
      wikipediaSearch,
    ),
  ],
};
