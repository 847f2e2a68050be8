// Statistics benchmark: one app with 1,000,000 messages over 90 days (200,000 conversations of
// five messages, 20,000 end users, two models, errors, annotation hits, likes and dislikes),
// seeded straight into Kiln's local D1 with recursive CTEs, roll-ups built by the same SQL the
// Worker's rebuildRollups runs; then p50/p95 of every monitoring endpoint for a 30-day window
// through the console API. Kiln runs on its own port here: seeding needs it stopped.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT, startPlatform, wranglerEnv } from "../../scripts/lib/platform.mjs";
import { percentile } from "./load.mjs";

const MESSAGES = Number(process.env.BENCH_STATS_MESSAGES ?? 1_000_000);
const PER_CONVERSATION = 5;
const END_USERS = 20_000;
const DAYS = 90;
const SAMPLES = Number(process.env.BENCH_STATS_SAMPLES ?? 40);
const round = (n) => Math.round(n * 100) / 100;

/** The roll-up SQL from the Worker's own source (TypeScript, bundled on the fly by esbuild). */
async function rollupSql() {
  const out = await build({
    entryPoints: [join(ROOT, "src/observability/rollup-sql.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
}

function d1(persistDir, file) {
  const started = performance.now();
  const r = spawnSync(join(ROOT, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "-y"], {
    cwd: ROOT,
    encoding: "utf8",
    env: wranglerEnv(persistDir),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`wrangler d1 execute ${file} failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return performance.now() - started;
}

function seedSql({ workspaceId, appId, now }) {
  const conversations = MESSAGES / PER_CONVERSATION;
  const start = now - DAYS * 86_400_000;
  const gap = Math.floor((DAYS * 86_400_000) / conversations);
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  const [ws, app] = [q(workspaceId), q(appId)];
  const series = (n) => `WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < ${n - 1})`;
  // Conversation i starts at start + i*gap; its messages follow a minute apart.
  return [
    `INSERT INTO end_users (id, workspace_id, app_id, type, session_id, is_anonymous, created_at)
${series(END_USERS)} SELECT 'bu-' || k, ${ws}, ${app}, 'service_api', 'bench-user-' || k, 0, ${start} FROM n;`,
    `INSERT INTO conversations (id, workspace_id, app_id, mode, from_source, end_user_id, name, inputs, message_count, created_at, updated_at)
${series(conversations)} SELECT 'bc-' || k, ${ws}, ${app}, 'chat', 'api', 'bu-' || (k * 7919 % ${END_USERS}), 'Bench conversation', '{}', ${PER_CONVERSATION},
  ${start} + k * ${gap}, ${start} + k * ${gap} + ${(PER_CONVERSATION - 1) * 60_000} FROM n;`,
    `INSERT INTO messages (id, workspace_id, app_id, conversation_id, task_id, from_source, end_user_id, config_version, query, answer,
  provider, model, message_tokens, answer_tokens, message_price, answer_price, total_price, time_to_first_token, provider_latency, latency,
  status, error, reply_source, created_at, updated_at)
SELECT 'bm-' || k, ${ws}, ${app}, 'bc-' || c, 'bt-' || k, 'api', 'bu-' || (c * 7919 % ${END_USERS}), 1, 'bench question ' || k, 'bench answer',
  'compat_bench', model, mt, at, mt * mp, at * ap, mt * mp + at * ap, ttft, ttft + gen, ttft + gen + 0.05,
  CASE WHEN k % 50 = 0 THEN 'error' ELSE 'normal' END, CASE WHEN k % 50 = 0 THEN 'bench failure' END,
  CASE WHEN k % 40 = 0 THEN 'annotation' ELSE 'model' END, t, t
FROM (
  SELECT k, k / ${PER_CONVERSATION} AS c, ${start} + (k / ${PER_CONVERSATION}) * ${gap} + (k % ${PER_CONVERSATION}) * 60000 AS t,
    CASE WHEN (k / ${PER_CONVERSATION}) % 3 = 0 THEN 'gpt-4o' ELSE 'gpt-4o-mini' END AS model,
    CASE WHEN (k / ${PER_CONVERSATION}) % 3 = 0 THEN 0.0000025 ELSE 0.00000015 END AS mp,
    CASE WHEN (k / ${PER_CONVERSATION}) % 3 = 0 THEN 0.00001 ELSE 0.0000006 END AS ap,
    60 + (k * 37 % 400) AS mt, 20 + (k * 53 % 300) AS at,
    0.15 + (k * 13 % 100) / 200.0 AS ttft, 0.4 + (k * 29 % 1000) / 250.0 AS gen
  FROM (${series(MESSAGES)} SELECT k FROM n)
);`,
    `INSERT INTO message_feedbacks (id, workspace_id, app_id, conversation_id, message_id, rating, from_source, end_user_id, created_at, updated_at)
SELECT 'bf-' || m.id, m.workspace_id, m.app_id, m.conversation_id, m.id, CASE WHEN CAST(substr(m.id, 4) AS INTEGER) % 97 = 0 THEN 'dislike' ELSE 'like' END,
  'user', m.end_user_id, m.created_at, m.created_at
FROM messages m WHERE m.app_id = ${app} AND (CAST(substr(m.id, 4) AS INTEGER) % 31 = 0 OR CAST(substr(m.id, 4) AS INTEGER) % 97 = 0);`,
  ];
}

async function console_(kiln) {
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const headers = { authorization: `Bearer ${login.data.access_token}`, "content-type": "application/json" };
  return async (method, path, body) => {
    const res = await fetch(`${kiln.url}/console/api${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

const pad = (n) => String(n).padStart(2, "0");
const wall = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/** `YYYY-MM-DD HH:MM` of an instant in a timezone. */
function wallIn(ms, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export async function benchStatistics({ state, vars = {}, quiet = {} }) {
  const persistDir = join(state, "stats");
  const port = 8799;
  let kiln = await startPlatform({ port, persistDir, vars, ...quiet });
  let call = await console_(kiln);
  const app = await call("POST", "/apps", { name: "Bench statistics", mode: "chat" });
  const workspace = await call("GET", "/workspaces/current");
  await kiln.stop();

  const now = Date.now();
  const seedFile = join(state, "stats-seed.sql");
  writeFileSync(seedFile, seedSql({ workspaceId: workspace.id, appId: app.id, now }).join("\n"));
  const seedMs = d1(persistDir, seedFile);
  const { rebuildRollupsSql } = await rollupSql();
  const rollupFile = join(state, "stats-rollups.sql");
  writeFileSync(rollupFile, rebuildRollupsSql(app.id).map((s) => `${s};`).join("\n"));
  const rollupMs = d1(persistDir, rollupFile);

  kiln = await startPlatform({ port, persistDir, vars, ...quiet });
  call = await console_(kiln);
  try {
    // "Last 30 days" as Dify's dashboard asks: from midnight 29 days ago to now, in UTC and in a
    // timezone whose days straddle two UTC days.
    const results = [];
    for (const tz of ["UTC", "America/New_York"]) {
      const today = wallIn(now, tz).slice(0, 10);
      const start = `${wall(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).slice(0, 10)} 00:00`;
      const qs = `start=${encodeURIComponent(start)}&end=${encodeURIComponent(wallIn(now, tz))}&tz=${encodeURIComponent(tz)}`;
      results.push(await measure(call, app.id, qs, tz, { seedMs, rollupMs }));
    }
    return results;
  } finally {
    await kiln.stop();
  }
}

async function measure(call, appId, qs, tz, build) {
  const endpoints = [
    "daily-messages",
    "daily-conversations",
    "daily-end-users",
    "token-costs",
    "average-session-interactions",
    "user-satisfaction-rate",
    "average-response-time",
    "tokens-per-second",
    "summary",
  ].map((name) => ({ name, path: `/apps/${appId}/statistics/${name}?${qs}` }));
  endpoints.push({ name: "overview", path: `/statistics/overview?${qs}` });
  // For scale, what the machine charges any request: the cheapest authenticated read, and the
  // app's own detail (session, then the app and its config from D1).
  const baselines = [
    { name: "baseline_account_profile", path: "/account/profile" },
    { name: "baseline_app_detail", path: `/apps/${appId}` },
  ];
  const all = [...endpoints, ...baselines];
  const summary = await call("GET", `/apps/${appId}/statistics/summary?${qs}`);
  const samples = Object.fromEntries(all.map((e) => [e.name, []]));
  for (const e of all) for (let i = 0; i < 3; i++) await call("GET", e.path);
  // Round robin, so every endpoint sees the same machine conditions.
  for (let i = 0; i < SAMPLES; i++) {
    for (const e of all) {
      const t0 = performance.now();
      await call("GET", e.path);
      samples[e.name].push(performance.now() - t0);
    }
  }
  const figures = {};
  for (const [name, list] of Object.entries(samples)) {
    list.sort((a, b) => a - b);
    figures[name] = { p50_ms: round(percentile(list, 50)), p95_ms: round(percentile(list, 95)) };
  }
  const worst = Math.max(...endpoints.map((e) => figures[e.name].p95_ms));
  return {
    name: `statistics_charts_30d_${tz === "UTC" ? "utc" : "new_york"}`,
    description: `every monitoring endpoint for the last 30 days in ${tz}, one app with ${MESSAGES.toLocaleString("en")} messages over ${DAYS} days, roll-ups built by rebuildRollups' SQL`,
    messages: MESSAGES,
    window_messages: summary.totals.messages,
    window_end_users: summary.totals.end_users,
    seed_ms: Math.round(build.seedMs),
    rollup_build_ms: Math.round(build.rollupMs),
    samples_per_endpoint: SAMPLES,
    endpoints: figures,
    worst_p95_ms: worst,
    target: { p95_ms: 100 },
  };
}
