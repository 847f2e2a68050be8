// The OpenAI chat fine-tuning format: one `{"messages":[{role, content}…]}` per line — the prompt
// exactly as it was sent (system + history + user) followed by the answer to learn. Also the
// deterministic train/validation split and the checks a file must pass before it is dispatched.
import { Invalid } from "../lib/errors";
import { estimateTokens } from "../models/offline";
import { contextLimit } from "./base-models";

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface TrainingLine {
  messages: ChatTurn[];
}

/** The text of a logged message's content (a string, or the ai SDK's text parts). */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((p): p is { type: "text"; text: string } => p?.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
}

/** The logged prompt (JSON) as chat turns; tool and unknown roles are left out. */
export function promptTurns(promptMessages: string): ChatTurn[] {
  const parsed = JSON.parse(promptMessages) as { role?: string; content?: unknown }[];
  return parsed
    .filter((m) => m.role === "system" || m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role as ChatTurn["role"], content: textOf(m.content) }));
}

export function trainingLine(promptMessages: string, answer: string): TrainingLine {
  return { messages: [...promptTurns(promptMessages), { role: "assistant", content: answer }] };
}

/** Tokens a line costs to train on: its texts plus OpenAI's few tokens of framing per message. */
export function lineTokens(line: TrainingLine): number {
  return line.messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
}

/** FNV-1a: the same example always lands in the same split, however often the set is rebuilt. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function splitOf(sourceId: string, validationPercent: number): "train" | "validation" {
  return hash(sourceId) % 100 < validationPercent ? "validation" : "train";
}

/** OpenAI's minimum number of training examples. */
export const MIN_TRAINING_EXAMPLES = 10;

export interface NamedLine {
  /** How the refusal names the row to the user, e.g. `row 3 (message 0192…)`. */
  label: string;
  line: TrainingLine;
}

/** The first reason a file cannot be trained on, or null. Refusals name the row. */
export function trainingProblem(train: NamedLine[], validation: NamedLine[], baseModel: string): string | null {
  if (train.length < MIN_TRAINING_EXAMPLES) {
    return `The training file has ${train.length} example${train.length === 1 ? "" : "s"}; fine-tuning needs at least ${MIN_TRAINING_EXAMPLES}.`;
  }
  const limit = contextLimit(baseModel);
  for (const { label, line } of [...train, ...validation]) {
    const last = line.messages.at(-1);
    if (last?.role !== "assistant" || !last.content.trim()) return `${label}: the assistant answer is empty.`;
    if (!line.messages.some((m) => m.role === "user" && m.content.trim())) return `${label}: there is no user message.`;
    const tokens = lineTokens(line);
    if (tokens > limit) return `${label}: about ${tokens} tokens, more than the ${limit} ${baseModel} accepts per example.`;
  }
  return null;
}

export function assertTrainable(train: NamedLine[], validation: NamedLine[], baseModel: string): void {
  const problem = trainingProblem(train, validation, baseModel);
  if (problem) throw Invalid(problem, ["examples"]);
}

export const toJsonl = (lines: TrainingLine[]) => lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length ? "\n" : "");

/** Parses a stored JSONL file back into lines, named by their line number. */
export function parseJsonl(text: string, file: string): NamedLine[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => ({ label: `line ${i + 1} of the ${file} file`, line: JSON.parse(l) as TrainingLine }));
}
