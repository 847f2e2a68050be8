// Human Input forms on the web (Dify's `/api/form/human_input/:form_token`): the token a paused
// run's human_input_required event carried is the whole credential, as in Dify, so the person a
// form is for needs no passport. Open the form (with the app's site, to draw the page) and submit
// it; each address is rate-limited.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { appSite } from "../../apps/app-profile";
import { apps } from "../../db/schema";
import { KilnError } from "../../lib/errors";
import type { WebAppEnv } from "../../middleware/end-user";
import { formByToken, formView, submitForm } from "../../workflow/human-input-forms";
import { formOfUploadToken, issueUploadToken, uploadForForm } from "../../workflow/human-input-uploads";
import { eq } from "drizzle-orm";
import { errorSchema, json, publicAccess } from "../access";
import { fileSchema, maxUploadBody, uploadedFile } from "../service/files";
import { formErrors, formSchema, formTokenParam, submitFields } from "../service/human-input";
import { rateLimit } from "./rate-limit";

const byAddress = (c: { req: { header(name: string): string | undefined } }) => c.req.header("cf-connecting-ip") ?? "unknown";
const openLimit = rateLimit<WebAppEnv>({ name: "form views", limit: 60, key: byAddress });
const submitLimit = rateLimit<WebAppEnv>({ name: "form submissions", limit: 20, key: byAddress });
const uploadTokenLimit = rateLimit<WebAppEnv>({ name: "form upload tokens", limit: 20, key: byAddress });
const uploadLimit = rateLimit<WebAppEnv>({ name: "form uploads", limit: 60, key: byAddress });

/** A form upload's multipart body: one `file`, or a `url` to fetch it from. */
const formUpload = z.looseObject({
  file: z.any().optional().openapi({ type: "string", format: "binary" }),
  url: z.string().url().optional().openapi({ description: "Fetch the file from this address instead (public web addresses only)" }),
});

export function humanInputWebRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/form/human_input/{form_token}",
      tags: ["webapp"],
      summary: "A paused run's Human Input form by its token, with the app's site (no passport: the token is the credential)",
      ...publicAccess,
      middleware: [openLimit],
      request: { params: formTokenParam },
      responses: {
        200: json(formSchema.extend({ site: z.looseObject({}) })),
        403: json(errorSchema, "The app's site is disabled"),
        429: json(errorSchema, "Too many requests from this address"),
        ...formErrors,
      },
    }),
    async (c) => {
      const { ctx } = c.var;
      const form = await formByToken(ctx, c.req.valid("param").form_token);
      const view = formView(ctx, form);
      const owner = await ctx.db.select().from(apps).where(eq(apps.id, form.appId)).get();
      if (!owner || owner.workspaceId !== form.workspaceId) throw new KilnError("not_found", 404, "Form not found");
      if (!owner.enableSite) throw new KilnError("forbidden", 403, "The app's site is disabled.");
      return c.json({ ...view, site: { app_id: owner.id, mode: owner.mode, site: appSite(owner) } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/form/human_input/{form_token}",
      tags: ["webapp"],
      summary: "Submit a Human Input form by its token: the paused run goes on along the chosen action's branch",
      ...publicAccess,
      middleware: [submitLimit],
      request: {
        params: formTokenParam,
        body: { required: true, content: { "application/json": { schema: z.object(submitFields).openapi("WebHumanInputFormSubmit") } } },
      },
      responses: {
        200: json(z.object({})),
        400: json(errorSchema, "Not the form's action or inputs (`invalid_form_data`)"),
        429: json(errorSchema, "Too many submissions from this address"),
        ...formErrors,
      },
    }),
    async (c) => {
      const { ctx } = c.var;
      const form = await formByToken(ctx, c.req.valid("param").form_token);
      // Dify records no end user for a web submission: the token holder is anonymous.
      await submitForm(ctx, form, c.req.valid("json"), null);
      return c.json({}, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/form/human_input/{form_token}/upload-token",
      tags: ["webapp"],
      summary: "An upload token for an open form's file inputs, valid until the form is answered or expires (Dify 1.15)",
      ...publicAccess,
      middleware: [uploadTokenLimit],
      request: { params: formTokenParam },
      responses: {
        200: json(z.object({ upload_token: z.string(), expires_at: z.number().int() }).openapi("HumanInputUploadToken")),
        429: json(errorSchema, "Too many requests from this address"),
        ...formErrors,
      },
    }),
    async (c) => {
      const { ctx } = c.var;
      const form = await formByToken(ctx, c.req.valid("param").form_token);
      return c.json(await issueUploadToken(ctx, form), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/human-input-forms/files",
      tags: ["webapp"],
      summary: "Upload a file for a Human Input form with its upload token (Authorization: Bearer hitl_upload_…): a multipart `file`, or a `url`",
      ...publicAccess,
      middleware: [uploadLimit, maxUploadBody],
      request: { body: { required: true, content: { "multipart/form-data": { schema: formUpload } } } },
      responses: {
        201: json(fileSchema.partial().extend({ id: z.string(), name: z.string() }), "Stored (a fetched file answers with its `url`)"),
        400: json(errorSchema, "invalid_upload_token (not a bearer upload token), no_file_uploaded, too_many_files, remote_file_upload_failed"),
        401: json(errorSchema, "invalid_upload_token: no token"),
        403: json(errorSchema, "invalid_upload_token: not Kiln's, or its form is answered, expired or gone"),
        413: json(errorSchema, "file_too_large"),
        415: json(errorSchema, "unsupported_file_type"),
        429: json(errorSchema, "Too many uploads from this address"),
      },
    }),
    async (c) => {
      const { ctx } = c.var;
      const form = await formOfUploadToken(ctx, c.req.header("authorization"));
      const body = c.req.valid("form");
      const url = typeof body.url === "string" && body.url !== "" ? body.url : null;
      return c.json(await uploadForForm(ctx, form, { file: () => uploadedFile(body), url }), 201);
    },
  );

  return app;
}
