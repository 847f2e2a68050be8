// Dify's built-in code interpreter (core/tools/builtin_tool/providers/code, `simple_code`): runs
// the code in the same sandboxes as the code node, as a script, and answers what it printed. No
// network, as in Dify's sandbox for this tool.
import { runJavaScriptScript } from "../../../workflow/sandbox/quickjs";
import { runPythonScript } from "../../../workflow/sandbox/python";
import type { ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";

export const LANGUAGES = ["python3", "javascript"] as const;

export async function simpleCode(_ctx: unknown, args: ToolArgs): Promise<ToolResult> {
  const language = args.string("language");
  const code = args.string("code");
  const text = language === "javascript" ? await runJavaScriptScript(code) : await runPythonScript(code);
  return { text };
}
