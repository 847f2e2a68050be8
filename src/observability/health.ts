// Health: touches every binding for real, so a green answer means the platform can work.
import type { Ctx } from "../context";
import { VERSION } from "../env";
import type { QueueMessage } from "../queues/messages";

async function probe(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch {
    return false;
  }
}

export async function checkHealth(ctx: Ctx) {
  const ping: QueueMessage = { type: "health.ping", at: ctx.now() };
  const [d1, r2, queues, vectors] = await Promise.all([
    probe(() => ctx.env.DB.prepare("SELECT 1").first()),
    probe(() => ctx.env.FILES.head("health/probe")),
    probe(() => Promise.all([ctx.env.INGEST_QUEUE.send(ping), ctx.env.FINETUNE_QUEUE.send(ping)])),
    ctx.env.VECTORS
      ? probe(() => ctx.env.VECTORS!.describe()).then((ok) => (ok ? ("vectorize" as const) : false))
      : ("local" as const),
  ]);
  const ok = d1 && r2 && queues && vectors !== false;
  return { status: ok ? ("ok" as const) : ("degraded" as const), version: VERSION, storage: { d1, r2, queues, vectors } };
}
