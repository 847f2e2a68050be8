// The WebApp's file upload (Dify's web POST /api/files/upload): a file the browser's end user
// attaches to a workflow input or a message, stored for this app as the Service API's upload is.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { uploadFile } from "../../apps/upload-files";
import type { WebAppEnv } from "../../middleware/end-user";
import { maxUploadBody, uploadedFile, uploadRouteParts } from "../service/files";
import { webappAccess } from "./access";

export function fileRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/files/upload",
      tags: ["webapp"],
      summary: "Upload a file for this app (images up to 10 MB, other files up to 15 MB)",
      ...webappAccess({ maxBody: maxUploadBody }),
      ...uploadRouteParts(),
    }),
    async (c) => {
      const w = c.var.webapp;
      return c.json(await uploadFile(w.tctx, w.app.id, w.endUser, uploadedFile(c.req.valid("form"))), 201);
    },
  );

  return app;
}
