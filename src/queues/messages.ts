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

export const queueMessage = z.discriminatedUnion("type", [healthPingMessage, knowledgeIndexMessage]);

export type QueueMessage = z.infer<typeof queueMessage>;
