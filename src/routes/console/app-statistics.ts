// Monitoring for the console: Dify's statistics endpoints per app (same paths and fields), Kiln's
// summary of every KPI, the workspace overview, and the live tail of an app's message log (SSE).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { MESSAGE_SOURCES } from "../../db/conversations";
import type { HonoEnv } from "../../hono-env";
import { SSE_HEADERS } from "../../lib/sse";
import { type TailEvent, tailMessages } from "../../observability/live-tail";
import { parseTimeBound } from "../../observability/periods";
import { resolvePeriod } from "../../observability/statistics";
import { appSummary, DIFY_SERIES_NAMES, type DifySeriesName, difySeries } from "../../observability/statistics-series";
import { WORKFLOW_SERIES_NAMES, type WorkflowSeriesName, workflowSeries, workflowSummary } from "../../observability/workflow-statistics";
import { workspaceOverview } from "../../observability/workspace-statistics";
import { guard, json } from "../access";
import { appParam } from "./apps";

const bound = z
  .string()
  .max(64)
  .optional()
  .transform((v) => (v === "" ? undefined : v));
const periodQuery = z.object({
  start: bound.openapi({ description: "YYYY-MM-DD HH:MM in the timezone (or Unix seconds); inclusive" }),
  end: bound.openapi({ description: "YYYY-MM-DD HH:MM in the timezone (or Unix seconds); exclusive, as Dify" }),
  tz: bound.openapi({ description: "IANA timezone; default: the account's timezone" }),
});

const row = (fields: z.ZodRawShape) => z.object({ data: z.array(z.object({ date: z.string(), ...fields })) });
const int = z.number().int();
const SERIES_SCHEMAS: Record<DifySeriesName, z.ZodType> = {
  "daily-messages": row({ message_count: int }),
  "daily-conversations": row({ conversation_count: int }),
  "daily-end-users": row({ terminal_count: int }),
  "token-costs": row({ token_count: int, total_price: z.string(), currency: z.string() }),
  "average-session-interactions": row({ interactions: z.number() }),
  "user-satisfaction-rate": row({ rate: z.number() }),
  "average-response-time": row({ latency: z.number() }),
  "tokens-per-second": row({ tps: z.number() }),
};

const WORKFLOW_SERIES_SCHEMAS: Record<WorkflowSeriesName, z.ZodType> = {
  "daily-conversations": row({ runs: int }),
  "daily-terminals": row({ terminal_count: int }),
  "token-costs": row({ token_count: int }),
  "average-app-interactions": row({ interactions: z.number() }),
};
const workflowDaySchema = z.object({ date: z.string(), runs: int, terminal_count: int, token_count: int, interactions: z.number() });
const workflowSummarySchema = z
  .object({
    period: z.object({ start: int, end: int, timezone: z.string() }),
    totals: z.object({ runs: int, terminal_count: int, token_count: int }),
    daily: z.array(workflowDaySchema),
  })
  .openapi("WorkflowStatisticsSummary");

const kpiFields = {
  messages: int,
  new_conversations: int,
  interactions: z.number(),
  message_tokens: int,
  answer_tokens: int,
  total_tokens: int,
  total_price: z.string(),
  currency: z.string(),
  average_latency: z.number().nullable(),
  p95_latency: z.number().nullable(),
  average_response_time: z.number().nullable(),
  tokens_per_second: z.number(),
  generation_tokens_per_second: z.number().nullable(),
  likes: int,
  dislikes: int,
  likes_per_1k: z.number(),
  dislikes_per_1k: z.number(),
  errors: int,
  error_rate: z.number(),
  annotation_hits: int,
  annotation_hit_rate: z.number(),
};
const periodSchema = z.object({ start: int, end: int, timezone: z.string() });
const modelSchema = z.object({ provider: z.string(), model: z.string(), messages: int, total_tokens: int, total_price: z.string() });
const summarySchema = z
  .object({
    period: periodSchema,
    totals: z.object({ ...kpiFields, end_users: int, conversations: int }),
    daily: z.array(z.object({ date: z.string(), ...kpiFields, end_users: int, conversations: int, models: z.array(modelSchema) })),
    models: z.array(modelSchema),
  })
  .openapi("AppStatisticsSummary");
const overviewSchema = z
  .object({
    period: periodSchema,
    totals: z.object(kpiFields),
    apps: z.array(
      z.object({ id: z.string(), name: z.string(), mode: z.string(), icon: z.string(), icon_background: z.string(), ...kpiFields }),
    ),
    daily: z.array(
      z.object({ date: z.string(), messages: int, total_tokens: int, total_price: z.string(), errors: int, likes: int, dislikes: int }),
    ),
  })
  .openapi("WorkspaceStatisticsOverview");

/** The log list's time bounds (UTC): Unix seconds, or a whole `YYYY-MM-DD HH:MM` minute. */
const logBound = (edge: "start" | "end") =>
  bound.transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    try {
      const ms = parseTimeBound(raw, "UTC", edge);
      return ms + (edge === "start" ? 0 : /^\d+$/.test(raw.trim()) ? 1000 : 60_000);
    } catch {
      ctx.addIssue({ code: "custom", message: "a Unix time in seconds or YYYY-MM-DD HH:MM" });
      return z.NEVER;
    }
  });

const TAIL_DURATION_MS = 10 * 60_000;
const PING_MS = 15_000;
const encoder = new TextEncoder();

