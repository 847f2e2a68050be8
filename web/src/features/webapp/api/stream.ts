// Reads Kiln's (Dify's) answer stream: `data: {json}` blocks separated by a blank line, and bare
// `event: ping` keep-alives, which are skipped.
import { webappFetch, type WebAppRequest } from "./client";
import type { StreamEvent } from "./types";

export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += decoder.decode(value, { stream: !done });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        if (data) yield JSON.parse(data) as StreamEvent;
        end = buffer.indexOf("\n\n");
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/** POSTs a streaming run and yields its events; errors before the stream starts are thrown. */
export async function* streamRun(code: string, path: string, body: object, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
  const req: WebAppRequest = { method: "POST", body: { ...body, response_mode: "streaming" }, signal };
  const res = await webappFetch(code, path, req);
  if (!res.body) return;
  yield* readEventStream(res.body);
}
