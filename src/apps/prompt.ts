// Prompt assembly for easy-UI apps: the pre-prompt with `{{variables}}` filled becomes the system
// message, the conversation's recent turns follow, then the user's query. Completion apps send
// the filled prompt (and query, if any) as one user message.
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
  const system = fillTemplate(config.pre_prompt, inputs, { query, context }).trim();
  if (mode === "completion") {
    const content = [system, query].filter(Boolean).join("\n\n") || query;
    return [{ role: "user", content }];
  }
  const messages: ModelMessage[] = [];
  const systemWithContext = context && !config.pre_prompt.includes("{{#context#}}") ? `${system}\n\n${contextBlock(context)}`.trim() : system;
  if (systemWithContext) messages.push({ role: "system", content: systemWithContext });
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
