// POST /files/upload: one file (multipart `file`) for an end user, to refer to in `files` of a
// later message.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { previewFile, UPLOAD_LIMITS_MB, uploadFile } from "../../apps/upload-files";
import type { HonoEnv } from "../../hono-env";
import { KilnError } from "../../lib/errors";
import { errorSchema, json } from "../access";
import { endUserOf, limitBody, serviceAccess, serviceErrorResponses } from "./access";

const MB = 1024 * 1024;
// The largest file plus room for the multipart framing; beyond it the body is not read at all.
export const maxUploadBody = limitBody(Math.max(...Object.values(UPLOAD_LIMITS_MB)) * MB + 64 * 1024, () =>
  new KilnError("file_too_large", 413, `File size exceeded. Files may be at most ${UPLOAD_LIMITS_MB.document} MB.`),
);

/** The one file of an upload form (Dify's checks: exactly one file part, named `file`). */
export function uploadedFile(form: Record<string, unknown>): File {
  const files = Object.values(form)
    .flat()
    .filter((v): v is File => v instanceof File);
  if (files.length > 1) throw new KilnError("too_many_files", 400, "Only one file is allowed.");
  if (!(form.file instanceof File)) throw new KilnError("no_file_uploaded", 400, "Please upload your file.");
  return form.file;
}

/** The multipart body of an upload: loose, so a wrong field count gets Dify's file errors, not a schema error. */
export const uploadForm = z.looseObject({
  file: z.any().optional().openapi({ type: "string", format: "binary" }),
  user: z.any().optional().openapi({ type: "string" }),
});

/** The request and answers every upload route shares (Service API, WebApp, console). */
export const uploadRouteParts = () => ({
  request: { body: { required: true, content: { "multipart/form-data": { schema: uploadForm } } } },
  responses: {
    201: json(fileSchema, "Stored"),
    400: json(errorSchema, "no_file_uploaded, too_many_files or a bad file name"),
    413: json(errorSchema, "file_too_large"),
    415: json(errorSchema, "unsupported_file_type"),
  },
});

export const fileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    extension: z.string(),
    mime_type: z.string(),
    created_by: z.string(),
    created_at: z.number().int(),
    preview_url: z.string().nullable(),
    source_url: z.string().nullable().openapi({ description: "A signed link to the bytes, valid 5 minutes" }),
  })
  .openapi("UploadedFile");

export function fileRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/files/upload",
      summary: "Upload a file (images up to 10 MB, documents up to 15 MB)",
      ...serviceAccess({ maxBody: maxUploadBody }),
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": { schema: uploadForm },
          },
        },
      },
      responses: {
        201: json(fileSchema, "Stored"),
        ...serviceErrorResponses,
        413: json(errorSchema, "file_too_large"),
        415: json(errorSchema, "unsupported_file_type"),
      },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const file = uploadedFile(form);
      const endUser = await endUserOf(c, typeof form.user === "string" ? form.user : undefined);
      const { app: a, tctx } = c.var.service;
      return c.json(await uploadFile(tctx, a.id, endUser, file), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/files/{file_id}/preview",
      summary: "The bytes of a file uploaded to this app (as_attachment=true to download it)",
      ...serviceAccess(),
      request: {
        params: z.object({ file_id: z.string().min(1).max(64) }),
        query: z.object({
          user: z.string().max(255).optional(),
          as_attachment: z
            .enum(["true", "false", "1", "0", "yes", "no", "on", "off", ""])
            .optional()
            .transform((v) => v === "true" || v === "1" || v === "yes" || v === "on"),
        }),
      },
      responses: {
        200: { description: "The file, with its type, length and a one-hour cache", content: { "application/octet-stream": { schema: z.string() } } },
        ...serviceErrorResponses,
        403: json(errorSchema, "file_access_denied: the file belongs to another app"),
        404: json(errorSchema, "file_not_found"),
      },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      return previewFile(tctx, a.id, c.req.valid("param").file_id, c.req.valid("query").as_attachment);
    },
  );

  return app;
}
