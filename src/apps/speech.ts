// An app's speech features behind the Service API and the WebApp: audio to text when the app has
// speech_to_text on, an answer (or any text) read out when it has text_to_speech on. Workflow and
// chatflow apps take the switches from their published workflow's features, the others from the
// published config, as Dify's AudioService does.
import type { TenantCtx } from "../context";
import { Invalid, KilnError } from "../lib/errors";
import { checkAudio, synthesize, transcribe } from "../models/speech";
import { isWorkflowMode } from "../workflow/content";
import { workflowParameters } from "../workflow/parameters";
import type { AppRow } from "./apps";
import type { ConversationOwner } from "./conversations";
import { getAppMessage, getOwnedMessage } from "./messages";
import type { ModelConfig } from "./model-config";

type Switch = { enabled: boolean; voice?: unknown };

async function speechSwitches(tctx: TenantCtx, app: AppRow, config: ModelConfig): Promise<{ stt: Switch; tts: Switch }> {
  if (isWorkflowMode(app.mode)) {
    const p = await workflowParameters(tctx, app.id);
    return { stt: p.speech_to_text, tts: p.text_to_speech };
  }
  return { stt: config.speech_to_text, tts: config.text_to_speech };
}

/** Dify's POST /audio-to-text: `{ text }` of the uploaded audio. */
export async function audioToText(tctx: TenantCtx, app: AppRow, config: ModelConfig, file: unknown): Promise<{ text: string }> {
  const { stt } = await speechSwitches(tctx, app, config);
  if (!stt.enabled) throw Invalid("Speech to text is not enabled");
  const audio = checkAudio(file);
  return { text: (await transcribe(tctx, audio)).text };
}

export interface TextToAudioRequest {
  text?: string | null;
  voice?: string | null;
  message_id?: string | null;
}

/**
 * Dify's POST /text-to-audio: the MP3 of `text`, or of a message's answer (`message_id`, which
 * wins). `owner` limits the messages to one end user's (the WebApp); the Service API's key holder
 * may read out any message of its app.
 */
export async function textToAudio(
  tctx: TenantCtx,
  app: AppRow,
  config: ModelConfig,
  req: TextToAudioRequest,
  owner?: ConversationOwner,
): Promise<Response> {
  let text = req.text ?? "";
  if (req.message_id) {
    const message = owner
      ? await getOwnedMessage(tctx, app.id, req.message_id, owner)
      : await getAppMessage(tctx, app.id, req.message_id);
    if (!message.answer.trim()) throw new KilnError("invalid_param", 400, "The message has no answer to read out yet.");
    text = message.answer;
  }
  if (!text.trim()) throw Invalid("Text is required", ["text"]);
  const { tts } = await speechSwitches(tctx, app, config);
  if (!tts.enabled) throw Invalid("TTS is not enabled");
  const voice = req.voice || (typeof tts.voice === "string" ? tts.voice : null);
  const { audio } = await synthesize(tctx, text, voice);
  return new Response(audio, {
    status: 200,
    headers: { "content-type": "audio/mpeg", "content-length": String(audio.byteLength), "cache-control": "no-store" },
  });
}
