// Workflow apps through the Service API (Dify's paths): run the published workflow (blocking or
// streaming), read a run, stop one by task id, and the app's workflow logs.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { stopTask } from "../../apps/tasks";
import type { HonoEnv } from "../../hono-env";
import { KilnError } from "../../lib/errors";
import { sseResponse } from "../../lib/sse";
import { isWorkflowMode } from "../../workflow/content";
import { recordedRunFrames, resumableRun, serviceRunDetail, workflowLogs } from "../../workflow/run-records";
import { runPublished } from "../../workflow/run-app";
import { collectWorkflowRun, streamWorkflowRun } from "../../workflow/transport";
import { errorSchema, json, resultSchema } from "../access";
import { pythonJsonResponse } from "../run-transport";
import { endUserOf, requiredUser, serviceAccess, serviceErrorResponses } from "./access";

// Dify checks the app's mode before it reads the body, so a wrong route wins over bad fields.
const workflowAppOnly = createMiddleware<HonoEnv>(async (c, next) => {
  if (c.var.service.app.mode !== "workflow") {
    throw new KilnError("not_workflow_app", 400, "Please check if your app mode matches the right API route.");
  }
  await next();
});

const workflowAccess = (options: { runs?: boolean } = {}) => {
  const access = serviceAccess(options);
  return { ...access, middleware: [...access.middleware, workflowAppOnly] };
};

const runBody = z
  .object({
    inputs: z.record(z.string(), z.unknown(), { error: "Field required" }),
    response_mode: z.enum(["blocking", "streaming"]).nullish().openapi({ description: "absent means blocking" }),
    user: requiredUser,
    files: z.array(z.looseObject({})).max(50).nullish(),
  })
  .openapi("WorkflowRunRequest");

const blockingSchema = z
  .object({
    task_id: z.string(),
    workflow_run_id: z.string(),
    data: z.object({
      id: z.string(),
      workflow_id: z.string(),
      status: z.string(),
      outputs: z.record(z.string(), z.unknown()),
      error: z.string().nullable(),
      elapsed_time: z.number(),
      total_tokens: z.number().int(),
      total_steps: z.number().int(),
      created_at: z.number().int(),
      finished_at: z.number().int().nullable(),
      paused_nodes: z.array(z.string()).optional().openapi({ description: "A paused run: the Human Input nodes it waits on" }),
      reasons: z.array(z.looseObject({})).optional().openapi({ description: "A paused run: each form (human_input_required data)" }),
    }),
  })
  .openapi("WorkflowRunResponse");

const nullable = <T extends z.ZodType>(t: T) => t.nullable();
const runDetailSchema = z
  .object({
    id: nullable(z.string()),
    workflow_id: nullable(z.string()),
    status: nullable(z.string()),
    inputs: nullable(z.string()).openapi({ description: "JSON text, as Dify sends it" }),
    outputs: nullable(z.string()).openapi({ description: "JSON text, as Dify sends it" }),
    error: nullable(z.string()),
    total_steps: nullable(z.number().int()),
    total_tokens: nullable(z.number().int()),
    created_at: nullable(z.number().int()),
    finished_at: nullable(z.number().int()),
    elapsed_time: nullable(z.number()),
  })
  .openapi("ServiceWorkflowRun");

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time")
  .transform((s) => Date.parse(s));

const logsQuery = z.object({
  keyword: z.string().max(500).optional(),
  status: z.enum(["succeeded", "failed", "stopped"]).optional(),
  created_at__before: isoTime.optional(),
  created_at__after: isoTime.optional(),
  created_by_end_user_session_id: z.string().max(255).optional(),
  created_by_account: z.string().max(255).optional(),
  page: z.coerce.number().int().min(1).max(99999).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const runSummary = z.looseObject({ id: z.string(), status: z.string() });
const logsSchema = z
  .object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    has_more: z.boolean(),
    data: z.array(z.looseObject({ id: z.string(), workflow_run: runSummary, created_by_role: z.string() })),
  })
  .openapi("WorkflowLogs");

