// Group commit for hot-path writes (message logs): statements queued while a batch is in flight
// go out together in the next one, so D1 sees one round trip per batch instead of one per
// request, and every caller still learns when its own rows are durable (await the promise, or
// hand it to waitUntil). A failed batch rejects every caller in it; nothing is dropped silently.
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";

const MAX_STATEMENTS = 50;

/** A query builder, or a statement already prepared on the database (see insert-rows.ts). */
export type Statement = BatchItem<"sqlite"> | D1PreparedStatement;

interface Pending {
  items: Statement[];
  done: boolean;
  error?: unknown;
}

interface Writer {
  queue: Pending[];
  /** The batch being written; its starter is always awaiting it too. */
  inFlight: Promise<void> | null;
}

const writers = new WeakMap<Db, Writer>();

function takeGroup(queue: Pending[]): Pending[] {
  const group: Pending[] = [];
  let count = 0;
  while (queue.length > 0 && (group.length === 0 || count + queue[0].items.length <= MAX_STATEMENTS)) {
    const next = queue.shift()!;
    group.push(next);
    count += next.items.length;
  }
  return group;
}

const isPrepared = (s: Statement): s is D1PreparedStatement => typeof (s as D1PreparedStatement).bind === "function";

/** The statement as D1 runs it: a builder is rendered (with its parameters) on the database. */
function prepared(db: Db, s: Statement): D1PreparedStatement {
  if (isPrepared(s)) return s;
  const query = (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  return db.$client.prepare(query.sql).bind(...query.params);
}

/** Writes a group in one batch; never rejects: each caller's outcome is recorded on it. */
async function writeGroup(db: Db, group: Pending[]): Promise<void> {
  try {
    await db.$client.batch(group.flatMap((p) => p.items.map((s) => prepared(db, s))));
  } catch (err) {
    // One bad statement must not take its neighbours down: retry each caller on its own.
    if (group.length === 1) group[0].error = err;
    else
      for (const p of group) {
        await db.$client.batch(p.items.map((s) => prepared(db, s))).catch((e: unknown) => {
          p.error = e;
        });
      }
  }
  for (const p of group) p.done = true;
}

/** Queues statements that must land together; resolves when they are committed. */
export async function commitSoon(db: Db, items: Statement[]): Promise<void> {
  if (items.length === 0) return;
  let w = writers.get(db);
  if (!w) {
    w = { queue: [], inFlight: null };
    writers.set(db, w);
  }
  const writer = w;
  const mine: Pending = { items, done: false };
  writer.queue.push(mine);
  // Workers tie I/O to the request that started it, and may cancel it once that request has
  // answered: a batch must never be written on behalf of a request that is not waiting for it.
  // So whoever finds no batch in flight writes everything queued (its own rows included) from
  // its own request, and the others wait for that batch, whose starter is waiting for it too.
  while (!mine.done) {
    if (writer.inFlight) {
      await writer.inFlight;
      continue;
    }
    const flight: Promise<void> = writeGroup(db, takeGroup(writer.queue)).finally(() => {
      if (writer.inFlight === flight) writer.inFlight = null;
    });
    writer.inFlight = flight;
    await flight;
  }
  if (mine.error !== undefined) throw mine.error;
}
