// Dify's built-in `code` provider, so agents and tool nodes that name `code/simple_code` (the
// Code Interpreter) resolve.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { LANGUAGES, simpleCode } from "./simple-code";

export const codeProvider: BuiltinProvider = {
  name: "code",
  label: "Code Interpreter",
  description: "Run Python or JavaScript code in a sandbox and get back what it printed.",
  icon: { type: "emoji", content: "🧑‍💻", background: "#F1F5F9" },
  tools: [
    defineTool(
      {
        name: "simple_code",
        label: "Code Interpreter",
        description:
          "Run a piece of code and read back what it printed: write the result with print() (Python) or console.log() (JavaScript), or the answer is empty. Standard library only; no network or files.",
        parameters: [
          param("language", "select", 'Language of the code, only "python3" and "javascript" are supported.', { options: [...LANGUAGES] }),
          param("code", "string", "The code to run. Standard library only; no network or files."),
        ],
      },
      simpleCode,
    ),
  ],
};
