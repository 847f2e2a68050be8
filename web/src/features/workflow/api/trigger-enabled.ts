import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { workflowKeys } from "./keys";

export interface TriggerEnabled {
  node_id: string;
  enabled: boolean;
}

/**
 * Turns a trigger node on or off, as Dify's trigger status: a disabled webhook's published URL
 * answers 404 (its debug URL still runs the draft); a disabled schedule does not run. 404 when
 * there is nothing to switch yet (a schedule not published). The node's panel refetches after.
 */
export function useSetTriggerEnabled(appId: string, nodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.post<TriggerEnabled>(`/apps/${appId}/workflows/triggers/enable`, { node_id: nodeId, enabled }),
    // Awaited, so that the switch shows the new state until the panel holds it.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workflowKeys.webhookTrigger(appId, nodeId) }),
        queryClient.invalidateQueries({ queryKey: workflowKeys.scheduleTrigger(appId, nodeId) }),
      ]),
  });
}
