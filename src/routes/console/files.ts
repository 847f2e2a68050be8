// Console uploads (Dify's console POST /files/upload): a file a member gives a debug run's file
// input, stored for the workspace. Runs read it by id, within the workspace only.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { uploadConsoleFile } from "../../apps/upload-files";
import type { HonoEnv } from "../../hono-env";
import { guard } from "../access";
import { maxUploadBody, uploadedFile, uploadRouteParts } from "../service/files";

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
      ...uploadRouteParts(),
    }),
    async (c) => {
      const file = uploadedFile(c.req.valid("form"));
      return c.json(await uploadConsoleFile(c.var.wctx, c.var.wctx.actor.accountId, file), 201);
    },
  );

  return app;
}
