// An agent answer's steps as the WebApp shows them: the tools it used, in order, by label.
import type { AgentThought } from "../api/types";

/** The steps with this event's step added, or updated in place (a step is re-sent as it fills in). */
export function withStep(steps: AgentThought[], e: AgentThought): AgentThought[] {
  const step: AgentThought = { id: e.id, position: e.position, thought: e.thought, tool: e.tool, tool_labels: e.tool_labels, tool_input: e.tool_input, observation: e.observation };
  const at = steps.findIndex((s) => s.id === step.id);
  return (at >= 0 ? steps.map((s, i) => (i === at ? step : s)) : [...steps, step]).sort((a, b) => a.position - b.position);
}

function labelOf(step: AgentThought, name: string): string {
  const label = step.tool_labels?.[name];
  if (typeof label === "string" && label) return label;
  if (label && typeof label === "object") {
    const text = (label as Record<string, unknown>).en_US;
    if (typeof text === "string" && text) return text;
  }
  return name;
}

/** Each tool the answer used, once, in the order first used. */
export function toolsUsed(steps: AgentThought[]): string[] {
  const seen = new Set<string>();
  for (const step of steps) {
    for (const name of (step.tool ?? "").split(";")) {
      const n = name.trim();
      if (n) seen.add(labelOf(step, n));
    }
  }
  return [...seen];
}
