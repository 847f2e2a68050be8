// ReAct for models without function calling: the system prompt that teaches the
// Thought → Action (a JSON blob) → Observation protocol, the scratchpad of earlier steps, and the
// parser that reads one step of the model's output. Pure functions, no I/O.

export interface ReactToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface ReactStep {
  /** What the model thought before acting (or before answering). */
  thought: string;
  /** The tool it chose, or null when it answered. */
  action: { name: string; input: unknown } | null;
  /** The answer, when the step is a final one. */
  finalAnswer: string | null;
}

/** The model stops writing here, so Kiln (not the model) supplies the observation. */
export const REACT_STOP = "Observation:";

export function reactSystemPrompt(instruction: string, tools: ReactToolSpec[]): string {
  const toolList = tools.length
    ? tools.map((t) => `- ${t.name}: ${t.description}\n  input JSON schema: ${JSON.stringify(t.inputSchema)}`).join("\n")
    : "(no tools: answer from what you know and the observations so far)";
  const names = tools.map((t) => JSON.stringify(t.name)).join(", ");
  return [
    "Answer the human as helpfully and accurately as you can.",
    instruction.trim(),
    `You can use these tools:\n${toolList}`,
    [
      'To use a tool, write a JSON blob with an "action" key (the tool name) and an "action_input" key (its input).',
      `Valid "action" values: "Final Answer"${names ? ` or ${names}` : ""}. Write ONE action per blob, like this:`,
      '```\n{\n  "action": $TOOL_NAME,\n  "action_input": $INPUT\n}\n```',
    ].join("\n"),
    [
      "Use this format:",
      "Question: the question to answer",
      "Thought: what to do next and why",
      "Action:\n```\n$JSON_BLOB\n```",
      "Observation: the tool's result",
      "... (Thought/Action/Observation may repeat)",
      "Thought: I know what to respond",
      'Action:\n```\n{\n  "action": "Final Answer",\n  "action_input": "the final answer to the human"\n}\n```',
    ].join("\n"),
    "Begin! Always answer with a valid JSON blob of a single action after Action:, then stop. Use tools when they help; answer directly when you can.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

export interface ScratchpadEntry {
  thought: string;
  action: { name: string; input: unknown };
  observation: string;
}

/** The earlier steps of this turn, as the assistant's own text (Dify's agent scratchpad). */
export function reactScratchpad(entries: ScratchpadEntry[]): string {
  return entries
    .map((e) => {
      const blob = JSON.stringify({ action: e.action.name, action_input: e.action.input });
      return `Thought: ${e.thought}\nAction:\n\`\`\`\n${blob}\n\`\`\`\nObservation: ${e.observation}`;
    })
    .join("\n\n");
}

/** The JSON object that starts at `from` (balanced braces, strings respected), or null. */
function objectAt(text: string, from: number): { value: unknown; end: number } | null {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      try {
        return { value: JSON.parse(text.slice(from, i + 1)), end: i + 1 };
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The first `{"action": …}` blob in the text, with where it starts. */
function findAction(text: string): { name: string; input: unknown; start: number } | null {
  for (let at = text.indexOf("{"); at >= 0; at = text.indexOf("{", at + 1)) {
    const found = objectAt(text, at);
    if (!found || typeof found.value !== "object" || found.value === null || Array.isArray(found.value)) continue;
    const blob = found.value as Record<string, unknown>;
    if (typeof blob.action !== "string" || !blob.action.trim()) continue;
    return { name: blob.action.trim(), input: blob.action_input ?? blob.input ?? {}, start: at };
  }
  return null;
}

const FINAL_NAMES = new Set(["final answer", "final_answer", "finalanswer"]);

/** Strips the protocol's labels and code fences around the thought text. */
function cleanThought(text: string): string {
  return text
    .replace(/```(?:json)?\s*$/i, "")
    .replace(/\bAction\s*:\s*$/i, "")
    .replace(/^\s*Thought\s*:\s*/i, "")
    .trim();
}

/**
 * Reads one step of a ReAct model's output. An action blob means a tool call (or, for the
 * action "Final Answer", the answer); a `Final Answer:` line is the answer; text with neither
 * is taken as the answer too, so a model that ignores the protocol still answers once.
 */
export function parseReactStep(output: string): ReactStep {
  const action = findAction(output);
  const finalLine = output.search(/Final Answer\s*:/i);
  if (action && (finalLine < 0 || action.start < finalLine)) {
    const before = output.slice(0, action.start);
    const thought = cleanThought(before.replace(/\bAction\s*:[\s\S]*$/i, ""));
    if (FINAL_NAMES.has(action.name.toLowerCase())) {
      const input = action.input;
      const answer = typeof input === "string" ? input : JSON.stringify(input);
      return { thought, action: null, finalAnswer: answer };
    }
    return { thought, action: { name: action.name, input: action.input }, finalAnswer: null };
  }
  if (finalLine >= 0) {
    const thought = cleanThought(output.slice(0, finalLine));
    const answer = output.slice(finalLine).replace(/^Final Answer\s*:\s*/i, "").trim();
    return { thought, action: null, finalAnswer: answer };
  }
  const text = cleanThought(output);
  return { thought: text, action: null, finalAnswer: text };
}
