// The workflow debugger (Dify's console paths): run the draft (streamed), run one node of it,
// stop a run, and read recorded runs with their node executions.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { stopTask } from "../../apps/tasks";
import type { HonoEnv } from "../../hono-env";
import { formById, formsOfRun, formView, requiredData, submitForm } from "../../workflow/human-input-forms";
import { runDraftNode } from "../../workflow/node-run";
import { consoleRunDetail, listNodeExecutions, listRuns } from "../../workflow/run-records";
import { runDraft } from "../../workflow/run-app";
import { getWorkflowApp } from "../../workflow/store";
import { streamWorkflowRun } from "../../workflow/transport";
import { formSchema, submitFields } from "../service/human-input";
import { errorSchema, guard, json, resultSchema } from "../access";
import { appParam, jsonBody } from "./apps";

const runParam = appParam.extend({ run_id: z.string().min(1).max(64) });
const record = z.record(z.string(), z.unknown());

const draftRunBody = z.object({
  inputs: record.default({}),
  files: z.array(z.looseObject({})).max(50).optional(),
  /** Chatflows: the message to answer, and the conversation to continue. */
  query: z.string().max(64_000).optional(),
  conversation_id: z.string().max(64).optional(),
});

const accountSchema = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();
const endUserSchema = z.object({ id: z.string(), type: z.string(), is_anonymous: z.boolean(), session_id: z.string() }).nullable();
const runSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  status: z.string(),
  triggered_from: z.string(),
  error: z.string().nullable(),
  elapsed_time: z.number(),
  total_tokens: z.number().int(),
  total_steps: z.number().int(),
  created_at: z.number().int().nullable(),
  finished_at: z.number().int().nullable(),
  exceptions_count: z.number().int(),
  created_by_account: accountSchema,
  created_by_end_user: endUserSchema,
});
const runDetailSchema = runSummarySchema
  .extend({ graph: z.looseObject({}), inputs: record, outputs: record.nullable(), created_by_role: z.string() })
  .openapi("WorkflowRunDetail");
export const nodeExecutionSchema = z
  .object({
    id: z.string(),
    index: z.number().int(),
    predecessor_node_id: z.string().nullable(),
    node_id: z.string(),
    node_type: z.string(),
    title: z.string(),
    inputs: z.unknown(),
    process_data: z.unknown(),
    outputs: z.unknown(),
    status: z.string(),
    error: z.string().nullable(),
    elapsed_time: z.number(),
    execution_metadata: z.unknown(),
    extras: record,
    created_at: z.number().int().nullable(),
    finished_at: z.number().int().nullable(),
  })
  .openapi("WorkflowNodeExecution");

