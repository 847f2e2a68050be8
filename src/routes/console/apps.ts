// Apps of the current workspace at Dify's console paths: list, create, read, update, delete and
// copy, and the public site and API switches and settings.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { withAnnotationReply } from "../../annotations/settings";
import {
  type AppRow,
  appView,
  createApp,
  deleteApp,
  duplicateApp,
  getApp,
  getDraftConfig,
  listApps,
  updateApp,
} from "../../apps/apps";
import { APP_MODES } from "../../db/apps";
import type { HonoEnv } from "../../hono-env";
import { guard, json, noContent } from "../access";

export const appParam = z.object({ app_id: z.string().min(1).max(64) });

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { required, content: { "application/json": { schema } } },
});

const iconFields = {
  icon_type: z.enum(["emoji", "image"]).optional(),
  icon: z.string().max(255).optional(),
  icon_background: z.string().max(32).optional(),
};
const name = z.string().trim().min(1).max(255);
const description = z.string().max(400);

const siteSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    description: z.string(),
    copyright: z.string().nullable(),
    privacy_policy: z.string().nullable(),
    default_language: z.string(),
    icon_type: z.string(),
    icon: z.string(),
    icon_background: z.string(),
  })
  .openapi("AppSite");

const appSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mode: z.enum(APP_MODES),
    description: z.string(),
    icon_type: z.string(),
    icon: z.string(),
    icon_background: z.string(),
    enable_site: z.boolean(),
    enable_api: z.boolean(),
    is_published: z.boolean(),
    site: siteSchema,
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("App");

const appDetailSchema = appSchema
  .extend({
    /** The draft configuration (what the prompt IDE edits and the debugger runs). */
    model_config: z.record(z.string(), z.unknown()),
    api_base_url: z.string(),
  })
  .openapi("AppDetail");

/** The app as the dashboard shows it: with its draft config and the Service API's base URL. */
async function appDetail(c: Context<HonoEnv>, app: AppRow) {
  const draft = await getDraftConfig(c.var.wctx, app.id);
  return { ...appView(app), model_config: await withAnnotationReply(c.var.wctx, app.id, draft.config), api_base_url: `${new URL(c.req.url).origin}/v1` };
}

export function appRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps",
      tags: ["apps"],
      summary: "Apps of the current workspace, most recently changed first",
      ...guard("member"),
      request: {
        query: z.object({
          page: z.coerce.number().int().min(1).max(99999).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          mode: z.enum([...APP_MODES, "all"]).optional(),
          name: z.string().max(255).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            page: z.number().int(),
            limit: z.number().int(),
            total: z.number().int(),
            has_more: z.boolean(),
            data: z.array(appSchema),
          }),
        ),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const mode = q.mode === "all" ? undefined : q.mode;
      return c.json(await listApps(c.var.wctx, { page: q.page, limit: q.limit, mode, name: q.name || undefined }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps",
      tags: ["apps"],
      summary: "Create a chat or completion app with a draft config on the workspace's default model",
      ...guard("app_edit"),
      request: jsonBody(z.object({ name, mode: z.enum(APP_MODES), description: description.optional(), ...iconFields })),
      responses: { 201: json(appDetailSchema, "Created") },
    }),
    async (c) => {
      const created = await createApp(c.var.wctx, c.req.valid("json"));
      return c.json(await appDetail(c, created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}",
      tags: ["apps"],
      summary: "An app with its draft config, site and API base URL",
      ...guard("member"),
      request: { params: appParam },
      responses: { 200: json(appDetailSchema) },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      return c.json(await appDetail(c, found), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/apps/{app_id}",
      tags: ["apps"],
      summary: "Rename an app, or change its description or icon",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(z.object({ name, description: description.optional(), ...iconFields })) },
      responses: { 200: json(appDetailSchema) },
    }),
    async (c) => {
      const updated = await updateApp(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json"));
      return c.json(await appDetail(c, updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/apps/{app_id}",
      tags: ["apps"],
      summary: "Delete an app with its versions, conversations, messages, end users and API keys",
      ...guard("app_edit"),
      request: { params: appParam },
      responses: { 204: noContent },
    }),
    async (c) => {
      await deleteApp(c.var.wctx, c.req.valid("param").app_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/copy",
      tags: ["apps"],
      summary: "Copy an app with its draft config (not its logs, keys or versions)",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(z.object({ name: name.optional(), description: description.optional(), ...iconFields }), false),
      },
      responses: { 201: json(appDetailSchema, "Created") },
    }),
    async (c) => {
      const copy = await duplicateApp(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json"));
      return c.json(await appDetail(c, copy), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/site-enable",
      tags: ["apps"],
      summary: "Turn the public WebApp on or off",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(z.object({ enable_site: z.boolean() })) },
      responses: { 200: json(appDetailSchema) },
    }),
    async (c) => {
      const updated = await updateApp(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json"));
      return c.json(await appDetail(c, updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/api-enable",
      tags: ["apps"],
      summary: "Turn the Service API of the app on or off",
      ...guard("app_edit"),
      request: { params: appParam, ...jsonBody(z.object({ enable_api: z.boolean() })) },
      responses: { 200: json(appDetailSchema) },
    }),
    async (c) => {
      const updated = await updateApp(c.var.wctx, c.req.valid("param").app_id, c.req.valid("json"));
      return c.json(await appDetail(c, updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/site",
      tags: ["apps"],
      summary: "Settings of the public WebApp: title, description, copyright, privacy policy, language, icon",
      ...guard("app_edit"),
      request: {
        params: appParam,
        ...jsonBody(
          z.object({
            title: z.string().trim().min(1).max(255).optional(),
            description: z.string().max(1000).optional(),
            copyright: z.string().max(255).nullable().optional(),
            privacy_policy: z.string().max(2048).nullable().optional(),
            default_language: z
              .string()
              .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as en-US")
              .optional(),
            ...iconFields,
          }),
        ),
      },
      responses: { 200: json(siteSchema) },
    }),
    async (c) => {
      const { icon_type, icon, icon_background, ...site } = c.req.valid("json");
      const updated = await updateApp(c.var.wctx, c.req.valid("param").app_id, { icon_type, icon, icon_background, site });
      return c.json(appView(updated).site, 200);
    },
  );

  return app;
}
