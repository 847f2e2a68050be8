// Query keys of the workflow editor. Kept apart from the apps feature's ["apps", "detail", id]
// keys on purpose: a refetch of the draft replaces the canvas, so only the editor may cause one.
export const workflowKeys = {
  draft: (appId: string) => ["workflow", appId, "draft"] as const,
  versions: (appId: string) => ["workflow", appId, "versions"] as const,
  runs: (appId: string) => ["workflow", appId, "runs"] as const,
  run: (appId: string, runId: string) => ["workflow", appId, "runs", runId] as const,
  nodeExecutions: (appId: string, runId: string) => ["workflow", appId, "runs", runId, "nodes"] as const,
  /** What the server says about the draft's trigger nodes; refetched after each save and publish. */
  triggers: (appId: string) => ["workflow", appId, "triggers"] as const,
  webhookTrigger: (appId: string, nodeId: string) => ["workflow", appId, "triggers", "webhook", nodeId] as const,
  scheduleTrigger: (appId: string, nodeId: string) => ["workflow", appId, "triggers", "schedule", nodeId] as const,
};
