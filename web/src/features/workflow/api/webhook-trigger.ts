import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";

export interface WebhookTrigger {
  id: string;
  webhook_id: string;
  /** Runs the published workflow. */
  webhook_url: string;
  /** Runs the draft, recorded as a debug run. */
  webhook_debug_url: string;
  node_id: string;
  /** Off, the webhook URL answers 404; the debug URL runs the draft either way. */
  enabled: boolean;
  created_at: number;
}

/**
 * A webhook trigger node's URLs (made on the first request). 404 until the draft holding the node
 * is saved; the editor refetches after each save.
 */
export function useWebhookTrigger(appId: string, nodeId: string) {
  return useQuery({
    queryKey: workflowKeys.webhookTrigger(appId, nodeId),
    queryFn: () => api.get<WebhookTrigger>(`/apps/${appId}/workflows/triggers/webhook`, { query: { node_id: nodeId } }),
    // The URLs never change for a node; a save (a 404 becomes a 200) and the on/off switch invalidate.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
