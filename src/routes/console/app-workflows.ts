// The workflow editor's API (Dify's console paths): the draft the editor syncs, publishing it,
// the published versions and restoring one into the draft.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { workflowContentSchema } from "../../workflow/content";
import { getDraft, getPublished, getWorkflowApp, listPublished, publishWorkflow, restoreWorkflow, syncDraft, workflowView } from "../../workflow/store";
import { guard, json } from "../access";
import { appParam, jsonBody } from "./apps";

const accountRef = z.object({ id: z.string() }).nullable();
export const workflowSchema = z
  .object({
    id: z.string(),
    graph: z.looseObject({}),
    features: z.record(z.string(), z.unknown()),
    hash: z.string(),
    version: z.string(),
    marked_name: z.string(),
    marked_comment: z.string(),
    environment_variables: z.array(z.looseObject({})),
    conversation_variables: z.array(z.looseObject({})),
    created_by: accountRef,
    created_at: z.number().int(),
    updated_by: accountRef,
    updated_at: z.number().int(),
  })
  .openapi("Workflow");

const syncSchema = z.object({ result: z.literal("success"), hash: z.string(), updated_at: z.number().int() });
const workflowParam = appParam.extend({ workflow_id: z.string().min(1).max(64) });

export function appWorkflowRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflows/draft",
      tags: ["workflows"],
      summary: "The draft workflow of a workflow or chatflow app (secret environment values masked)",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(workflowSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      return c.json(await workflowView(wctx, await getDraft(wctx, c.req.valid("param").app_id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/draft",
      tags: ["workflows"],
      summary: "Save the draft; a `hash` other than the stored draft's is refused with draft_workflow_not_sync",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(workflowContentSchema.extend({ hash: z.string().max(128).nullish() })),
      },
      responses: { 200: json(syncSchema) },
    }),
    async (c) => {
      const { hash, ...content } = c.req.valid("json");
      return c.json(await syncDraft(c.var.wctx, c.req.valid("param").app_id, content, hash), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/publish",
      tags: ["workflows"],
      summary: "Publish the draft as a new version if its graph validates (400 lists every problem)",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(z.object({ marked_name: z.string().max(20).optional(), marked_comment: z.string().max(100).optional() }), false),
      },
      responses: { 200: json(z.object({ result: z.literal("success"), created_at: z.number().int() })) },
    }),
    async (c) => {
      const { app_id } = c.req.valid("param");
      const published = await publishWorkflow(c.var.wctx, app_id, c.req.valid("json") ?? {});
      return c.json({ result: published.result, created_at: published.created_at }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflows/publish",
      tags: ["workflows"],
      summary: "The published workflow the Service API and WebApp run",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(workflowSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { app_id } = c.req.valid("param");
      await getWorkflowApp(wctx, app_id);
      return c.json(await workflowView(wctx, await getPublished(wctx, app_id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/workflows",
      tags: ["workflows"],
      summary: "Published versions, newest first",
      ...guard("member"),
      request: {
        params: appParam,
        query: z.object({
          page: z.coerce.number().int().min(1).max(99999).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(workflowSchema), page: z.number().int(), limit: z.number().int(), has_more: z.boolean() })),
      },
    }),
    async (c) => c.json(await listPublished(c.var.wctx, c.req.valid("param").app_id, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/workflows/{workflow_id}/restore",
      tags: ["workflows"],
      summary: "Copy a published version into the draft (publish again to serve it)",
      ...guard("app_edit"),
      request: { params: workflowParam },
      responses: { 200: json(syncSchema) },
    }),
    async (c) => {
      const { app_id, workflow_id } = c.req.valid("param");
      return c.json(await restoreWorkflow(c.var.wctx, app_id, workflow_id), 200);
    },
  );

  return app;
}
