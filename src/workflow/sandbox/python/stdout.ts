// Where print() writes: nowhere in a code node (Dify keeps only main's dict), or into the run's
// captured output when the code runs as a script (the code tool answers what it printed). Runs are
// synchronous between their awaits, so one slot per isolate serves every run.
import { SandboxError } from "../quickjs";

export const stdout: { current: { chunks: string[]; size: number; limit: number } | null } = { current: null };

/** Appends printed text to the running script's output; past the limit the run stops. */
export function writeStdout(text: string): void {
  const out = stdout.current;
  if (!out) return;
  out.size += text.length;
  if (out.size > out.limit) throw new SandboxError("output", `The printed output passed the limit of ${out.limit} characters`);
  out.chunks.push(text);
}
