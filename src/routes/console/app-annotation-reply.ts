// Annotation reply of an app at Dify's console paths: enable or disable it (an async job with a
// status endpoint), read the setting, change the score threshold.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { annotationReplyAction, getJob } from "../../annotations/jobs";
import { loadSetting, settingView, updateScoreThreshold } from "../../annotations/settings";
import { getApp } from "../../apps/apps";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, guard, json } from "../access";
import { assertJobId, jobParam, jobSchema, jobStartedSchema, scoreThreshold } from "../annotation-schemas";
import { appParam, jsonBody } from "./apps";

export const settingSchema = z
  .object({
    id: z.string().optional(),
    enabled: z.boolean(),
    score_threshold: z.number().optional(),
    embedding_model: z.object({ embedding_provider_name: z.string(), embedding_model_name: z.string() }).optional(),
  })
  .openapi("AnnotationReplySetting");

const actionParam = appParam.extend({ action: z.string().min(1).max(32) });

export function annotationReplyRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/annotation-reply/{action}",
      tags: ["annotations"],
      summary: "Enable (embeds every annotation) or disable annotation reply; answers a job (usually completed at once)",
      ...guard("app_edit"),
      request: {
        params: actionParam,
        ...jsonBody(
          z
            .object({
              score_threshold: scoreThreshold,
              embedding_provider_name: z.string().max(128).nullish().openapi({ description: "default: the workspace's embedding model" }),
              embedding_model_name: z.string().max(128).nullish(),
            })
            .openapi("AnnotationReplyRequest"),
        ),
      },
      responses: { 200: json(jobStartedSchema), 400: json(errorSchema, "Unsupported action, or an embedding model the workspace lacks") },
    }),
    async (c) => {
      const { app_id, action } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      return c.json(await annotationReplyAction(c.var.wctx, found.id, action, c.req.valid("json"), c.var.wctx.actor.accountId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotation-reply/{action}/status/{job_id}",
      tags: ["annotations"],
      summary: "The status of an enable or disable job",
      ...guard("member"),
      request: { params: actionParam.extend(jobParam) },
      responses: { 200: json(jobSchema), 400: json(errorSchema, "The job does not exist.") },
    }),
    async (c) => {
      const { app_id, action, job_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      assertJobId(job_id);
      return c.json(await getJob(c.var.wctx, found.id, action, job_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotation-setting",
      tags: ["annotations"],
      summary: "The app's annotation-reply setting ({enabled: false} while off)",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(settingSchema) },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      return c.json(settingView(await loadSetting(c.var.wctx, found.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/annotation-settings/{annotation_setting_id}",
      tags: ["annotations"],
      summary: "Change the score threshold (takes effect on the next message)",
      ...guard("app_edit"),
      request: {
        params: appParam.extend({ annotation_setting_id: z.string().min(1).max(64) }),
        ...jsonBody(z.object({ score_threshold: scoreThreshold }).openapi("AnnotationSettingUpdateRequest")),
      },
      responses: { 200: json(settingSchema), 404: json(errorSchema, "App annotation not found") },
    }),
    async (c) => {
      const { app_id, annotation_setting_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      const s = await updateScoreThreshold(c.var.wctx, found.id, annotation_setting_id, c.req.valid("json").score_threshold, c.var.wctx.actor.accountId);
      return c.json(s, 200);
    },
  );

  return app;
}
