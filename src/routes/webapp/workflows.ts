// Running a workflow app from the WebApp (Dify's web `/workflows/run`): the published workflow,
// run as the browser's end user and recorded as a web-app run; streamed with Dify's simple
// converter, which keeps node progress but not what each node read or wrote. Stop by task id.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { stopTask } from "../../apps/tasks";
import type { WebAppEnv } from "../../middleware/end-user";
import { runPublished } from "../../workflow/run-app";
import { recordedRunFrames, resumableRun } from "../../workflow/run-records";
import { collectWorkflowRun, workflowFrames } from "../../workflow/transport";
import { errorSchema, json, resultSchema } from "../access";
import { fileRef } from "../service/chat-messages";
import { webappAccess } from "./access";
import { streamSimpleFrames } from "./workflow-stream";

// As the chat routes: files the visitor uploaded, or links (the run's sys.files).
const files = z.array(fileRef).max(50).nullish();

const runBody = z
  .object({
    inputs: z.record(z.string(), z.unknown()),
    files,
    response_mode: z
      .enum(["blocking", "streaming"])
      .nullish()
      .openapi({ description: "Dify's WebApp always streams; `blocking` answers with the finished run as JSON" }),
  })
  .openapi("WebAppWorkflowRunRequest");

const blockingSchema = z
  .object({
    task_id: z.string(),
    workflow_run_id: z.string(),
    data: z.object({
      id: z.string(),
      workflow_id: z.string(),
      status: z.string(),
      outputs: z.record(z.string(), z.unknown()).nullable(),
      error: z.string().nullable(),
      elapsed_time: z.number(),
      total_tokens: z.number(),
      total_steps: z.number(),
      created_at: z.number(),
      finished_at: z.number().nullable(),
      paused_nodes: z.array(z.string()).optional(),
      reasons: z.array(z.looseObject({})).optional(),
    }),
  })
  .openapi("WebAppWorkflowRun");

export function workflowRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/workflows/run",
      tags: ["webapp"],
      summary: "Run the published workflow with the form inputs (streaming, Dify's simple workflow events)",
      ...webappAccess({ mode: "workflow", generation: true }),
      request: { body: { content: { "application/json": { schema: runBody } }, required: true } },
      responses: {
        200: {
          description:
            "Streaming: `text/event-stream` of workflow_started, node_started / node_finished (inputs, outputs and errors left out), text_chunk, iteration and loop progress, workflow_finished (with outputs) and `error`, with `event: ping` keep-alives. Blocking: the finished run.",
          content: { "text/event-stream": { schema: z.string() }, "application/json": { schema: blockingSchema } },
        },
        400: json(errorSchema, "Not a workflow app, unpublished, or a required input missing"),
        401: json(errorSchema, "Missing, forged or expired passport"),
        429: json(errorSchema, "Too many runs from this browser"),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      const body = c.req.valid("json");
      const run = await runPublished(w.tctx, w.app, w.endUser, "web-app", { inputs: body.inputs, files: body.files ?? undefined });
      // Blocking answers hold no node details, so the simple and full forms are the same.
      if (body.response_mode === "blocking") return c.json(await collectWorkflowRun(run, c.req.raw.signal), 200);
      return streamSimpleFrames(workflowFrames(run, { createdBy: { id: w.endUser.id, user: w.endUser.sessionId } }), run.abort);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workflows/tasks/{task_id}/stop",
      tags: ["webapp"],
      summary: "Stop a running workflow (unknown tasks are ignored, as in Dify)",
      ...webappAccess({ mode: "workflow" }),
      request: { params: z.object({ task_id: z.string().min(1).max(64) }) },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const w = c.var.webapp;
      // Runs take the app as their stop owner (Dify checks no owner for workflow stops); the task
      // id is unguessable and a passport only reaches its own app.
      await stopTask(w.tctx, c.req.valid("param").task_id, w.app.id);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workflow/{task_id}/events",
      tags: ["webapp"],
      summary:
        "Pick up a run's events again (Dify 1.13+; the id is the workflow_run_id): a paused run's forms and workflow_paused, then with continue_on_pause=true the run after its forms are answered, until workflow_finished",
      ...webappAccess({ mode: "workflow" }),
      request: {
        params: z.object({ task_id: z.string().min(1).max(64) }),
        query: z.object({
          include_state_snapshot: z.string().optional().openapi({ description: "true: the run's recorded nodes first" }),
          continue_on_pause: z.string().optional().openapi({ description: "true: follow a paused run on after its pause" }),
        }),
      },
      responses: {
        200: { description: "Dify's SSE frames (simple form)", content: { "text/event-stream": { schema: z.string() } } },
        404: json(errorSchema, "Not a run of this browser's end user"),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      const query = c.req.valid("query");
      const run = await resumableRun(w.tctx, w.app.id, c.req.valid("param").task_id, w.endUser.id);
      const controller = new AbortController();
      const frames = recordedRunFrames(w.tctx, run, { id: w.endUser.id, user: w.endUser.sessionId }, {
        snapshot: query.include_state_snapshot?.toLowerCase() === "true",
        continueOnPause: query.continue_on_pause?.toLowerCase() === "true",
        signal: controller.signal,
      });
      return streamSimpleFrames(frames, () => controller.abort());
    },
  );

  return app;
}
