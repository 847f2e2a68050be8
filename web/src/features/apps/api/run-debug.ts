// The prompt IDE's debugger runs: streaming POSTs to /chat-messages or /completion-messages that
// yield Dify's events, and the stop call.
import { api } from "../../../lib/api";
import { readEventStream } from "../lib/event-stream";
import type { EasyMode, ModelConfig, StreamEvent } from "./types";
import { isChatMode } from "../lib/app-rules";

export interface DebugRunInput {
  inputs: Record<string, unknown>;
  query: string;
  conversation_id?: string | null;
  /** The config to run: the IDE always sends what is on screen, saved or not. */
  model_config: ModelConfig;
}

/** Starts a run and yields its events; refusals before the stream starts are thrown as ApiError. */
export async function* runDebug(
  appId: string,
  mode: EasyMode,
  input: DebugRunInput,
  signal: AbortSignal,
): AsyncGenerator<StreamEvent> {
  const body = { ...input, response_mode: "streaming" };
  const res =
    isChatMode(mode)
      ? await api.post<Response>(`/apps/${appId}/chat-messages`, body, { raw: true, signal })
      : await api.post<Response>(`/apps/${appId}/completion-messages`, body, { raw: true, signal });
  if (!res.body) return;
  yield* readEventStream(res.body);
}

/** Asks the server to stop a running answer; the partial answer is kept as `stopped`. */
export function stopDebug(appId: string, mode: EasyMode, taskId: string): Promise<unknown> {
  return isChatMode(mode)
    ? api.post(`/apps/${appId}/chat-messages/${taskId}/stop`)
    : api.post(`/apps/${appId}/completion-messages/${taskId}/stop`);
}
