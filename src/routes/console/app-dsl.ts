// App DSL: import a Dify DSL file (pasted or by URL), confirm an import of a newer DSL version,
// export an app. Failed imports answer 400 with the import's own body, as Dify does.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { confirmImport, exportApp, importApp } from "../../apps/dsl";
import type { HonoEnv } from "../../hono-env";
import { guard, json } from "../access";

const importSchema = z
  .object({
    id: z.string(),
    status: z.enum(["completed", "completed-with-warnings", "pending", "failed"]),
    app_id: z.string().nullable(),
    app_mode: z.string().nullable(),
    current_dsl_version: z.string(),
    imported_dsl_version: z.string(),
    error: z.string(),
    warnings: z.array(z.string()),
  })
  .openapi("AppImport");

const importBody = z.strictObject({
  mode: z.enum(["yaml-content", "yaml-url"]),
  yaml_content: z.string().optional(),
  yaml_url: z.string().max(2048).optional(),
  name: z.string().max(255).optional(),
  description: z.string().max(400).optional(),
  icon_type: z.string().max(32).optional(),
  icon: z.string().max(255).optional(),
  icon_background: z.string().max(32).optional(),
  app_id: z.string().max(64).optional(),
});

export function appDslRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/imports",
      tags: ["apps"],
      summary: "Import an app from a Dify DSL file (or overwrite a workflow app's draft with `app_id`); a newer DSL version waits for confirmation",
      ...guard("app_edit"),
      request: { body: { required: true, content: { "application/json": { schema: importBody } } } },
      responses: {
        200: json(importSchema, "Imported (status completed or completed-with-warnings)"),
        202: json(importSchema, "Pending: confirm within 10 minutes"),
        400: json(importSchema, "Failed; `error` says why"),
      },
    }),
    async (c) => {
      const result = await importApp(c.var.wctx, c.req.valid("json"));
      if (result.status === "failed") return c.json(result, 400);
      if (result.status === "pending") return c.json(result, 202);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/imports/{import_id}/confirm",
      tags: ["apps"],
      summary: "Confirm a pending import: creates the app",
      ...guard("app_edit"),
      request: { params: z.object({ import_id: z.string().min(1).max(64) }) },
      responses: { 200: json(importSchema) },
    }),
    async (c) => c.json(await confirmImport(c.var.wctx, c.req.valid("param").import_id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/export",
      tags: ["apps"],
      summary: "The app's draft configuration (or workflow version `workflow_id`) as a Dify DSL file",
      ...guard("member"),
      request: {
        params: z.object({ app_id: z.string().min(1).max(64) }),
        query: z.object({ include_secret: z.enum(["true", "false"]).optional(), workflow_id: z.string().optional() }),
      },
      responses: { 200: json(z.object({ data: z.string() })) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const options = { includeSecret: q.include_secret === "true", workflowId: q.workflow_id || undefined };
      return c.json({ data: await exportApp(c.var.wctx, c.req.valid("param").app_id, options) }, 200);
    },
  );

  return app;
}
