// The Worker's entry points: fetch (the Hono app), queue (dispatch by message type) and
// scheduled (housekeeping). Thin by design: everything lives in src/.
import { createApp } from "../src/app";
import { purgeExpiredAuthRecords } from "../src/auth/sessions";
import { createCtx } from "../src/context";
import type { Bindings } from "../src/env";
import { queueMessage } from "../src/queues/messages";

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    const ctx = createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) });
    for (const message of batch.messages) {
      const parsed = queueMessage.safeParse(message.body);
      if (!parsed.success) {
        // A message no version of Kiln can read would only loop: record it and drop it.
        ctx.log.error("unreadable queue message", { queue: batch.queue, id: message.id });
        message.ack();
        continue;
      }
      switch (parsed.data.type) {
        case "health.ping":
          message.ack();
          break;
      }
    }
  },

  async scheduled(_controller: ScheduledController, env: Bindings, execCtx: ExecutionContext): Promise<void> {
    const ctx = createCtx(env, { waitUntil: (p) => execCtx.waitUntil(p) });
    await purgeExpiredAuthRecords(ctx);
  },
} satisfies ExportedHandler<Bindings>;