export function workflowServiceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  const runResponses = {
    200: {
      description: "Blocking: the run's outcome (a failed run is still 200, status failed). Streaming: Dify's SSE frames.",
      content: { "application/json": { schema: blockingSchema }, "text/event-stream": { schema: z.string() } },
    },
    ...serviceErrorResponses,
  };
  const run = async (c: Context<HonoEnv>, body: z.infer<typeof runBody>, workflowId?: string) => {
    const { tctx, app: found } = c.var.service;
    const endUser = await endUserOf(c, body.user);
    const started = await runPublished(tctx, found, endUser, "service-api", { inputs: body.inputs, files: body.files ?? [], workflowId });
    if (body.response_mode === "streaming") return streamWorkflowRun(started, { createdBy: { id: endUser.id, user: endUser.sessionId } });
    return pythonJsonResponse(await collectWorkflowRun(started, c.req.raw.signal));
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/workflows/run",
      summary: "Run the published workflow (workflow apps)",
      ...workflowAccess({ runs: true }),
      request: { body: { required: true, content: { "application/json": { schema: runBody } } } },
      responses: runResponses,
    }),
    (c) => run(c, c.req.valid("json")),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workflows/{workflow_id}/run",
      summary: "Run one published version of the workflow, by its id (workflow apps)",
      ...workflowAccess({ runs: true }),
      request: {
        params: z.object({ workflow_id: z.string().min(1).max(128) }),
        body: { required: true, content: { "application/json": { schema: runBody } } },
      },
      responses: {
        ...runResponses,
        404: json(errorSchema, "No version of this app's workflow has this id"),
      },
    }),
    (c) => run(c, c.req.valid("json"), c.req.valid("param").workflow_id),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workflows/run/{workflow_run_id}",
      summary: "A workflow run of this app (inputs and outputs as JSON text; an unknown run is all nulls, as in Dify)",
      ...serviceAccess(),
      request: { params: z.object({ workflow_run_id: z.string().min(1).max(64) }) },
      responses: { 200: json(runDetailSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const { tctx, app: found } = c.var.service;
      return c.json(await serviceRunDetail(tctx, found.id, c.req.valid("param").workflow_run_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workflow/{task_id}/events",
      summary:
        "Pick up a run's event stream again (Dify 1.13+; the path's id is the workflow_run_id): an ended run's workflow_finished; a run still going is followed until it ends",
      ...serviceAccess(),
      request: {
        params: z.object({ task_id: z.string().min(1).max(64) }),
        query: z.object({
          user: requiredUser,
          include_state_snapshot: z.string().optional().openapi({ description: "true: replay the run's recorded nodes first" }),
          continue_on_pause: z.string().optional().openapi({ description: "true: a paused run is followed on after its pause (else the stream ends at workflow_paused)" }),
        }),
      },
      responses: { 200: { description: "Dify's SSE frames", content: { "text/event-stream": { schema: z.string() } } }, ...serviceErrorResponses },
    }),
    async (c) => {
      const { tctx, app: found } = c.var.service;
      if (!isWorkflowMode(found.mode)) throw new KilnError("not_workflow_app", 400, "Please check if your app mode matches the right API route.");
      const query = c.req.valid("query");
      const endUser = await endUserOf(c, query.user);
      const run = await resumableRun(tctx, found.id, c.req.valid("param").task_id, endUser.id);
      const controller = new AbortController();
      const frames = recordedRunFrames(tctx, run, { id: endUser.id, user: endUser.sessionId }, {
        snapshot: query.include_state_snapshot?.toLowerCase() === "true",
        continueOnPause: query.continue_on_pause?.toLowerCase() === "true",
        signal: controller.signal,
      });
      return sseResponse(frames, { onCancel: () => controller.abort() });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workflows/tasks/{task_id}/stop",
      summary: "Stop a running workflow of this app; unknown tasks are ignored, as in Dify",
      ...workflowAccess(),
      request: {
        params: z.object({ task_id: z.string().min(1).max(64) }),
        body: { required: true, content: { "application/json": { schema: z.object({ user: requiredUser }) } } },
      },
      responses: { 200: json(resultSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const { tctx, app: found } = c.var.service;
      await stopTask(tctx, c.req.valid("param").task_id, found.id);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workflows/logs",
      summary: "The app's workflow runs from the API and WebApp, newest first, with Dify's filters",
      ...serviceAccess(),
      request: { query: logsQuery },
      responses: { 200: json(logsSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const { tctx, app: found } = c.var.service;
      return c.json(await workflowLogs(tctx, found.id, c.req.valid("query")), 200);
    },
  );

  return app;
}
