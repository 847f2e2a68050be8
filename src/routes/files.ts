// GET /files/:file_id/file-preview: a file by a signed link (Dify's path and query), as
// `message_files[].url` gives it; no key needed, the signature is the permission.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { fileBySignedUrl } from "../apps/upload-files";
import type { HonoEnv } from "../hono-env";
import { errorSchema, json, publicAccess } from "./access";

export function signedFileRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/files/{file_id}/file-preview",
      tags: ["files"],
      summary: "An uploaded file by a signed link from a message's message_files (valid 5 minutes)",
      ...publicAccess,
      request: {
        params: z.object({ file_id: z.string().min(1).max(64) }),
        query: z.object({
          timestamp: z.string().max(20),
          nonce: z.string().max(64),
          sign: z.string().max(128),
          as_attachment: z.enum(["true", "false"]).optional(),
        }),
      },
      responses: {
        200: { description: "The file: images, audio and video inline, anything else as a download", content: { "application/octet-stream": { schema: z.string() } } },
        403: json(errorSchema, "The link is not genuine or has expired"),
        404: json(errorSchema, "file_not_found"),
      },
    }),
    async (c) => {
      const { timestamp, nonce, sign, as_attachment } = c.req.valid("query");
      return fileBySignedUrl(c.var.ctx, c.req.valid("param").file_id, { timestamp, nonce, sign }, as_attachment === "true");
    },
  );
  return app;
}
