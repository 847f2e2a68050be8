// How an agent step reads. Kiln (like Dify) stores a step's `tool_input` and `observation` as JSON
// keyed by tool name ({"current_time": {...}}), and `tool` as the names joined with ";".
import type { AgentThought } from "../api/types";

export interface ToolCallView {
  name: string;
  label: string;
  /** The arguments, indented JSON when they are JSON. */
  input: string;
  /** What the tool answered; "" while it runs. */
  observation: string;
}

function labelOf(t: AgentThought, name: string): string {
  const label = t.tool_labels?.[name];
  if (typeof label === "string" && label) return label;
  if (label && typeof label === "object") {
    const l = label as Record<string, unknown>;
    const text = l.en_US ?? Object.values(l).find((v) => typeof v === "string");
    if (typeof text === "string" && text) return text;
  }
  return name;
}

function keyed(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const show = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v, null, 2));

/** The tool calls of a step, each with its input and observation. */
export function toolCalls(t: AgentThought): ToolCallView[] {
  const names = (t.tool ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  const inputs = keyed(t.tool_input);
  const observations = keyed(t.observation);
  return names.map((name) => ({
    name,
    label: labelOf(t, name),
    // A step of one tool may carry its bare arguments (older Dify rows) instead of {name: args}.
    input: inputs && name in inputs ? show(inputs[name]) : names.length === 1 ? show(keyed(t.tool_input) ?? t.tool_input) : "",
    observation: observations && name in observations ? show(observations[name]) : names.length === 1 ? (t.observation ?? "") : "",
  }));
}

/** The steps worth a line of their own: those that called a tool (the text of the others is the answer). */
export const toolSteps = (thoughts: AgentThought[]) => thoughts.filter((t) => Boolean(t.tool));
