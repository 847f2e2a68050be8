// An app's draft config (the prompt IDE autosaves here), publishing it as a numbered version, and
// the version history with restore into the draft.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { withAnnotationReply } from "../../annotations/settings";
import { getApp, getDraftConfig, listVersions, publishApp, restoreVersion, saveDraftConfig } from "../../apps/apps";
import { modelConfigSchema } from "../../apps/model-config";
import type { HonoEnv } from "../../hono-env";
import { assertModelExists } from "../../models/registry";
import { guard, json } from "../access";
import { appParam, jsonBody } from "./apps";

const configSchema = z.record(z.string(), z.unknown());

const versionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    marked_name: z.string().nullable(),
    marked_comment: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: z.number().int(),
    is_current: z.boolean(),
    model_config: configSchema,
  })
  .openapi("AppVersion");

export function appConfigRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/model-config",
      tags: ["apps"],
      summary: "The draft config of an app",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(z.object({ model_config: configSchema, updated_at: z.number().int() })) },
    }),
    async (c) => {
      const { app_id } = c.req.valid("param");
      const draft = await getDraftConfig(c.var.wctx, app_id);
      return c.json({ model_config: await withAnnotationReply(c.var.wctx, app_id, draft.config), updated_at: draft.updated_at }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/model-config",
      tags: ["apps"],
      summary: "Save the draft config; the model must be one this workspace can call",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(modelConfigSchema) },
      responses: { 200: json(z.object({ result: z.literal("success"), updated_at: z.number().int() })) },
    }),
    async (c) => {
      const { app_id } = c.req.valid("param");
      const config = c.req.valid("json");
      await getApp(c.var.wctx, app_id);
      await assertModelExists(c.var.wctx, { provider: config.model.provider, model: config.model.name }, "llm");
      const saved = await saveDraftConfig(c.var.wctx, app_id, config);
      return c.json({ result: "success" as const, updated_at: saved.updated_at }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/publish",
      tags: ["apps"],
      summary: "Publish the draft as the next version; the Service API and WebApp serve it from now on",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(
          z.object({ marked_name: z.string().max(20).optional(), marked_comment: z.string().max(100).optional() }),
          false,
        ),
      },
      responses: {
        200: json(
          z.object({ result: z.literal("success"), id: z.string(), version: z.number().int(), created_at: z.number().int() }),
        ),
      },
    }),
    async (c) => {
      const published = await publishApp(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json"));
      return c.json({ result: "success" as const, id: published.id, version: published.version, created_at: published.created_at }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/versions",
      tags: ["apps"],
      summary: "Published versions, newest first; `is_current` marks the one being served",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(z.object({ data: z.array(versionSchema) })) },
    }),
    async (c) => {
      const versions = await listVersions(c.var.wctx, c.req.valid("param").app_id);
      return c.json({ data: versions.map(({ config, ...v }) => ({ ...v, model_config: config })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/versions/{version_id}/restore",
      tags: ["apps"],
      summary: "Copy a published version into the draft (publish again to serve it)",
      ...guard("app_edit"),
      request: { params: appParam.extend({ version_id: z.string().min(1).max(64) }) },
      responses: {
        200: json(z.object({ result: z.literal("success"), model_config: configSchema, updated_at: z.number().int() })),
      },
    }),
    async (c) => {
      const { app_id, version_id } = c.req.valid("param");
      const draft = await restoreVersion(c.var.wctx, app_id, version_id);
      return c.json({ result: "success" as const, model_config: draft.config, updated_at: draft.updated_at }, 200);
    },
  );

  return app;
}
