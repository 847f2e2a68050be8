// Monitoring statistics through the console API: Dify's eight daily series and Kiln's summary,
// checked against known numbers and against aggregates computed straight from the messages table
// (whole days, a period that starts and ends inside hours, a half-hour timezone), ratings that
// change, the rebuild from messages, bad input, another workspace, and the live tail (SSE).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { endUserFor } from "../../src/apps/end-users";
import { LATENCY_BOUNDS, latencyBucket } from "../../src/observability/latency-buckets";
import { rebuildRollups } from "../../src/observability/rollups";
import { callJson, call } from "../support/console";
import { eventually, newFakeApp, newOwner, newServiceApp, rows, scriptFake, type ServiceApp, v1 } from "../support/apps";

let app: ServiceApp & { apiKey: string; provider: string };
let token: string;
const ids: Record<string, string> = {};
const STATS = (appId: string) => `/console/api/apps/${appId}/statistics`;

const pad = (n: number) => String(n).padStart(2, "0");
/** Dify's `YYYY-MM-DD HH:MM` of an instant, in UTC shifted by `offsetMin`. */
const wall = (ms: number, offsetMin = 0) => {
  const d = new Date(ms + offsetMin * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

async function chat(user: string, query: string, conversationId = "") {
  const r = await v1(app.key, "POST", "/chat-messages", {
    body: { inputs: {}, query, user, response_mode: "blocking", conversation_id: conversationId },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { message_id: string; conversation_id: string };
}

async function rate(user: string, messageId: string, rating: "like" | "dislike" | null) {
  const r = await v1(app.key, "POST", `/messages/${messageId}/feedbacks`, { body: { rating, user } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function get(path: string, t = token) {
  return callJson("GET", path, { token: t });
}

async function stats(name: string, qs: string, appId = app.appId, t = token) {
  const r = await get(`${STATS(appId)}/${name}?${qs}`, t);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as Record<string, any>[];
}

beforeAll(async () => {
  app = await newFakeApp();
  token = app.owner.token;
  // alice: one conversation of three messages; bob: one message; carol: two conversations, one
  // of which fails at the provider; plus one debugger message, which statistics leave out.
  const a1 = await chat("alice", "alpha one");
  const a2 = await chat("alice", "alpha two", a1.conversation_id);
  const a3 = await chat("alice", "alpha three", a1.conversation_id);
  const b1 = await chat("bob", "beta one");
  const c1 = await chat("carol", "gamma one");
  await scriptFake(app.apiKey, { fail_next: [{ status: 500 }] });
  const failed = await v1(app.key, "POST", "/chat-messages", {
    body: { inputs: {}, query: "gamma broken", user: "carol", response_mode: "blocking" },
  });
  expect(failed.status).toBeGreaterThanOrEqual(400);
  const debug = await callJson("POST", `/console/api/apps/${app.appId}/chat-messages`, {
    token,
    body: { inputs: {}, query: "debugger question", response_mode: "blocking" },
  });
  expect(debug.status).toBe(200);
  Object.assign(ids, { a1: a1.message_id, a2: a2.message_id, a3: a3.message_id, b1: b1.message_id, c1: c1.message_id });

  // Ratings that change: a1 like → dislike; a2 dislike → withdrawn; a3 like; b1 like by bob and by
  // a member (two feedback rows, as Dify counts them); c1 dislike.
  await rate("alice", ids.a1, "like");
  await rate("alice", ids.a2, "dislike");
  await rate("alice", ids.a3, "like");
  await rate("alice", ids.a1, "dislike");
  await rate("alice", ids.a2, null);
  await rate("bob", ids.b1, "like");
  await rate("carol", ids.c1, "dislike");
  const admin = await callJson("POST", `/console/api/apps/${app.appId}/feedbacks`, {
    token,
    body: { message_id: ids.b1, rating: "like" },
  });
  expect(admin.status).toBe(200);
  await eventually(async () => (await rows("SELECT 1 FROM messages WHERE app_id = ?", app.appId)).length === 7);
});

// A whole-day window around now (UTC), which every message falls into.
const dayStart = () => Math.floor(Date.now() / 86_400_000) * 86_400_000;
const wholeDays = () => `start=${encodeURIComponent(wall(dayStart() - 86_400_000))}&end=${encodeURIComponent(wall(dayStart() + 2 * 86_400_000))}`;

/** Dify's SQL for each series, in SQLite over [start, end) ms, dates shifted by `offsetSec`. */
async function expected(name: string, start: number, end: number, offsetSec = 0, appId = app.appId) {
  const date = (col: string) => `date(${col} / 1000 + ${offsetSec}, 'unixepoch')`;
  const where = (m: string) => `${m}.app_id = ? AND ${m}.from_source != 'debugger' AND ${m}.created_at >= ? AND ${m}.created_at < ?`;
  const args = [appId, start, end];
  const q: Record<string, string> = {
    "daily-messages": `SELECT ${date("m.created_at")} AS date, COUNT(*) AS message_count FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "daily-conversations": `SELECT ${date("m.created_at")} AS date, COUNT(DISTINCT m.conversation_id) AS conversation_count FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "daily-end-users": `SELECT ${date("m.created_at")} AS date, COUNT(DISTINCT m.end_user_id) AS terminal_count FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "token-costs": `SELECT ${date("m.created_at")} AS date, SUM(m.message_tokens) + SUM(m.answer_tokens) AS token_count, printf('%.7f', SUM(m.total_price)) AS total_price, 'USD' AS currency FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "average-session-interactions": `SELECT ${date("c.created_at")} AS date, ROUND(AVG(n), 2) AS interactions FROM (SELECT m.conversation_id, COUNT(m.id) AS n FROM conversations c JOIN messages m ON c.id = m.conversation_id WHERE c.app_id = ? AND m.from_source != 'debugger' AND c.created_at >= ? AND c.created_at < ? GROUP BY m.conversation_id) s JOIN conversations c ON c.id = s.conversation_id GROUP BY 1 ORDER BY 1`,
    // Dify's COUNT(m.id) counts a message liked by its user and by a member twice; Kiln counts it once.
    "user-satisfaction-rate": `SELECT ${date("m.created_at")} AS date, ROUND(COUNT(mf.id) * 1000.0 / COUNT(DISTINCT m.id), 2) AS rate FROM messages m LEFT JOIN message_feedbacks mf ON mf.message_id = m.id AND mf.rating = 'like' WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "average-response-time": `SELECT ${date("m.created_at")} AS date, ROUND(AVG(m.provider_latency) * 1000, 4) AS latency FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
    "tokens-per-second": `SELECT ${date("m.created_at")} AS date, CASE WHEN SUM(m.provider_latency) = 0 THEN 0 ELSE ROUND(SUM(m.answer_tokens) / SUM(m.provider_latency), 4) END AS tps FROM messages m WHERE ${where("m")} GROUP BY 1 ORDER BY 1`,
  };
  return rows(q[name], ...args);
}

const SERIES = [
  "daily-messages",
  "daily-conversations",
  "daily-end-users",
  "token-costs",
  "average-session-interactions",
  "user-satisfaction-rate",
  "average-response-time",
  "tokens-per-second",
];

/** Float fields compared to 4 decimals (sums may add up in another order); the rest exactly. */
function expectSameRows(actual: Record<string, any>[], want: Record<string, any>[]) {
  expect(actual.length).toBe(want.length);
  actual.forEach((row, i) => {
    for (const [k, v] of Object.entries(want[i])) {
      if (typeof v === "number" && !Number.isInteger(v)) expect(row[k], k).toBeCloseTo(v, 3);
      else expect(row[k], k).toEqual(v);
    }
  });
}

describe("Dify's statistics endpoints", () => {
  it("count the messages, conversations, end users, tokens, ratings and timings of the period", async () => {
    const qs = wholeDays();
    const total = (data: Record<string, any>[], field: string) => data.reduce((n, r) => n + Number(r[field]), 0);
    // Known numbers first, so the comparison with SQL below cannot pass on empty results.
    expect(total(await stats("daily-messages", qs), "message_count")).toBe(6);
    expect(total(await stats("daily-conversations", qs), "conversation_count")).toBe(4);
    expect(total(await stats("daily-end-users", qs), "terminal_count")).toBe(3);
    const costs = await stats("token-costs", qs);
    expect(total(costs, "token_count")).toBeGreaterThan(0);
    expect(Number(costs[0].total_price)).toBeGreaterThan(0);
    expect(costs[0].currency).toBe("USD");
    // Likes on the period's six messages: a3 (alice) and b1 (bob and a member) → 3 per 6 messages.
    const likes = (await rows("SELECT COUNT(*) AS n FROM message_feedbacks WHERE app_id = ? AND rating = 'like'", app.appId))[0].n;
    expect(likes).toBe(3);
    expect((await stats("user-satisfaction-rate", qs)).map((r) => r.rate)).toEqual([500]);
    expect((await stats("average-session-interactions", qs)).map((r) => r.interactions)).toEqual([1.5]);
    expect((await stats("tokens-per-second", qs))[0].tps).toBeGreaterThan(0);
  });

  it("agree with Dify's SQL over the messages for whole days", async () => {
    const start = dayStart() - 86_400_000;
    const end = dayStart() + 2 * 86_400_000;
    for (const name of SERIES) {
      const want = await expected(name, start, end);
      expect(want.length, name).toBeGreaterThan(0);
      expectSameRows(await stats(name, wholeDays()), want);
    }
  });

  it("agree for periods that start and end inside hours (leftover minutes are read from messages)", async () => {
    const first = (await rows("SELECT MIN(created_at) AS t FROM messages WHERE app_id = ?", app.appId))[0].t as number;
    const hour = Math.floor(first / 3_600_000) * 3_600_000;
    const periods = [
      // Only leftover minutes: from the first message's minute to just after now.
      [Math.floor(first / 60_000) * 60_000, Math.floor(Date.now() / 60_000) * 60_000 + 120_000],
      // Leftover minutes on both sides of whole hours.
      [hour - 30 * 60_000, Math.floor(Date.now() / 3_600_000) * 3_600_000 + 90 * 60_000],
    ];
    for (const [start, end] of periods) {
      const qs = `start=${encodeURIComponent(wall(start))}&end=${encodeURIComponent(wall(end))}`;
      for (const name of SERIES) {
        const want = await expected(name, start, end);
        expect(want.length, name).toBeGreaterThan(0);
        expectSameRows(await stats(name, qs), want);
      }
    }
  });

  it("group by local dates in the timezone asked for, half-hour offsets included", async () => {
    const offset = 330; // Asia/Kolkata, UTC+05:30, no daylight saving
    const start = dayStart() - 86_400_000 - offset * 60_000;
    const end = dayStart() + 2 * 86_400_000 - offset * 60_000;
    const qs = `start=${encodeURIComponent(wall(start, offset))}&end=${encodeURIComponent(wall(end, offset))}&tz=Asia/Kolkata`;
    for (const name of SERIES) {
      const want = await expected(name, start, end, offset * 60);
      expect(want.length, name).toBeGreaterThan(0);
      expectSameRows(await stats(name, qs), want);
    }
  });
});

describe("summary", () => {
  it("reports every KPI for the period, per day and per model", async () => {
    const r = await get(`${STATS(app.appId)}/summary?${wholeDays()}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const t = r.body.totals;
    expect(t).toMatchObject({
      messages: 6,
      new_conversations: 4,
      conversations: 4,
      end_users: 3,
      interactions: 1.5,
      likes: 3,
      dislikes: 2,
      likes_per_1k: 500,
      dislikes_per_1k: 333.33,
      errors: 1,
      error_rate: 0.1667,
      annotation_hits: 0,
      currency: "USD",
    });
    const sums = (
      await rows(
        "SELECT SUM(message_tokens + answer_tokens) AS tokens, SUM(latency) AS latency, COUNT(*) AS n FROM messages WHERE app_id = ? AND from_source != 'debugger'",
        app.appId,
      )
    )[0];
    expect(t.total_tokens).toBe(sums.tokens);
    expect(t.average_latency).toBeCloseTo((sums.latency / sums.n) * 1000, 1);
    // p95 comes from the histogram: inside the log-spaced bucket that holds the true one.
    const latencies = (
      await rows("SELECT latency FROM messages WHERE app_id = ? AND from_source != 'debugger' ORDER BY latency", app.appId)
    ).map((x) => x.latency as number);
    const b = latencyBucket(latencies[Math.ceil(0.95 * latencies.length) - 1]);
    expect(t.p95_latency).toBeGreaterThan(0);
    expect(t.p95_latency).toBeGreaterThanOrEqual(b === 0 ? 0 : LATENCY_BOUNDS[b - 1] * 1000);
    expect(t.p95_latency).toBeLessThanOrEqual((LATENCY_BOUNDS[b] ?? Number.POSITIVE_INFINITY) * 1000);
    expect(r.body.models).toEqual([
      expect.objectContaining({ provider: app.provider, model: "gpt-4o-mini", messages: 6, total_tokens: sums.tokens }),
    ]);
    expect(r.body.daily).toHaveLength(3);
    expect(r.body.daily.reduce((n: number, d: any) => n + d.messages, 0)).toBe(6);
  });

  it("the workspace overview lists every app with its totals", async () => {
    const second = await newServiceApp(app.owner, { name: "Quiet app" });
    const r = await get(`/console/api/statistics/overview?${wholeDays()}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.apps).toEqual([
      expect.objectContaining({ id: app.appId, messages: 6, errors: 1, likes: 3, dislikes: 2 }),
      expect.objectContaining({ id: second.appId, messages: 0 }),
    ]);
    expect(r.body.totals.messages).toBe(6);
    expect(r.body.daily.reduce((n: number, d: any) => n + d.messages, 0)).toBe(6);
  });
});

describe("rebuildRollups", () => {
  it("recomputes the same numbers from the messages as the roll-ups kept on write", async () => {
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const name of [...SERIES, "summary"]) out[name] = (await get(`${STATS(app.appId)}/${name}?${wholeDays()}`)).body;
      return out;
    };
    const onWrite = await snapshot();
    const before = await rows("SELECT COUNT(*) AS n FROM app_hourly_stats WHERE app_id = ?", app.appId);
    expect(before[0].n).toBeGreaterThan(0);
    await rebuildRollups(app.owner.wctx, app.appId);
    expect(await snapshot()).toEqual(onWrite);
  });
});

describe("returning end users and conversations across days", () => {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  let other: ServiceApp & { apiKey: string; provider: string };
  const users: Record<string, string> = {};
  const conversations = new Map<string, string>();
  const conversation = (who: string, daysAgo: number) => {
    const key = `${who}-${daysAgo}`;
    if (!conversations.has(key)) conversations.set(key, crypto.randomUUID());
    return conversations.get(key)!;
  };

  /** A logged message written straight into D1, as if it had been answered days ago. */
  function historical(who: string, conversationId: string, at: number, n: number, isFirst: boolean) {
    const statements = [
      env.DB.prepare(
        `INSERT INTO messages (id, workspace_id, app_id, conversation_id, task_id, from_source, end_user_id, config_version, query, answer,
          provider, model, message_tokens, answer_tokens, total_price, time_to_first_token, provider_latency, latency, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'api', ?, 1, ?, 'old answer', ?, 'gpt-4o-mini', ?, ?, ?, 0.2, ?, ?, ?, ?, ?)`,
      ).bind(
        `hist-${who}-${at}`,
        other.owner.workspaceId,
        other.appId,
        conversationId,
        `task-${who}-${at}`,
        users[who],
        `old question ${n}`,
        other.provider,
        40 + n,
        10 + n,
        (40 + n) * 1.5e-7,
        0.3 + n / 100,
        0.35 + n / 90,
        n % 7 === 0 ? "error" : "normal",
        at,
        at,
      ),
    ];
    if (isFirst) {
      statements.push(
        env.DB.prepare(
          `INSERT INTO conversations (id, workspace_id, app_id, mode, from_source, end_user_id, name, inputs, message_count, created_at, updated_at)
           VALUES (?, ?, ?, 'chat', 'api', ?, 'old', '{}', 1, ?, ?)`,
        ).bind(conversationId, other.owner.workspaceId, other.appId, users[who], at, at),
      );
    }
    return statements;
  }

  beforeAll(async () => {
    other = await newFakeApp();
    for (const who of ["carol", "dave", "erin", "frank"]) users[who] = (await endUserFor(other.appId, "service_api", who)).id;
    const midnight = Math.floor(Date.now() / DAY) * DAY;
    // [who, days ago, UTC hour]: carol every few days, dave four days running and once at 02:30
    // UTC (the evening before in UTC−5), erin twice on one UTC day that UTC−5 splits in two.
    const activity: [string, number, number][] = [
      ["carol", 10, 9],
      ["carol", 7, 14],
      ["carol", 3, 23.5],
      ["dave", 12, 1],
      ["dave", 11, 12],
      ["dave", 10, 12],
      ["dave", 9, 22],
      ["dave", 2, 2.5],
      ["erin", 5, 2],
      ["erin", 5, 20],
    ];
    const statements = activity.flatMap(([who, daysAgo, hour], n) =>
      // erin's two messages of one UTC day are one conversation.
      historical(who, conversation(who, daysAgo), midnight - daysAgo * DAY + hour * HOUR, n, !(who === "erin" && hour === 20)),
    );
    // dave's conversation of 9 days ago goes on the next day: it counts toward the day it started.
    statements.push(...historical("dave", conversation("dave", 9), midnight - 8 * DAY + 3 * HOUR, 11, false));
    await env.DB.batch(statements);
    await rebuildRollups(other.owner.wctx, other.appId);

    // Today, through the Service API: carol returns after three days and follows up her old
    // conversation, frank is new.
    for (const [user, query, conversationId] of [
      ["carol", "back again", ""],
      ["carol", "about that answer", conversation("carol", 3)],
      ["frank", "first time", ""],
    ]) {
      const r = await v1(other.key, "POST", "/chat-messages", {
        body: { inputs: {}, query, user, response_mode: "blocking", conversation_id: conversationId },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });

  const window = (offsetMin: number) => {
    const midnight = Math.floor(Date.now() / DAY) * DAY;
    const start = midnight - 13 * DAY - offsetMin * 60_000;
    const end = midnight + DAY - offsetMin * 60_000;
    return { start, end, qs: `start=${encodeURIComponent(wall(start, offsetMin))}&end=${encodeURIComponent(wall(end, offsetMin))}` };
  };

  it.each([
    ["UTC", 0],
    ["Etc/GMT+5", -300],
  ])("agree with Dify's SQL day by day in %s", async (tz, offsetMin) => {
    const { start, end, qs } = window(offsetMin);
    for (const name of SERIES) {
      const want = await expected(name, start, end, offsetMin * 60, other.appId);
      expect(want.length, name).toBeGreaterThan(1);
      expectSameRows(await stats(name, `${qs}&tz=${encodeURIComponent(tz)}`, other.appId, other.owner.token), want);
    }
  });

  it.each([
    ["UTC", 14, 0],
    ["Etc/GMT+5", 14, -300],
    ["UTC", 4, 0],
  ])("count each end user and conversation once over the period in %s over %i days", async (tz, days, offsetMin) => {
    const w = window(offsetMin);
    const start = w.end - days * DAY;
    const qs = `start=${encodeURIComponent(wall(start, offsetMin))}&end=${encodeURIComponent(wall(w.end, offsetMin))}&tz=${encodeURIComponent(tz)}`;
    const r = await get(`${STATS(other.appId)}/summary?${qs}`, other.owner.token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [want] = await rows(
      `SELECT COUNT(DISTINCT end_user_id) AS users, COUNT(DISTINCT conversation_id) AS conversations, COUNT(*) AS messages
       FROM messages WHERE app_id = ? AND from_source != 'debugger' AND created_at >= ? AND created_at < ?`,
      other.appId,
      start,
      w.end,
    );
    expect(want.users).toBeGreaterThan(1);
    expect(r.body.totals).toMatchObject({ end_users: want.users, conversations: want.conversations, messages: want.messages });
  });

  it("rebuilds to the same numbers after returning users logged on write", async () => {
    const paths = [...SERIES, "summary"].flatMap((name) =>
      [0, -300].map((offset) => `${STATS(other.appId)}/${name}?${window(offset).qs}&tz=${offset ? "Etc%2FGMT%2B5" : "UTC"}`),
    );
    const snapshot = async () =>
      Promise.all(
        paths.map(async (p) => {
          const r = await get(p, other.owner.token);
          expect(r.status, p).toBe(200);
          return r.body;
        }),
      );
    const gaps = () =>
      rows("SELECT kind, span, at, gap, subjects FROM app_active_gaps WHERE app_id = ? ORDER BY kind, span, at, gap", other.appId);
    const onWrite = await snapshot();
    const gapsOnWrite = await gaps();
    // carol's return today is three days after her last visit.
    expect(gapsOnWrite).toContainEqual({ kind: "end_user", span: "day", at: Math.floor(Date.now() / DAY), gap: 3, subjects: 1 });
    await rebuildRollups(other.owner.wctx, other.appId);
    expect(await gaps()).toEqual(gapsOnWrite);
    expect(await snapshot()).toEqual(onWrite);
  });
});

describe("bad input", () => {
  it.each([
    ["a malformed start", "start=2024-13-01%2000:00"],
    ["a start that is not a date", "start=yesterday"],
    ["a malformed end", "end=2024-02-30%2010:00"],
    ["an end before the start", "start=2024-03-02%2000:00&end=2024-03-01%2000:00"],
    ["a period longer than 366 days", "start=2023-01-01%2000:00&end=2024-01-03%2000:00"],
    ["an unknown timezone", "tz=Mars/Olympus"],
  ])("answers 400 invalid_param for %s", async (_what, qs) => {
    for (const path of [`${STATS(app.appId)}/daily-messages`, `${STATS(app.appId)}/summary`, "/console/api/statistics/overview"]) {
      const r = await get(`${path}?${qs}`);
      expect(r.status, path).toBe(400);
      expect(r.body.code).toBe("invalid_param");
    }
  });

  it("answers 404 for another workspace's app", async () => {
    const stranger = await newOwner();
    for (const name of [...SERIES, "summary"]) {
      const r = await get(`${STATS(app.appId)}/${name}`, stranger.token);
      expect(r.status, name).toBe(404);
    }
    expect((await get(`/console/api/apps/${app.appId}/logs/tail`, stranger.token)).status).toBe(404);
    // The app check shares the queries' batch; an id that is not an app (quotes and all) is 404 too.
    for (const id of ["no-such-app", `${app.appId}' OR '1'='1`]) {
      const r = await get(`${STATS(encodeURIComponent(id))}/summary`);
      expect(r.status, id).toBe(404);
      expect(r.body.code).toBe("not_found");
    }
  });
});

/** Reads SSE frames from a streaming body until `until` matches one (or times out). */
async function readFrames(reader: ReadableStreamDefaultReader<Uint8Array>, until: (frame: string) => boolean, timeoutMs = 8000) {
  const decoder = new TextDecoder();
  let buffer = "";
  const frames: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    const parts = buffer.split("\n\n");
    buffer = parts.pop() ?? "";
    frames.push(...parts);
    if (parts.some(until)) return frames;
  }
  throw new Error(`no matching frame in: ${JSON.stringify(frames)}`);
}

const dataOf = (frame: string) => JSON.parse(frame.split("\n").find((l) => l.startsWith("data: "))!.slice(6));

describe("live tail", () => {
  it("streams each new message as it is logged, with the log list's filters", async () => {
    const res = await call("GET", `/console/api/apps/${app.appId}/logs/tail?keyword=tailed`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const opening = await readFrames(reader, (f) => f.includes(": tail"));
    const cursor = Number(opening[0].match(/^id: (\d+)/m)?.[1]);
    expect(cursor).toBeGreaterThan(0);

    await chat("dave", "not for this tail");
    const sent = await chat("dave", "a tailed question");
    const frames = await readFrames(reader, (f) => f.includes("data: "));
    const messages = frames.filter((f) => f.includes("data: ")).map(dataOf);
    expect(messages.map((m) => m.query)).toEqual(["a tailed question"]);
    expect(messages[0]).toMatchObject({ id: sent.message_id, from_source: "api", from_end_user_session_id: "dave", status: "normal" });
    const id = Number(frames.find((f) => f.includes("data: "))!.match(/^id: (\d+)/m)?.[1]);
    expect(id).toBeGreaterThan(cursor);
    await reader.cancel();

    // Reconnecting with Last-Event-ID resumes after that cursor: both messages since `cursor`.
    const again = await call("GET", `/console/api/apps/${app.appId}/logs/tail`, { token, headers: { "last-event-id": String(cursor) } });
    const resumed = await readFrames(again.body!.getReader(), (f) => f.includes("a tailed question"));
    expect(resumed.filter((f) => f.includes("data: ")).map((f) => dataOf(f).query)).toEqual(["not for this tail", "a tailed question"]);
    await again.body!.cancel().catch(() => {});
  });
});
