import { webappJson } from "./client";

/** Asks the server to stop a running answer; it ends the stream with what was said so far. */
export function stopTask(code: string, kind: "chat" | "completion", taskId: string) {
  return webappJson<{ result: string }>(code, `/${kind}-messages/${taskId}/stop`, { method: "POST", body: {} });
}
