// What a public WebApp page needs to draw itself: the site (title, icon, texts), the app's
// parameters (opening statement, suggestions, the variable form, features) and tool icons.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { withAnnotationReply } from "../../annotations/settings";
import { appParameters, appSite } from "../../apps/app-profile";
import type { WebAppEnv } from "../../middleware/end-user";
import { isWorkflowMode } from "../../workflow/content";
import { workflowParameters } from "../../workflow/parameters";
import { json } from "../access";
import { webappAccess } from "./access";

const enabled = z.looseObject({ enabled: z.boolean() });

const siteSchema = z
  .object({
    app_id: z.string(),
    end_user_id: z.string(),
    enable_site: z.boolean(),
    /** Kiln: the app's mode, so a page opened at the wrong path can send the user to the right one. */
    mode: z.string(),
    site: z.object({
      title: z.string(),
      chat_color_theme: z.string().nullable(),
      chat_color_theme_inverted: z.boolean(),
      icon_type: z.enum(["emoji", "image"]),
      icon: z.string(),
      icon_background: z.string(),
      icon_url: z.string().nullable(),
      description: z.string(),
      copyright: z.string().nullable(),
      privacy_policy: z.string().nullable(),
      custom_disclaimer: z.string(),
      default_language: z.string(),
      prompt_public: z.boolean(),
      show_workflow_steps: z.boolean(),
      use_icon_as_answer_icon: z.boolean(),
    }),
    model_config: z.null(),
    plan: z.string(),
    can_replace_logo: z.boolean(),
    custom_config: z.null(),
  })
  .openapi("WebAppSite");

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
    user_input_form: z.array(z.record(z.string(), z.looseObject({ variable: z.string() }))),
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
  .openapi("WebAppParameters");

/** The app's parameters as the Service API gives them, minus what a public page must not see. */
function publicParameters(parameters: Awaited<ReturnType<typeof workflowParameters>> | ReturnType<typeof appParameters>) {
  const s = parameters.sensitive_word_avoidance;
  return {
    ...parameters,
    // The keyword list stays private: a public page must not hand out the words it filters.
    sensitive_word_avoidance: { enabled: s.enabled, type: s.type, configs: [] },
  };
}

export function siteRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/site",
      tags: ["webapp"],
      summary: "The public site of the app: title, icon, description, copyright, privacy policy",
      ...webappAccess(),
      responses: { 200: json(siteSchema) },
    }),
    async (c) => {
      const { app: a, endUser } = c.var.webapp;
      return c.json(
        {
          app_id: a.id,
          end_user_id: endUser.id,
          enable_site: a.enableSite,
          mode: a.mode,
          site: { ...appSite(a), icon_url: a.iconType === "image" ? a.icon : null, prompt_public: false },
          model_config: null,
          plan: "basic",
          can_replace_logo: false,
          custom_config: null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/parameters",
      tags: ["webapp"],
      summary: "The published app's parameters: opening statement, suggested questions, variable form, features",
      ...webappAccess(),
      responses: { 200: json(parametersSchema) },
    }),
    async (c) => {
      const { tctx, app, config } = c.var.webapp;
      // Workflow and chatflow apps take their form and features from the published workflow.
      const parameters = isWorkflowMode(app.mode)
        ? await workflowParameters(tctx, app.id)
        : appParameters(await withAnnotationReply(tctx, app.id, config));
      // A start node's fields are the editor's; the published graph validated them.
      return c.json(publicParameters(parameters) as z.infer<typeof parametersSchema>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/meta",
      tags: ["webapp"],
      summary: "Icons of the tools the app uses",
      ...webappAccess(),
      responses: { 200: json(z.object({ tool_icons: z.record(z.string(), z.unknown()) })) },
    }),
    async (c) => c.json({ tool_icons: {} }, 200),
  );

  return app;
}
