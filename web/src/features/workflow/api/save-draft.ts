import { api } from "../../../lib/api";
import type { SaveDraftInput, SaveDraftResult } from "./types";

/** Saves the whole draft; a stale `hash` is refused with `draft_workflow_not_sync`. */
export function saveDraft(appId: string, input: SaveDraftInput): Promise<SaveDraftResult> {
  return api.post<SaveDraftResult>(`/apps/${appId}/workflows/draft`, input);
}
