// Group commit for hot-path writes (message logs): statements queued while a batch is in flight
// go out together in the next one, so D1 sees one round trip per batch instead of one per
// request, and every caller still learns when its own rows are durable (await the promise, or
// hand it to waitUntil). A failed batch rejects every caller in it; nothing is dropped silently.
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";

const MAX_STATEMENTS = 50;

interface Pending {
  items: BatchItem<"sqlite">[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Writer {
  queue: Pending[];
  busy: boolean;
}

const writers = new WeakMap<Db, Writer>();

async function drain(db: Db, w: Writer): Promise<void> {
  w.busy = true;
  try {
    while (w.queue.length > 0) {
      const group: Pending[] = [];
      let count = 0;
      while (w.queue.length > 0 && (group.length === 0 || count + w.queue[0].items.length <= MAX_STATEMENTS)) {
        const next = w.queue.shift()!;
        group.push(next);
        count += next.items.length;
      }
      const items = group.flatMap((p) => p.items);
      try {
        await db.batch(items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
        for (const p of group) p.resolve();
      } catch (err) {
        // One bad statement must not take its neighbours down: retry each caller on its own.
        if (group.length === 1) group[0].reject(err);
        else
          for (const p of group) {
            await db.batch(p.items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]).then(p.resolve, p.reject);
          }
      }
    }
  } finally {
    w.busy = false;
  }
}

/** Queues statements that must land together; resolves when they are committed. */
export function commitSoon(db: Db, items: BatchItem<"sqlite">[]): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  let w = writers.get(db);
  if (!w) {
    w = { queue: [], busy: false };
    writers.set(db, w);
  }
  const writer = w;
  const done = new Promise<void>((resolve, reject) => writer.queue.push({ items, resolve, reject }));
  if (!writer.busy) void drain(db, writer);
  return done;
}
