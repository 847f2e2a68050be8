import { webappJson } from "./client";

/** Follow-up questions for an answer (only when the app enables them). */
export async function fetchSuggestions(code: string, messageId: string): Promise<string[]> {
  const r = await webappJson<{ data: string[] }>(code, `/messages/${messageId}/suggested-questions`);
  return r.data;
}
