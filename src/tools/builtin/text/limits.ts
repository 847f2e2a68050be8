// Input bounds shared by the text tools: they run synchronously on the request's CPU budget.
import { Invalid } from "../../../lib/errors";

export const MAX_TEXT_CHARS = 1_000_000;

export function boundedText(text: string, field = "text"): string {
  if (text.length > MAX_TEXT_CHARS) {
    throw Invalid(`${field} is too long (${text.length} characters; at most ${MAX_TEXT_CHARS})`, [field]);
  }
  return text;
}
