// Streams a chat completion from an ai-SDK language model. Text-only prompts call the model's
// `doStream` directly: `streamText`'s pipeline costs ~15–20 ms of CPU before the first token in
// workerd (measured), which is the whole latency budget Kiln has. Prompts with files (vision)
// go through `streamText`, which knows how to convert them.
import type { LanguageModelV4, LanguageModelV4Prompt, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { type ModelMessage, streamText } from "ai";

export interface ChatOptions {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  abortSignal?: AbortSignal;
  /**
   * The caller only wants the whole answer (a blocking API call): a text-only prompt asks the
   * model without streaming, which spares parsing an event stream chunk by chunk.
   */
  whole?: boolean;
}

export type ChatPart = { type: "text"; text: string } | { type: "finish"; inputTokens?: number; outputTokens?: number };

/** The prompt in the model spec's shape, or null when a message carries more than text. */
function textOnlyPrompt(messages: ModelMessage[]): LanguageModelV4Prompt | null {
  const prompt: LanguageModelV4Prompt = [];
  for (const m of messages) {
    const text =
      typeof m.content === "string"
        ? m.content
        : m.content.every((p) => p.type === "text")
          ? m.content.map((p) => (p as { text: string }).text).join("")
          : null;
    if (text === null) return null;
    if (m.role === "system") prompt.push({ role: "system", content: text });
    else if (m.role === "user") prompt.push({ role: "user", content: [{ type: "text", text }] });
    else if (m.role === "assistant") prompt.push({ role: "assistant", content: [{ type: "text", text }] });
    else return null;
  }
  return prompt;
}

export async function* streamChat(
  model: LanguageModelV4,
  messages: ModelMessage[],
  { whole, ...options }: ChatOptions,
): AsyncGenerator<ChatPart> {
  const prompt = textOnlyPrompt(messages);
  if (prompt && whole) {
    const result = await model.doGenerate({ prompt, ...options });
    const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
    if (text) yield { type: "text", text };
    yield { type: "finish", inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total };
    return;
  }
  if (!prompt) {
    const result = streamText({ model, messages, allowSystemInMessages: true, maxRetries: 0, ...options });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && part.text) yield { type: "text", text: part.text };
      else if (part.type === "error") throw part.error;
      else if (part.type === "abort") throw new DOMException("aborted", "AbortError");
      else if (part.type === "finish") {
        yield { type: "finish", inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      }
    }
    return;
  }
  const { stream } = await model.doStream({ prompt, ...options });
  for await (const part of readModelStream(stream)) {
    if (part.type === "text-delta" && part.delta) yield { type: "text", text: part.delta };
    else if (part.type === "finish") {
      yield { type: "finish", inputTokens: part.usage.inputTokens.total, outputTokens: part.usage.outputTokens.total };
    }
  }
}

/**
 * The parts of a `doStream` result, with `error` parts thrown. Leaving early (stop, disconnect,
 * error) cancels the stream, so Kiln stops pulling from the provider too.
 */
export async function* readModelStream(stream: ReadableStream<LanguageModelV4StreamPart>): AsyncGenerator<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.type === "error") throw value.error;
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}
