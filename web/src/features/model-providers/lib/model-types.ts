// How each model type is named in the provider forms and on the provider cards.
import type { ModelType } from "../api/types";

export const MODEL_TYPES: { value: ModelType; label: string; chip: string; example: string }[] = [
  { value: "llm", label: "Chat (LLM)", chip: "chat", example: "gpt-4o-mini" },
  { value: "text-embedding", label: "Embedding", chip: "embed", example: "text-embedding-3-small" },
  { value: "speech2text", label: "Speech to text", chip: "speech→text", example: "whisper-1" },
  { value: "tts", label: "Text to speech", chip: "tts", example: "tts-1" },
];

export function modelTypeInfo(type: ModelType) {
  return MODEL_TYPES.find((t) => t.value === type) ?? MODEL_TYPES[0]!;
}

/** Types no provider is guaranteed to offer: Kiln's offline provider has none of them. */
export const isSpeechType = (type: ModelType) => type === "speech2text" || type === "tts";
