// insertRows, the hot path's INSERT with its SQL text rendered once: it must store exactly what
// drizzle's own insert stores (defaults for missing values, booleans as integers, NULLs), fail
// on a NOT NULL violation instead of dropping the row, and ignore only key conflicts when asked.
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { appDailyActives, appHourlyStats, apps, endUsers, workspaces } from "../../src/db/schema";
import { commitSoon } from "../../src/lib/group-commit";
import { insertRows } from "../../src/lib/insert-rows";

const db = createDb(env.DB);

/** A workspace with one app (`app-<workspace>`), which end users belong to. */
async function workspace(id: string) {
  await db.insert(workspaces).values({ id, name: id, createdAt: 1 });
  await db.insert(apps).values({ id: `app-${id}`, workspaceId: id, name: "App", mode: "chat", siteCode: `site-${id}`, createdAt: 1, updatedAt: 1 });
  return id;
}

const user = (id: string, ws: string, extra: Partial<typeof endUsers.$inferInsert> = {}) => ({
  id,
  workspaceId: ws,
  appId: `app-${ws}`,
  type: "service_api" as const,
  sessionId: `session-${id}`,
  createdAt: 1000,
  ...extra,
});

describe("insertRows", () => {
  it("stores the same row as drizzle's insert, defaults and booleans included", async () => {
    const ws = await workspace("ws-insert-rows-1");
    await db.insert(endUsers).values(user("by-drizzle", ws));
    await env.DB.batch([insertRows(env.DB, endUsers, [user("by-insert-rows", ws)])]);
    await env.DB.batch([insertRows(env.DB, endUsers, [user("anonymous", ws, { isAnonymous: true })])]);
    const rows = await db.select().from(endUsers).where(eq(endUsers.workspaceId, ws)).all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const { id: _a, sessionId: _b, ...drizzleRow } = byId.get("by-drizzle")!;
    const { id: _c, sessionId: _d, ...ourRow } = byId.get("by-insert-rows")!;
    expect(ourRow).toEqual(drizzleRow);
    expect(ourRow.isAnonymous).toBe(false);
    expect(byId.get("anonymous")!.isAnonymous).toBe(true);
  });

  it("writes several rows in one statement and, when asked, skips rows whose key exists", async () => {
    const ws = await workspace("ws-insert-rows-2");
    await env.DB.batch([insertRows(env.DB, endUsers, [user("u1", ws), user("u2", ws)])]);
    await env.DB.batch([insertRows(env.DB, endUsers, [user("u2", ws, { sessionId: "changed" }), user("u3", ws)], { ignoreConflicts: true })]);
    const rows = await db.select().from(endUsers).where(eq(endUsers.workspaceId, ws)).orderBy(endUsers.id).all();
    expect(rows.map((r) => [r.id, r.sessionId])).toEqual([
      ["u1", "session-u1"],
      ["u2", "session-u2"],
      ["u3", "session-u3"],
    ]);
    // Without ignoreConflicts a duplicate key is an error, not a silent skip.
    await expect(env.DB.batch([insertRows(env.DB, endUsers, [user("u1", ws)])])).rejects.toThrow(/UNIQUE|constraint/i);
  });

  it("fails on a missing required value even when ignoring conflicts, so no row is dropped silently", async () => {
    const ws = await workspace("ws-insert-rows-3");
    const broken = { ...user("no-session", ws), sessionId: undefined } as unknown as typeof endUsers.$inferInsert;
    await expect(env.DB.batch([insertRows(env.DB, endUsers, [broken], { ignoreConflicts: true })])).rejects.toThrow(/NOT NULL/i);
  });

  it("joins a group-commit batch with query builders, all landing together", async () => {
    const ws = await workspace("ws-insert-rows-4");
    await commitSoon(db, [insertRows(env.DB, endUsers, [user("g1", ws)]), db.insert(endUsers).values(user("g2", ws))]);
    const ids = (await db.select({ id: endUsers.id }).from(endUsers).where(eq(endUsers.workspaceId, ws)).all()).map((r) => r.id).sort();
    expect(ids).toEqual(["g1", "g2"]);
    // A failing statement fails its own group: neither row of it is written.
    await expect(
      commitSoon(db, [insertRows(env.DB, endUsers, [user("g3", ws)]), db.insert(endUsers).values(user("g1", ws))]),
    ).rejects.toThrow();
    expect(await db.select().from(endUsers).where(eq(endUsers.id, "g3")).get()).toBeUndefined();
  });

  it("merges into the stored row on a key conflict: added counters, or-ed masks, other columns kept", async () => {
    const ws = await workspace("ws-insert-rows-upsert");
    const appId = `app-${ws}`;
    const hourly = (messages: number, totalPrice: number, extra: Record<string, number> = {}) =>
      insertRows(env.DB, appHourlyStats, [{ appId, workspaceId: ws, hour: 7, provider: "p", model: "m", messages, totalPrice, ...extra }], {
        upsert: { target: ["appId", "hour", "provider", "model"], merge: { messages: "add", totalPrice: "add", ...Object.fromEntries(Object.keys(extra).map((k) => [k, "add" as const])) } },
      });
    await env.DB.batch([hourly(1, 0.5), hourly(2, 0.25, { errors: 1 })]);
    await env.DB.batch([hourly(1, 0.25)]);
    const [row] = await db.select().from(appHourlyStats).where(eq(appHourlyStats.appId, appId)).all();
    expect(row).toMatchObject({ messages: 4, totalPrice: 1, errors: 1, likes: 0, answerTokens: 0 });

    const actives = (hours: number) =>
      insertRows(env.DB, appDailyActives, [{ appId, day: 3, kind: "end_user", subjectId: "u1", hours }], {
        upsert: { target: ["appId", "kind", "day", "subjectId"], merge: { hours: "or" } },
      });
    await env.DB.batch([actives(0b0101), actives(0b0110)]);
    const [active] = await db.select().from(appDailyActives).where(eq(appDailyActives.appId, appId)).all();
    expect(active.hours).toBe(0b0111);
    expect(() => insertRows(env.DB, appDailyActives, [{ appId, day: 3, kind: "end_user", subjectId: "u1", hours: 1 }], { upsert: { target: ["nope"], merge: {} } })).toThrow(/no column nope/);
  });
});
