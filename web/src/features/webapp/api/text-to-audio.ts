import { webappFetch } from "./client";

/** An answer of this browser's conversations, spoken (MP3). The app must have text_to_speech on. */
export async function textToAudio(code: string, messageId: string, signal?: AbortSignal): Promise<Blob> {
  const res = await webappFetch(code, "/text-to-audio", { method: "POST", body: { message_id: messageId }, signal });
  return res.blob();
}
