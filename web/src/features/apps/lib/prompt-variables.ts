// `{{variable}}` placeholders in a prompt: finding them, splitting the text for highlighting, and
// proposing a name for a new one.

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]{0,99})\}\}/g;

/** Variable names used in the prompt, in order of first use. */
export function promptVariables(prompt: string): string[] {
  const seen = new Set<string>();
  for (const m of prompt.matchAll(PLACEHOLDER)) seen.add(m[1]!);
  return [...seen];
}

export interface PromptSegment {
  text: string;
  /** Where the segment starts in the prompt (a stable key while rendering). */
  start: number;
  /** The variable name when this segment is a `{{placeholder}}`. */
  variable?: string;
}

/** The prompt cut into plain text and placeholders, for the highlighting mirror. */
export function promptSegments(prompt: string): PromptSegment[] {
  const out: PromptSegment[] = [];
  let last = 0;
  for (const m of prompt.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: prompt.slice(last, at), start: last });
    out.push({ text: m[0], variable: m[1]!, start: at });
    last = at + m[0].length;
  }
  if (last < prompt.length) out.push({ text: prompt.slice(last), start: last });
  return out;
}

/** Names used in the prompt that the variables list lacks. */
export function missingVariables(prompt: string, known: string[]): string[] {
  const have = new Set(known);
  return promptVariables(prompt).filter((v) => !have.has(v));
}

/** `var_1`, `var_2`, … the first one not taken. */
export function nextVariableName(taken: string[], base = "var"): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const name = `${base}_${n}`;
    if (!used.has(name)) return name;
  }
}

/** The prompt with `{{name}}` inserted at the cursor. */
export function insertPlaceholder(prompt: string, name: string, at: number): { text: string; cursor: number } {
  const pos = Math.max(0, Math.min(at, prompt.length));
  const token = `{{${name}}}`;
  return { text: prompt.slice(0, pos) + token + prompt.slice(pos), cursor: pos + token.length };
}