export function appWorkflowRunRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/draft/run",
      tags: ["workflows"],
      summary: "Run the draft workflow as the signed-in member; Dify's workflow SSE frames",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(draftRunBody) },
      responses: { 200: { description: "Dify's SSE frames (`data: {…}`, `event: ping`)", content: { "text/event-stream": { schema: z.string() } } } },
    }),
    async (c) => {
      const ctx = c.var.wctx;
      const body = c.req.valid("json");
      const run = await runDraft(ctx, c.req.valid("param").app_id, {
        inputs: body.inputs,
        files: body.files,
        query: body.query,
        conversationId: body.conversation_id,
      });
      return streamWorkflowRun(run, { createdBy: { id: ctx.actor.accountId, name: ctx.actor.name, email: ctx.actor.email } });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/draft/nodes/{node_id}/run",
      tags: ["workflows"],
      summary: "Run one node of the draft with the given variables (`{\"node_id.var\": value}`)",
      ...guard("app_edit"),
      request: { params: appParam.extend({ node_id: z.string().min(1).max(64) }), ...jsonBody(z.object({ inputs: record.default({}) })) },
      responses: { 200: json(nodeExecutionSchema) },
    }),
    async (c) => {
      const { app_id, node_id } = c.req.valid("param");
      return c.json(await runDraftNode(c.var.wctx, app_id, node_id, c.req.valid("json").inputs), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflow-runs/tasks/{task_id}/stop",
      tags: ["workflows"],
      summary: "Stop a running workflow of this app; unknown tasks are ignored, as in Dify",
      ...guard("app_edit"),
      request: { params: appParam.extend({ task_id: z.string().min(1).max(64) }) },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const { app_id, task_id } = c.req.valid("param");
      const found = await getWorkflowApp(c.var.wctx, app_id);
      await stopTask(c.var.wctx, task_id, found.id);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflow-runs",
      tags: ["workflows"],
      summary: "The app's workflow runs, newest first (debugger and app runs; `last_id` pages on)",
      ...guard("member"),
      request: {
        params: appParam,
        query: z.object({
          last_id: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          triggered_from: z.enum(["debugging", "app-run", "webhook", "schedule"]).optional(),
        }),
      },
      responses: { 200: json(z.object({ limit: z.number().int(), has_more: z.boolean(), data: z.array(runSummarySchema) })) },
    }),
    async (c) => c.json(await listRuns(c.var.wctx, c.req.valid("param").app_id, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflow-runs/{run_id}",
      tags: ["workflows"],
      summary: "One workflow run with the graph it ran",
      ...guard("member"),
      request: { params: runParam },
      responses: { 200: json(runDetailSchema) },
    }),
    async (c) => {
      const { app_id, run_id } = c.req.valid("param");
      return c.json(await consoleRunDetail(c.var.wctx, app_id, run_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflow-runs/{run_id}/node-executions",
      tags: ["workflows"],
      summary: "The node executions of a run, in step order",
      ...guard("member"),
      request: { params: runParam },
      responses: { 200: json(z.object({ data: z.array(nodeExecutionSchema) })) },
    }),
    async (c) => {
      const { app_id, run_id } = c.req.valid("param");
      return c.json(await listNodeExecutions(c.var.wctx, app_id, run_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflow-runs/{run_id}/human-input-forms",
      tags: ["workflows"],
      summary: "The Human Input forms of a run (the debugger shows the ones a paused run waits for)",
      ...guard("member"),
      request: { params: runParam },
      responses: {
        200: json(
          z.object({
            data: z.array(z.object({ form_id: z.string(), node_id: z.string(), status: z.string(), form: z.looseObject({}), action_id: z.string().nullable() })),
          }),
        ),
      },
    }),
    async (c) => {
      const { app_id, run_id } = c.req.valid("param");
      await consoleRunDetail(c.var.wctx, app_id, run_id);
      const rows = await formsOfRun(c.var.wctx, run_id);
      const data = await Promise.all(
        rows.map(async (r) => ({ form_id: r.id, node_id: r.nodeId, status: r.status, form: await requiredData(c.var.wctx, r), action_id: r.actionId })),
      );
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/human-input-forms/{form_id}",
      tags: ["workflows"],
      summary: "One Human Input form of the app, by id (as the Service API's form by token)",
      ...guard("member"),
      request: { params: appParam.extend({ form_id: z.string().min(1).max(64) }) },
      responses: { 200: json(formSchema), 404: json(errorSchema, "No such form"), 412: json(errorSchema, "Submitted or expired") },
    }),
    async (c) => {
      const { app_id, form_id } = c.req.valid("param");
      return c.json(formView(c.var.wctx, await formById(c.var.wctx, app_id, form_id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/human-input-forms/{form_id}",
      tags: ["workflows"],
      summary: "Answer a Human Input form from the console (any form of the app, whatever its delivery): the paused run goes on",
      ...guard("app_edit"),
      request: {
        params: appParam.extend({ form_id: z.string().min(1).max(64) }),
        ...jsonBody(z.object(submitFields).openapi("ConsoleHumanInputFormSubmit")),
      },
      responses: { 200: json(z.object({})), 400: json(errorSchema, "Not the form's action or inputs"), 404: json(errorSchema, "No such form"), 412: json(errorSchema, "Submitted or expired") },
    }),
    async (c) => {
      const { app_id, form_id } = c.req.valid("param");
      const form = await formById(c.var.wctx, app_id, form_id);
      await submitForm(c.var.wctx, form, c.req.valid("json"), { role: "account", id: c.var.wctx.actor.accountId });
      return c.json({}, 200);
    },
  );

  return app;
}
