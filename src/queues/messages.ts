// Every message any Kiln queue carries, as one zod union keyed by `type`.
import { z } from "zod";

export const healthPingMessage = z.object({ type: z.literal("health.ping"), at: z.number() });

/** Index one document; `contentHash` names the version, so a message for replaced content is skipped. */
export const knowledgeIndexMessage = z.object({
  type: z.literal("knowledge.index"),
  workspaceId: z.string(),
  documentId: z.string(),
  contentHash: z.string(),
});
export type KnowledgeIndexMessage = z.infer<typeof knowledgeIndexMessage>;

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

export const queueMessage = z.discriminatedUnion("type", [
  healthPingMessage,
  knowledgeIndexMessage,
  finetuneDispatchMessage,
  finetunePollMessage,
]);

export type QueueMessage = z.infer<typeof queueMessage>;
