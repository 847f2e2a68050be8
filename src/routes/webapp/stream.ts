// The WebApp's transport over a run's events: Dify's SIMPLE converter (what its WebApp and
// Explore get), i.e. the Service API frames without `usage` or `annotation_reply` in the
// metadata. Streaming frames as SSE; blocking collects the same run into one JSON answer.
import type { AppRow } from "../../apps/apps";
import type { MessageMetadata, Run } from "../../apps/generate";
import { collectRun, streamRun } from "../run-transport";

// Dify's simple metadata keeps only these fields of each retriever resource.
const SIMPLE_RESOURCE_FIELDS = ["segment_id", "position", "document_name", "score", "content"] as const;

function simpleMetadata(metadata: MessageMetadata) {
  const resources = metadata.retriever_resources.map((r) => {
    const full = r as unknown as Record<string, unknown>;
    return Object.fromEntries(SIMPLE_RESOURCE_FIELDS.map((k) => [k, full[k] ?? null]));
  });
  return { retriever_resources: resources };
}

export function streamResponse(run: Run): Promise<Response> {
  return streamRun(run, simpleMetadata);
}

/** Blocking mode: the same run, collected with the simple metadata. */
export function collectSimpleRun(run: Run, app: AppRow) {
  return collectRun(run, app, undefined, simpleMetadata);
}
