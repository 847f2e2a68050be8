// Every message any Kiln queue carries, as one zod union keyed by `type`.
import { z } from "zod";

export const healthPingMessage = z.object({ type: z.literal("health.ping"), at: z.number() });

export const queueMessage = z.discriminatedUnion("type", [healthPingMessage]);

export type QueueMessage = z.infer<typeof queueMessage>;
