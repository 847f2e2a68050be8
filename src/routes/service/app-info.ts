// What an API client can read about the app behind its key: parameters, info, meta, site, and
// the app's end users by id.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { withAnnotationReply } from "../../annotations/settings";
import { appInfo, appParameters, appSite } from "../../apps/app-profile";
import { endUserDetail } from "../../apps/end-users";
import { agentToolIcons } from "../../apps/runners/agent-tools";
import type { HonoEnv } from "../../hono-env";
import { isWorkflowMode } from "../../workflow/content";
import { workflowParameters } from "../../workflow/parameters";
import { KilnError } from "../../lib/errors";
import { json } from "../access";
import { serviceAccess, serviceErrorResponses } from "./access";

const enabled = z.looseObject({ enabled: z.boolean() });

const parametersSchema = z
  .object({
    opening_statement: z.string().nullable(),
    suggested_questions: z.array(z.string()),
    suggested_questions_after_answer: enabled,
    speech_to_text: enabled,
    text_to_speech: enabled,
    retriever_resource: enabled,
    annotation_reply: enabled,
    more_like_this: enabled,
    user_input_form: z.array(z.record(z.string(), z.looseObject({ variable: z.string(), type: z.string() }))),
    sensitive_word_avoidance: z.looseObject({ enabled: z.boolean(), type: z.string(), configs: z.unknown() }),
    file_upload: z.looseObject({}),
    system_parameters: z.object({
      image_file_size_limit: z.number(),
      video_file_size_limit: z.number(),
      audio_file_size_limit: z.number(),
      file_size_limit: z.number(),
      workflow_file_upload_limit: z.number(),
    }),
  })
  .openapi("AppParameters");

const infoSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    mode: z.string(),
    author_name: z.string().nullable(),
  })
  .openapi("AppInfo");

const siteSchema = z
  .object({
    title: z.string(),
    chat_color_theme: z.string().nullable(),
    chat_color_theme_inverted: z.boolean(),
    icon_type: z.string(),
    icon: z.string(),
    icon_background: z.string(),
    icon_url: z.string().nullable(),
    description: z.string(),
    copyright: z.string().nullable(),
    privacy_policy: z.string().nullable(),
    custom_disclaimer: z.string(),
    default_language: z.string(),
    show_workflow_steps: z.boolean(),
    use_icon_as_answer_icon: z.boolean(),
  })
  .openapi("AppSite");

const endUserSchema = z
  .object({
    id: z.string(),
    tenant_id: z.string(),
    app_id: z.string().nullable(),
    type: z.string(),
    external_user_id: z.string().nullable(),
    name: z.string().nullable(),
    is_anonymous: z.boolean(),
    session_id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("EndUserDetail");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function appInfoRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/parameters",
      summary: "The published config's (or workflow's) features and input form",
      ...serviceAccess(),
      responses: { 200: json(parametersSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const { tctx, app, config } = c.var.service;
      // Workflow and chatflow apps take their form and features from the published workflow.
      const parameters = isWorkflowMode(app.mode)
        ? await workflowParameters(tctx, app.id)
        : appParameters(await withAnnotationReply(tctx, app.id, config));
      return c.json(parameters as z.infer<typeof parametersSchema>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/info",
      summary: "The app's name, description, mode and author",
      ...serviceAccess(),
      responses: { 200: json(infoSchema), ...serviceErrorResponses },
    }),
    async (c) => c.json(await appInfo(c.var.service.tctx, c.var.service.app), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/meta",
      summary: "Icons of the tools the app uses",
      ...serviceAccess(),
      responses: { 200: json(z.object({ tool_icons: z.record(z.string(), z.unknown()) })), ...serviceErrorResponses },
    }),
    async (c) => {
      const { app, config, tctx } = c.var.service;
      const toolIcons = app.mode === "agent-chat" ? await agentToolIcons(tctx, config.agent_mode) : {};
      return c.json({ tool_icons: toolIcons }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/site",
      summary: "The app's public WebApp settings",
      ...serviceAccess(),
      responses: { 200: json(siteSchema), ...serviceErrorResponses },
    }),
    (c) => c.json(appSite(c.var.service.app), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/end-users/{end_user_id}",
      summary: "One of the app's end users by id (the `created_by` of an upload, for instance)",
      ...serviceAccess(),
      request: { params: z.object({ end_user_id: z.string() }) },
      responses: { 200: json(endUserSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const id = c.req.valid("param").end_user_id;
      // Dify's route takes only a UUID; any other path is not found.
      if (!UUID.test(id)) throw new KilnError("not_found", 404, "The requested URL was not found on the server.");
      return c.json(await endUserDetail(c.var.service.tctx, c.var.service.app.id, id.toLowerCase()), 200);
    },
  );

  return app;
}
