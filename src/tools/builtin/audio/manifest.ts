// Dify's built-in `audio` provider, so Dify DSL tool nodes and agents that speak a text or
// transcribe an audio file resolve. Both use the workspace's speech models (Settings → Model
// providers): there is no offline speech model.
import type { BuiltinProvider, BuiltinTool, ToolDefinition } from "../../types";
import { toolArgs } from "../arguments";
import { defineTool, param } from "../define";
import { speechToText, textToSpeech } from "./speech";

const model = (kind: string, example: string) =>
  param(
    "model",
    "string",
    `The ${kind} model as "provider#model" (such as "${example}"); the workspace's ${kind} model when empty.`,
    { form: "form", required: false },
  );

const tts: ToolDefinition = {
  name: "tts",
  label: "Text To Speech",
  description: "Convert text to audio file.",
  parameters: [model("text-to-speech", "openai#tts-1"), param("text", "string", "The text to be converted.")],
};

/** Its own invoke: the voice is read from Dify's per-model `voice#provider#model` form value. */
const ttsTool: BuiltinTool = {
  definition: tts,
  invoke: async (ctx, raw, options) => textToSpeech(ctx, toolArgs(tts, raw ?? {}), raw ?? {}, options),
};

export const audioProvider: BuiltinProvider = {
  name: "audio",
  label: "Audio",
  description: "Speak a text (text to speech) or transcribe an audio file (speech to text) with the workspace's speech models.",
  icon: { type: "emoji", content: "🔊", background: "#EDE9FE" },
  tools: [
    ttsTool,
    defineTool(
      {
        name: "asr",
        label: "Speech To Text",
        description: "Convert audio file to text.",
        parameters: [param("audio_file", "file", "The audio file to be converted."), model("speech-to-text", "openai#whisper-1")],
      },
      speechToText,
    ),
  ],
};