/**
 * Frames the tail as SSE: each message is an event whose `id` is its cursor; a comment carries
 * the cursor every 15 s as a keep-alive, so a reconnecting EventSource resumes where it was.
 */
function tailStream(events: AsyncGenerator<TailEvent>, abort: AbortController): ReadableStream<Uint8Array> {
  let lastWrite = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await events.next().catch((err: unknown) => {
          controller.error(err);
          return null;
        });
        if (!next) return;
        if (next.done) {
          controller.close();
          return;
        }
        const e = next.value;
        let frame = "";
        if (e.type === "message") frame = `id: ${e.cursor}\ndata: ${JSON.stringify(e.message)}\n\n`;
        else if (!started) frame = `retry: 1000\nid: ${e.cursor}\n: tail\n\n`;
        else if (Date.now() - lastWrite >= PING_MS) frame = `id: ${e.cursor}\n: ping\n\n`;
        started = true;
        if (frame) {
          lastWrite = Date.now();
          controller.enqueue(encoder.encode(frame));
          return;
        }
      }
    },
    async cancel() {
      abort.abort();
      await events.return(undefined);
    },
  });
}

export function appStatisticsRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  for (const name of DIFY_SERIES_NAMES) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/apps/{app_id}/statistics/${name}`,
        tags: ["statistics"],
        summary: `Dify's ${name} statistics of the app, one row per local date with data`,
        ...guard("member"),
        request: { params: appParam, query: periodQuery },
        responses: { 200: json(SERIES_SCHEMAS[name]) },
      }),
      async (c) => {
        const period = resolvePeriod(c.req.valid("query"), c.var.session.account.timezone, Date.now());
        return c.json(await difySeries(c.var.wctx, c.req.valid("param").app_id, period, name), 200);
      },
    );
  }

  for (const name of WORKFLOW_SERIES_NAMES) {
    app.openapi(
      createRoute({
        method: "get",
        path: `/apps/{app_id}/workflow/statistics/${name}`,
        tags: ["statistics"],
        summary: `Dify's workflow ${name} statistics of the app (runs from the API and the WebApp), one row per local date with runs`,
        ...guard("member"),
        request: { params: appParam, query: periodQuery },
        responses: { 200: json(WORKFLOW_SERIES_SCHEMAS[name]) },
      }),
      async (c) => {
        const period = resolvePeriod(c.req.valid("query"), c.var.session.account.timezone, Date.now());
        return c.json(await workflowSeries(c.var.wctx, c.req.valid("param").app_id, period, name), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflow/statistics/summary",
      tags: ["statistics"],
      summary: "The app's workflow runs for the period: totals and every local day (runs, callers, tokens, runs per caller)",
      ...guard("member"),
      request: { params: appParam, query: periodQuery },
      responses: { 200: json(workflowSummarySchema) },
    }),
    async (c) => {
      const period = resolvePeriod(c.req.valid("query"), c.var.session.account.timezone, Date.now());
      return c.json(await workflowSummary(c.var.wctx, c.req.valid("param").app_id, period), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/statistics/summary",
      tags: ["statistics"],
      summary: "Every monitoring KPI of the app for the period: totals, per local day and per model",
      ...guard("member"),
      request: { params: appParam, query: periodQuery },
      responses: { 200: json(summarySchema) },
    }),
    async (c) => {
      const period = resolvePeriod(c.req.valid("query"), c.var.session.account.timezone, Date.now());
      return c.json(await appSummary(c.var.wctx, c.req.valid("param").app_id, period), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/statistics/overview",
      tags: ["statistics"],
      summary: "The workspace's monitoring overview: every app's totals and the daily totals for the period",
      ...guard("member"),
      request: { query: periodQuery },
      responses: { 200: json(overviewSchema) },
    }),
    async (c) => {
      const period = resolvePeriod(c.req.valid("query"), c.var.session.account.timezone, Date.now());
      return c.json(await workspaceOverview(c.var.wctx, period), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/logs/tail",
      tags: ["logs"],
      summary:
        "Live tail (SSE) of the app's message log with the list's filters: each new message as an event whose id is the cursor; reconnect with Last-Event-ID",
      ...guard("member"),
      request: {
        params: appParam,
        query: z.object({
          start: logBound("start"),
          end: logBound("end"),
          keyword: z.string().trim().max(200).optional(),
          source: z.enum(MESSAGE_SOURCES).optional(),
          status: z.enum(["normal", "error", "stopped"]).optional(),
          feedback: z.enum(["like", "dislike"]).optional(),
          cursor: z.coerce.number().int().min(0).optional(),
        }),
        headers: z.object({ "last-event-id": z.string().regex(/^\d{1,15}$/).optional() }),
      },
      responses: { 200: { description: "Server-sent events", content: { "text/event-stream": { schema: z.string() } } } },
    }),
    async (c) => {
      const { cursor, ...filters } = c.req.valid("query");
      const lastEventId = c.req.valid("header")["last-event-id"];
      const abort = new AbortController();
      const events = tailMessages(c.var.wctx, c.req.valid("param").app_id, filters, {
        cursor: lastEventId !== undefined ? Number(lastEventId) : cursor,
        signal: abort.signal,
        durationMs: TAIL_DURATION_MS,
      });
      // The first event (the cursor) comes after the app check, so a foreign app is a 404, not a stream.
      const first = await events.next();
      async function* rest(): AsyncGenerator<TailEvent> {
        if (!first.done) yield first.value;
        yield* events;
      }
      return new Response(tailStream(rest(), abort), { headers: SSE_HEADERS });
    },
  );

  return app;
}
