// Dify's `json_process` provider: query, insert, replace and delete in JSON text with JSONPath,
// plus a decoder whose structured result later workflow steps can read.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { decodeJson } from "./decode";
import { deleteJson } from "./delete";
import { insertJson } from "./insert";
import { parseJson } from "./parse";
import { replaceJson } from "./replace";

const content = param("content", "string", "The JSON text to work on.");
const query = param("query", "string", 'JSONPath selecting where to act, such as "$.user.name" or "$.items[0]".');
const ensureAscii = param("ensure_ascii", "boolean", "Escape non-ASCII characters in the output as \\uXXXX.", { form: "form", default: false });
const valueDecode = param("value_decode", "boolean", "Read the new value as JSON when it parses (123, true, {…}); otherwise it stays a string.", {
  form: "form",
  default: true,
});

export const jsonProcessProvider: BuiltinProvider = {
  name: "json_process",
  label: "JSON Process",
  description: "Query and edit JSON with JSONPath: extract values, insert, replace and delete.",
  icon: { type: "emoji", content: "🧩", background: "#EDE9FE" },
  tools: [
    defineTool(
      {
        name: "json_parse",
        label: "JSON Decode",
        description: "Turn JSON text (an HTTP response body, a model's answer) into structured data; workflows read it as the output `result`.",
        parameters: [param("json_string", "string", "The JSON text to decode.")],
      },
      decodeJson,
    ),
    defineTool(
      {
        name: "parse",
        label: "JSON Parse",
        description: "Extract values from JSON text with a JSONPath query, such as $.store.book[*].title or $..book[?(@.price < 10)].",
        parameters: [content, param("json_filter", "string", 'JSONPath query, such as "$.store.book[0].title".'), ensureAscii],
      },
      parseJson,
    ),
    defineTool(
      {
        name: "insert",
        label: "JSON Insert",
        description: "Insert a value into JSON text: merged into a matched object, added to a matched array, or replacing a matched value.",
        parameters: [
          content,
          query,
          param("new_value", "string", "The value to insert (JSON or plain text)."),
          param("index", "number", "Position in a matched array; the end when empty.", { required: false }),
          param("create_path", "boolean", "Create the path when the query matches nothing.", { default: false }),
          valueDecode,
          ensureAscii,
        ],
      },
      insertJson,
    ),
    defineTool(
      {
        name: "replace",
        label: "JSON Replace",
        description: "Replace in JSON text: a substring inside matched strings (pattern), matched keys (key) or matched values (value).",
        parameters: [
          content,
          query,
          param("replace_model", "select", "What to replace: pattern, key or value.", { options: ["pattern", "key", "value"], default: "value" }),
          param("replace_pattern", "string", "The substring to replace (replace_model pattern).", { required: false }),
          param("replace_value", "string", "The new substring, key name or value."),
          valueDecode,
          ensureAscii,
        ],
      },
      replaceJson,
    ),
    defineTool(
      {
        name: "delete",
        label: "JSON Delete",
        description: "Delete the values a JSONPath query selects from JSON text.",
        parameters: [content, query, ensureAscii],
      },
      deleteJson,
    ),
  ],
};
