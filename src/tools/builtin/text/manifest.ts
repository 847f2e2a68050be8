// Kiln's text utilities: counts, regular expression extraction, case changes and splitting.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { CASES, changeCase } from "./change-case";
import { regexExtract } from "./regex-extract";
import { splitText } from "./split-text";
import { wordCount } from "./word-count";

const text = param("text", "string", "The text to work on.");

export const textProvider: BuiltinProvider = {
  name: "text",
  label: "Text Utilities",
  description: "Count words, extract with regular expressions, change case and split text.",
  icon: { type: "emoji", content: "🔤", background: "#DCFCE7" },
  tools: [
    defineTool(
      {
        name: "word_count",
        label: "Word Count",
        description: "Count the words, characters and lines of a text.",
        parameters: [text],
      },
      wordCount,
    ),
    defineTool(
      {
        name: "regex_extract",
        label: "Regex Extract",
        description:
          "Extract every match of a JavaScript regular expression from a text. With capture groups, each match answers its groups.",
        parameters: [
          text,
          param("pattern", "string", 'The regular expression, without slashes, such as "\\d{4}-\\d{2}-\\d{2}".'),
          param("flags", "string", "Flags: i (ignore case), m (multi-line), s (dot matches new lines), u (Unicode).", { required: false }),
        ],
      },
      regexExtract,
    ),
    defineTool(
      {
        name: "change_case",
        label: "Change Case",
        description: "Change a text to upper, lower, title or sentence case, or to a snake_case, kebab-case or camelCase identifier.",
        parameters: [text, param("case", "select", `One of ${CASES.join(", ")}.`, { options: [...CASES] })],
      },
      changeCase,
    ),
    defineTool(
      {
        name: "split_text",
        label: "Split Text",
        description: "Split a text into parts at a separator.",
        parameters: [
          text,
          param("separator", "string", 'Where to split; "\\n" is a line break, "\\t" a tab.', { default: "\\n" }),
          param("trim", "boolean", "Trim spaces around each part.", { form: "form", default: false }),
          param("remove_empty", "boolean", "Drop empty parts.", { form: "form", default: false }),
        ],
      },
      splitText,
    ),
  ],
};
