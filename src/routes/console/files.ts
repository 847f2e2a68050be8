// Console uploads (Dify's console POST /files/upload): a file a member gives a debug run's file
// input, stored for the workspace. Runs read it by id, within the workspace only.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { uploadConsoleFile } from "../../apps/upload-files";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, guard, json } from "../access";
import { fileSchema, maxUploadBody, uploadedFile, uploadForm } from "../service/files";

const edit = guard("app_edit");

export function consoleFileRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/files/upload",
      tags: ["files"],
      summary: "Upload a file for a debug run's file input (images up to 10 MB, other files up to 15 MB)",
      ...edit,
      middleware: [edit.middleware, maxUploadBody],
      request: { body: { required: true, content: { "multipart/form-data": { schema: uploadForm } } } },
      responses: {
        201: json(fileSchema, "Stored"),
        400: json(errorSchema, "no_file_uploaded, too_many_files or a bad file name"),
        413: json(errorSchema, "file_too_large"),
        415: json(errorSchema, "unsupported_file_type"),
      },
    }),
    async (c) => {
      const file = uploadedFile(c.req.valid("form"));
      return c.json(await uploadConsoleFile(c.var.wctx, c.var.wctx.actor.accountId, file), 201);
    },
  );

  return app;
}
