// Streams one model call that may answer with tool calls (an agent's function-calling step). Like
// streamChat it calls `doStream` directly: the agent keeps its own prompt in the model spec's shape,
// because tool-call and tool-result messages have no place in the text-only chat prompt.
import type { LanguageModelV4, LanguageModelV4FunctionTool, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { type ChatOptions, readModelStream } from "./invoke";

export type ToolStreamPart =
  | { type: "text"; text: string }
  /** `input` is the JSON text of the arguments, as the model wrote it. */
  | { type: "tool-call"; toolCallId: string; toolName: string; input: string }
  | { type: "finish"; inputTokens?: number; outputTokens?: number };

export async function* streamWithTools(
  model: LanguageModelV4,
  prompt: LanguageModelV4Prompt,
  tools: LanguageModelV4FunctionTool[],
  options: ChatOptions,
): AsyncGenerator<ToolStreamPart> {
  const { stream } = await model.doStream({
    prompt,
    ...options,
    ...(tools.length ? { tools, toolChoice: { type: "auto" as const } } : {}),
  });
  for await (const part of readModelStream(stream)) {
    if (part.type === "text-delta" && part.delta) yield { type: "text", text: part.delta };
    else if (part.type === "tool-call") {
      yield { type: "tool-call", toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
    } else if (part.type === "finish") {
      yield { type: "finish", inputTokens: part.usage.inputTokens.total, outputTokens: part.usage.outputTokens.total };
    }
  }
}
