// Speech through the workspace's speech models: audio to text (OpenAI's /audio/transcriptions)
// and text to audio (/audio/speech, MP3). Dify's rules for the audio it accepts (types, 30 MB)
// and its error codes. There is no offline speech model: without one, speech to text answers
// `provider_not_support_speech_to_text` and text to speech `provider_not_initialize`, as Dify does.
import type { TenantCtx } from "../context";
import { KilnError } from "../lib/errors";
import { providerFailure } from "./errors";
import { formatModelName, getSpeechModel, getTranscriptionModel, type ModelRef, resolveSpeechModel } from "./registry";

const MB = 1024 * 1024;
/** Dify's AudioService limits: these `audio/*` types, at most 30 MB. */
export const AUDIO_TYPES = ["mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm", "amr"].map((ext) => `audio/${ext}`);
export const MAX_AUDIO_MB = 30;
/** The longest text sent to a speech model at once (OpenAI's /audio/speech takes 4 096 characters). */
export const MAX_SPEECH_CHARS = 4096;
/** Dify picks the model's first voice when neither the request nor the app names one. */
export const DEFAULT_VOICE = "alloy";

/** Dify's error for audio over MAX_AUDIO_MB (the file's own size, or a body beyond it). */
export const audioTooLarge = () => new KilnError("audio_too_large", 413, `Audio size exceeded. Audio size larger than ${MAX_AUDIO_MB} mb`);

/**
 * The audio type of an upload: its declared type without codec parameters (browsers send
 * `audio/webm;codecs=opus`), or, when the client declared none or a generic one (Python's
 * requests does unless given a tuple), the one its file name's extension names.
 */
export function audioType(file: File): string {
  const declared = file.type.split(";")[0].trim().toLowerCase();
  if (declared && declared !== "application/octet-stream") return declared;
  const ext = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return ext ? `audio/${ext}` : declared;
}

/** Checks an uploaded audio file as Dify does: present, an allowed `audio/*` type, not too large. */
export function checkAudio(file: unknown): File {
  if (!(file instanceof File)) throw new KilnError("no_audio_uploaded", 400, "Please upload your audio.");
  const type = audioType(file);
  if (!AUDIO_TYPES.includes(type)) {
    throw new KilnError("unsupported_audio_type", 415, `Audio type not allowed: ${file.type || "none"}. Allowed: ${AUDIO_TYPES.join(", ")}.`);
  }
  if (file.size > MAX_AUDIO_MB * MB) throw audioTooLarge();
  if (file.size === 0) throw new KilnError("no_audio_uploaded", 400, "Please upload your audio: the file is empty.");
  return file;
}

/** The text spoken in `file` (checked with checkAudio first), by `model` or the workspace's speech-to-text model. */
export async function transcribe(ctx: TenantCtx, file: File, model?: ModelRef): Promise<{ text: string; model: string }> {
  const ref = model ?? (await resolveSpeechModel(ctx, "speech2text"));
  if (!ref) {
    throw new KilnError(
      "provider_not_support_speech_to_text",
      400,
      "Provider not support speech to text: add a speech-to-text model (such as OpenAI's whisper-1) in Settings → Model providers.",
    );
  }
  const transcriber = await getTranscriptionModel(ctx, ref);
  try {
    const result = await transcriber.doGenerate({
      audio: new Uint8Array(await file.arrayBuffer()),
      mediaType: audioType(file),
      abortSignal: AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS),
    });
    return { text: result.text, model: formatModelName(ref) };
  } catch (err) {
    throw providerFailure(err);
  }
}

/** `text` spoken by `model` or the workspace's text-to-speech model, as MP3. */
export async function synthesize(
  ctx: TenantCtx,
  text: string,
  voice: string | null | undefined,
  model?: ModelRef,
): Promise<{ audio: Uint8Array; model: string }> {
  const ref = model ?? (await resolveSpeechModel(ctx, "tts"));
  if (!ref) {
    throw new KilnError(
      "provider_not_initialize",
      400,
      "No text-to-speech model: add one (such as OpenAI's tts-1) in Settings → Model providers.",
    );
  }
  const content = text.trim();
  if (content.length > MAX_SPEECH_CHARS) {
    throw new KilnError("invalid_param", 400, `text is ${content.length} characters; at most ${MAX_SPEECH_CHARS} can be spoken at once.`);
  }
  const speaker = await getSpeechModel(ctx, ref);
  try {
    const result = await speaker.doGenerate({
      text: content,
      voice: voice || DEFAULT_VOICE,
      outputFormat: "mp3",
      abortSignal: AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS),
    });
    const audio = typeof result.audio === "string" ? Uint8Array.from(atob(result.audio), (ch) => ch.charCodeAt(0)) : result.audio;
    return { audio, model: formatModelName(ref) };
  } catch (err) {
    throw providerFailure(err);
  }
}
