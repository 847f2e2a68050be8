// Every message any Kiln queue carries, as one zod union keyed by `type`.
import { z } from "zod";

export const healthPingMessage = z.object({ type: z.literal("health.ping"), at: z.number() });

/** Documents one index message carries at most; see wrangler.toml's batch size for the ingest queue. */
export const INDEX_MESSAGE_DOCUMENTS = 10;

/** A document version to index: `contentHash` names it, so a message for replaced content is skipped. */
export const indexTarget = z.object({ documentId: z.string(), contentHash: z.string() });
export type IndexTarget = z.infer<typeof indexTarget> & { workspaceId: string };

/**
 * Index some documents of one workspace. Several share a message because locally each message costs
 * the queue a timer turn before it can be delivered; a retry re-runs them all, and the ones already
 * indexed are skipped.
 */
export const knowledgeIndexMessage = z.object({
  type: z.literal("knowledge.index"),
  workspaceId: z.string(),
  documents: z.array(indexTarget).min(1).max(INDEX_MESSAGE_DOCUMENTS),
});
export type KnowledgeIndexMessage = z.infer<typeof knowledgeIndexMessage>;

/** Earlier index messages named one document (`documentId`, `contentHash`): read them as a list of one. */
function oneDocumentIndexMessage(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const v = value as Record<string, unknown>;
  if (v.type !== "knowledge.index" || "documents" in v || !("documentId" in v)) return value;
  return { type: v.type, workspaceId: v.workspaceId, documents: [{ documentId: v.documentId, contentHash: v.contentHash }] };
}

/** Upload a fine-tune job's files and create the provider job (idempotent: recorded ids are reused). */
export const finetuneDispatchMessage = z.object({
  type: z.literal("finetune.dispatch"),
  workspaceId: z.string(),
  jobId: z.string(),
});
export type FinetuneDispatchMessage = z.infer<typeof finetuneDispatchMessage>;

/** Read a running fine-tune job's status and events; `round` grows the delay to the next poll. */
export const finetunePollMessage = z.object({
  type: z.literal("finetune.poll"),
  workspaceId: z.string(),
  jobId: z.string(),
  round: z.number().int().nonnegative(),
});
export type FinetunePollMessage = z.infer<typeof finetunePollMessage>;

/**
 * Run an app's workflow from a trigger node: a webhook call (`webhook`, the published workflow;
 * `webhook-debug`, the draft) or a due schedule. `runId` is the run's id, so a redelivered message
 * never runs it twice. Inputs too large for a message wait in R2 under `inputsKey`.
 */
export const workflowTriggerMessage = z.object({
  type: z.literal("workflow.trigger"),
  workspaceId: z.string(),
  appId: z.string(),
  nodeId: z.string(),
  source: z.enum(["webhook", "webhook-debug", "schedule"]),
  runId: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  inputsKey: z.string().optional(),
  at: z.number(),
});
export type WorkflowTriggerMessage = z.infer<typeof workflowTriggerMessage>;

/** Take up a paused run again: one of its forms was submitted or expired (a second message finds it running). */
export const workflowResumeMessage = z.object({
  type: z.literal("workflow.resume"),
  workspaceId: z.string(),
  appId: z.string(),
  runId: z.string(),
});
export type WorkflowResumeMessage = z.infer<typeof workflowResumeMessage>;

export const queueMessage = z.preprocess(
  oneDocumentIndexMessage,
  z.discriminatedUnion("type", [healthPingMessage, knowledgeIndexMessage, finetuneDispatchMessage, finetunePollMessage, workflowTriggerMessage, workflowResumeMessage]),
);

export type QueueMessage = z.infer<typeof queueMessage>;
