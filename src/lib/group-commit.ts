// Group commit for hot-path writes (message logs, workflow runs, annotation hits): statements
// queued while a batch is in flight go out together in the next one, so D1 sees one round trip
// per batch instead of one per request, and every caller still learns when its own rows are
// durable (await the promise, or hand it to waitUntil). A failed batch rejects every caller in it;
// nothing is dropped silently.
//
// A batch is written from the request of whoever found none in flight, and the others wait for it.
// Two things keep a waiter from waiting forever:
// - It waits through a promise of its own (settleOrStall), never on the starter's promise alone:
//   a waiter that awaited the starter's promise directly went on running in the starter's
//   request, and a batch it started next was cancelled when that request ended. Under load this
//   left the isolate's message logging stuck for good (seen under `npm run bench`).
// - The runtime may still cancel a starter mid-batch (its client left, its waitUntil time ran
//   out), and its D1 call then never settles. So a batch in flight for longer than STALL_MS is
//   given up: its callers go back to the front of the queue and a live request writes them
//   again. Each caller's statements carry a marker row (commit_markers, keyed by the caller) in
//   the same transaction, so whichever of the two writes commits second fails on the marker and
//   changes nothing: each caller's rows land exactly once.
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { newId } from "./ids";

const MAX_STATEMENTS = 50;
/** A D1 batch takes milliseconds; one still unanswered after this is presumed lost. */
let STALL_MS = 5_000;
/** Markers are needed only while a caller may still be written again; older ones are removed. */
const MARKER_TTL_MS = 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;

/** A query builder, or a statement already prepared on the database (see insert-rows.ts). */
export type Statement = BatchItem<"sqlite"> | D1PreparedStatement;

interface Pending {
  marker: string;
  items: Statement[];
  /** The batch now carrying these statements; a batch given up no longer settles them. */
  flight: Flight | null;
  done: boolean;
  error?: unknown;
}

interface Flight {
  promise: Promise<void>;
  startedAt: number;
  /** The callers it carries, put back in the queue if it stalls. */
  group: Pending[];
}

interface Writer {
  queue: Pending[];
  inFlight: Flight | null;
  prunedAt: number;
}

const writers = new WeakMap<Db, Writer>();

/** For tests: how long a batch may stay unanswered before it is written again. */
export function setStallMs(ms: number): number {
  const before = STALL_MS;
  STALL_MS = ms;
  return before;
}

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

/** A caller's statements behind its marker row: the transaction fails if they were committed. */
function statementsOf(db: Db, p: Pending, now: number): D1PreparedStatement[] {
  return [db.$client.prepare("INSERT INTO commit_markers (id, created_at) VALUES (?, ?)").bind(p.marker, now), ...p.items.map((s) => prepared(db, s))];
}

const isMarkerConflict = (err: unknown) => /commit_markers\.id/.test(String((err as Error)?.message ?? err));

/** Writes a group in one batch; never rejects: each caller's outcome is recorded on it. */
async function writeGroup(db: Db, writer: Writer, group: Pending[], flight: Flight): Promise<void> {
  const now = Date.now();
  const outcomes = new Map<Pending, unknown>();
  try {
    const prune =
      now - writer.prunedAt > PRUNE_EVERY_MS ? [db.$client.prepare("DELETE FROM commit_markers WHERE created_at < ?").bind(now - MARKER_TTL_MS)] : [];
    await db.$client.batch([...group.flatMap((p) => statementsOf(db, p, now)), ...prune]);
    if (prune.length) writer.prunedAt = now;
  } catch (err) {
    // One bad statement (or one caller already committed by an earlier attempt) must not take its
    // neighbours down: write each caller on its own.
    for (const p of group) {
      if (p.flight !== flight) continue;
      const e = group.length === 1 ? err : await db.$client.batch(statementsOf(db, p, now)).then(() => undefined, (e: unknown) => e);
      // Its marker is there: an earlier attempt committed these statements.
      if (e !== undefined && !isMarkerConflict(e)) outcomes.set(p, e);
    }
  }
  for (const p of group) {
    if (p.flight !== flight) continue;
    if (outcomes.has(p)) p.error = outcomes.get(p);
    p.done = true;
  }
}

/** Waits for `flight` to settle, or until it has been in flight for STALL_MS. */
function settleOrStall(flight: Flight): Promise<void> {
  let stalled: () => void = () => {};
  const stall = new Promise<void>((resolve) => {
    stalled = resolve;
  });
  const timer = setTimeout(stalled, Math.max(0, flight.startedAt + STALL_MS - Date.now()));
  return Promise.race([flight.promise, stall]).finally(() => clearTimeout(timer));
}

/** Queues statements that must land together; resolves when they are committed. */
export async function commitSoon(db: Db, items: Statement[]): Promise<void> {
  if (items.length === 0) return;
  let w = writers.get(db);
  if (!w) {
    w = { queue: [], inFlight: null, prunedAt: 0 };
    writers.set(db, w);
  }
  const writer = w;
  const mine: Pending = { marker: newId(), items, flight: null, done: false };
  writer.queue.push(mine);
  // Workers tie I/O to the request that started it and may cancel it once that request is over:
  // a batch is written only from a request that is waiting for it (its starter), and the others
  // wait for that batch in their own request, or give it up once it has stalled (see the header).
  while (!mine.done) {
    const flight = writer.inFlight;
    if (flight) {
      if (Date.now() - flight.startedAt < STALL_MS) {
        await settleOrStall(flight);
        continue;
      }
      if (writer.inFlight === flight) {
        writer.inFlight = null;
        const orphans = flight.group.filter((p) => !p.done && p.flight === flight);
        for (const p of orphans) p.flight = null;
        writer.queue.unshift(...orphans);
        console.log(JSON.stringify({ level: "warn", msg: "group commit: a batch went unanswered; its callers are written again", callers: orphans.length }));
      }
      continue;
    }
    const group = takeGroup(writer.queue);
    const started: Flight = { promise: Promise.resolve(), startedAt: Date.now(), group };
    for (const p of group) p.flight = started;
    started.promise = writeGroup(db, writer, group, started).finally(() => {
      if (writer.inFlight === started) writer.inFlight = null;
    });
    writer.inFlight = started;
    await started.promise;
  }
  if (mine.error !== undefined) throw mine.error;
}
