// Streams one model call that may answer with tool calls (an agent's function-calling step). Like
// streamChat it calls `doStream` directly: the agent keeps its own prompt in the model spec's shape,
// because tool-call and tool-result messages have no place in the text-only chat prompt.
import type { LanguageModelV4, LanguageModelV4FunctionTool, LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { ChatOptions } from "./invoke";

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
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.type === "text-delta" && value.delta) yield { type: "text", text: value.delta };
      else if (value.type === "tool-call") {
        yield { type: "tool-call", toolCallId: value.toolCallId, toolName: value.toolName, input: value.input };
      } else if (value.type === "error") throw value.error;
      else if (value.type === "finish") {
        yield { type: "finish", inputTokens: value.usage.inputTokens.total, outputTokens: value.usage.outputTokens.total };
      }
    }
  } finally {
    // Leaving early (stop, disconnect, error): stop pulling from the provider too.
    if (!finished) await reader.cancel().catch(() => {});
  }
}
