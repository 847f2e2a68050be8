// Workflow monitoring through the console API: Dify's four workflow series and Kiln's summary,
// counted from real WebApp runs plus runs placed at known times (local days in a timezone ahead
// of UTC), debugger runs left out, Dify's mode rule for the average, bad input, another workspace.
import { describe, expect, it } from "vitest";
import { newOwner, rows } from "../support/apps";
import { call, callJson } from "../support/console";
import { CHATFLOW_GRAPH, newWorkflowApp, theOwner, tokenFor } from "./webapp-workflow-helpers";

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const utcDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** Copies a real run of the app to another time, caller, token count and trigger. */
async function placeRun(appId: string, at: number, caller: string, tokens: number, triggeredFrom = "app-run") {
  const [source] = await rows<{ id: string }>("SELECT id FROM workflow_runs WHERE app_id = ? LIMIT 1", appId);
  const columns = (await rows<{ name: string }>("SELECT name FROM pragma_table_info('workflow_runs')")).map((c) => c.name);
  const values = columns.map((c) =>
    c === "id" ? "?1" : c === "created_at" ? "?2" : c === "created_by" ? "?3" : c === "total_tokens" ? "?4" : c === "triggered_from" ? "?5" : c,
  );
  await rows(
    `INSERT INTO workflow_runs (${columns.join(", ")}) SELECT ${values.join(", ")} FROM workflow_runs WHERE id = ?6`,
    crypto.randomUUID(),
    at,
    caller,
    tokens,
    triggeredFrom,
    source.id,
  );
}

describe("workflow statistics", () => {
  it("counts runs, callers, tokens and runs per caller per local day, without debugger runs", async () => {
    const owner = await theOwner();
    const app = await newWorkflowApp();
    const browsers = [await tokenFor(app.siteCode), await tokenFor(app.siteCode)];
    for (const token of [browsers[0], browsers[0], browsers[1]]) {
      const r = await callJson("POST", "/api/workflows/run", { token, body: { inputs: { topic: "kilns" }, response_mode: "blocking" } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const today = Math.floor(Date.now() / DAY) * DAY;
    // Yesterday 20:00 UTC: still yesterday in UTC, already today in Tokyo (UTC+9).
    await placeRun(app.id, today - 4 * 3_600_000, "caller-x", 40);
    await placeRun(app.id, today - 4 * 3_600_000 + 60_000, "caller-x", 2);
    // Two days ago at noon UTC, and a debugger run that must not count.
    await placeRun(app.id, today - 2 * DAY + 12 * 3_600_000, "caller-y", 5);
    await placeRun(app.id, today - 4 * 3_600_000, "caller-z", 1000, "debugging");

    const start = `${utcDate(today - 2 * DAY)} 00:00`;
    const end = `${utcDate(today + DAY)} 00:00`;
    const path = (name: string, tz = "UTC") => `/console/api/apps/${app.id}/workflow/statistics/${name}?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&tz=${tz}`;
    const get = async (name: string, tz?: string) => {
      const r = await callJson("GET", path(name, tz), { token: owner.token });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };

    const [twoDaysAgo, yesterday, todayDate] = [utcDate(today - 2 * DAY), utcDate(today - DAY), utcDate(today)];
    const [real] = await rows<{ tokens: number }>(
      "SELECT COALESCE(SUM(total_tokens), 0) AS tokens FROM workflow_runs WHERE app_id = ? AND created_at >= ? AND triggered_from = 'app-run'",
      app.id,
      today,
    );
    expect((await get("daily-conversations")).data).toEqual([
      { date: twoDaysAgo, runs: 1 },
      { date: yesterday, runs: 2 },
      { date: todayDate, runs: 3 },
    ]);
    expect((await get("daily-terminals")).data).toEqual([
      { date: twoDaysAgo, terminal_count: 1 },
      { date: yesterday, terminal_count: 1 },
      { date: todayDate, terminal_count: 2 },
    ]);
    expect((await get("token-costs")).data).toEqual([
      { date: twoDaysAgo, token_count: 5 },
      { date: yesterday, token_count: 42 },
      { date: todayDate, token_count: real.tokens },
    ]);
    expect((await get("average-app-interactions")).data).toEqual([
      { date: twoDaysAgo, interactions: 1 },
      { date: yesterday, interactions: 2 },
      { date: todayDate, interactions: 1.5 },
    ]);

    // In Tokyo the 20:00 UTC runs fall on the local today; the period is read in Tokyo time too.
    const tokyo = (await get("daily-conversations", "Asia/Tokyo")).data as { date: string; runs: number }[];
    expect(tokyo.find((d) => d.date === yesterday)).toBeUndefined();
    // Today's three real runs are on Tokyo's today until 15:00 UTC, then on its tomorrow (past the period's end).
    const realOnTokyoToday = Date.now() < today + 15 * 3_600_000 ? 3 : 0;
    expect(tokyo.find((d) => d.date === todayDate)?.runs).toBe(2 + realOnTokyoToday);

    const summary = await get("summary");
    expect(summary.totals).toEqual({ runs: 6, terminal_count: 4, token_count: 47 + real.tokens });
    expect(summary.daily.map((d: { date: string }) => d.date)).toEqual([twoDaysAgo, yesterday, todayDate]);
    expect(summary.daily[1]).toEqual({ date: yesterday, runs: 2, terminal_count: 1, token_count: 42, interactions: 2 });

    // An empty period (start = end) has no days, and still checks the app.
    const empty = `/console/api/apps/${app.id}/workflow/statistics/summary?start=${encodeURIComponent(start)}&end=${encodeURIComponent(start)}&tz=UTC`;
    expect((await callJson("GET", empty, { token: owner.token })).body).toMatchObject({ totals: { runs: 0, terminal_count: 0, token_count: 0 }, daily: [] });
    const stranger = await newOwner();
    expect((await callJson("GET", empty, { token: stranger.token })).status).toBe(404);
  });

  it("answers the average only for workflow apps, refuses bad input and other workspaces", async () => {
    const owner = await theOwner();
    const chatflow = await newWorkflowApp(CHATFLOW_GRAPH, { mode: "advanced-chat" });
    const base = `/console/api/apps/${chatflow.id}/workflow/statistics`;
    expect((await callJson("GET", `${base}/daily-conversations`, { token: owner.token })).body).toEqual({ data: [] });
    expect(await callJson("GET", `${base}/average-app-interactions`, { token: owner.token })).toMatchObject({
      status: 400,
      body: { code: "app_unavailable", status: 400 },
    });
    expect(await callJson("GET", `${base}/summary?tz=Mars/Olympus`, { token: owner.token })).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    expect(await callJson("GET", `${base}/summary?start=yesterday`, { token: owner.token })).toMatchObject({ status: 400 });

    const stranger = await newOwner();
    expect(await callJson("GET", `${base}/daily-conversations`, { token: stranger.token })).toMatchObject({ status: 404 });
    expect(await callJson("GET", `${base}/summary`, { token: stranger.token })).toMatchObject({ status: 404 });
    expect((await call("GET", `${base}/summary`)).status).toBe(401);
  });
});
