// The WebApp's view of workflow and chatflow frames (Dify's simple converter): node frames keep
// which node ran and how it ended but not what it read, wrote or failed with, and a chatflow's
// message_end carries no usage. The full details stay in the run's records for the app's owner.
import { sseResponse } from "../../lib/sse";

type Frame = { event?: unknown; data?: unknown; metadata?: unknown } & Record<string, unknown>;

// Dify's converter strips node started/finished frames; retry frames carry the same details,
// and a public page sees none of them.
const NODE_EVENTS = new Set(["node_started", "node_finished", "node_retry"]);

export function simpleFrame(frame: object): object {
  const f = frame as Frame;
  if (typeof f.event !== "string") return frame;
  if (NODE_EVENTS.has(f.event) && f.data && typeof f.data === "object") {
    const data = { ...(f.data as Record<string, unknown>), inputs: null };
    if (f.event !== "node_started") Object.assign(data, { process_data: null, outputs: null, error: null, execution_metadata: null });
    return { ...f, data };
  }
  if (f.event === "message_end" && f.metadata && typeof f.metadata === "object") {
    const { retriever_resources } = f.metadata as { retriever_resources?: unknown };
    return { ...f, metadata: { retriever_resources: retriever_resources ?? [] } };
  }
  return frame;
}

async function* simpleFrames(frames: AsyncIterable<object>): AsyncGenerator<object> {
  for await (const frame of frames) yield simpleFrame(frame);
}

/** Streams the frames as Dify SSE with the simple converter; a client that leaves stops the run. */
export function streamSimpleFrames(frames: AsyncIterable<object>, abort: () => void): Promise<Response> {
  return sseResponse(simpleFrames(frames), { onCancel: abort });
}
