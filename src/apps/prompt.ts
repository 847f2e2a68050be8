// Prompt assembly for easy-UI apps, as Dify's simple prompt does it: the retrieved context and the
// pre-prompt with `{{variables}}` filled become the system message, the conversation's recent turns
// follow, then the user's query. A completion app without a query (or on a completion-mode model)
// sends the filled prompt as one user message.
import type { ModelMessage } from "ai";
import type { Inputs } from "./inputs";
import type { ModelConfig } from "./model-config";

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces `{{name}}` with the input's value; unknown names become empty, as in Dify. */
export function fillTemplate(template: string, inputs: Inputs, special: Record<string, string> = {}): string {
  return template
    .replace(/\{\{#(query|histories|context)#\}\}/g, (_, name: string) => special[name] ?? "")
    .replace(VARIABLE, (_, name: string) => (name in inputs ? String(inputs[name]) : ""));
}

/** Variable names a template mentions, for the IDE's highlighting and form sync. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]))];
}

export interface Turn {
  query: string;
  answer: string;
}

export function assemblePrompt(
  mode: "chat" | "completion",
  config: ModelConfig,
  inputs: Inputs,
  query: string,
  history: Turn[],
  context = "",
): ModelMessage[] {
  const filled = fillTemplate(config.pre_prompt, inputs, { query, context }).trim();
  // Dify's simple prompt: the retrieved context first (unless the prompt places it), then the prompt.
  const prompt = context && !config.pre_prompt.includes("{{#context#}}") ? `${contextBlock(context)}\n\n${filled}`.trim() : filled;
  if (mode === "completion") {
    // A completion-mode model takes one text, the query after the prompt. A chat model gets the
    // prompt as the system message and the query as the user's, or the prompt alone as the
    // user's message when there is no query (Dify's SimplePromptTransform).
    if (config.model.mode === "completion" || !prompt || !query) return [{ role: "user", content: [prompt, query].filter(Boolean).join("\n") }];
    return [
      { role: "system", content: prompt },
      { role: "user", content: query },
    ];
  }
  const messages: ModelMessage[] = [];
  if (prompt) messages.push({ role: "system", content: prompt });
  const window = config.memory.window.enabled ? config.memory.window.size : 0;
  for (const turn of window > 0 ? history.slice(-window) : []) {
    messages.push({ role: "user", content: turn.query });
    if (turn.answer) messages.push({ role: "assistant", content: turn.answer });
  }
  messages.push({ role: "user", content: query });
  return messages;
}

function contextBlock(context: string): string {
  return `Use the following context as your learned knowledge, inside <context></context> XML tags.\n<context>\n${context}\n</context>`;
}
