import { webappJson } from "./client";
import type { Rating } from "./types";

/** Likes or dislikes an answer; `null` withdraws the rating. */
export function sendFeedback(code: string, messageId: string, rating: Rating | null) {
  return webappJson<{ result: string }>(code, `/messages/${messageId}/feedbacks`, { method: "POST", body: { rating } });
}
