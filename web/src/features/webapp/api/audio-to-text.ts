import { webappJson } from "./client";

/** The text spoken in a recording (the app must have speech_to_text on). */
export async function audioToText(code: string, audio: Blob): Promise<string> {
  const form = new FormData();
  // The server reads the type (audio/webm;codecs=opus from Chromium's MediaRecorder) and the name's extension.
  const ext = audio.type.split(/[/;]/)[1] || "webm";
  form.append("file", audio, `question.${ext}`);
  const { text } = await webappJson<{ text: string }>(code, "/audio-to-text", { method: "POST", body: form });
  return text;
}
