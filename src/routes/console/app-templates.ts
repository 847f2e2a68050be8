// The template gallery at /console/api/app-templates: the list, and one template as a DSL file
// (with the workspace's default model filled in) that the dashboard imports like any Dify export.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { NotFound } from "../../lib/errors";
import { resolveDefaultModel } from "../../models/registry";
import { findTemplate, listTemplates, templateDsl } from "../../workflow/templates";
import { errorSchema, guard, json } from "../access";

const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    mode: z.enum(["workflow", "advanced-chat"]),
    icon: z.string(),
    icon_background: z.string(),
    category: z.string(),
  })
  .openapi("AppTemplate");

export function appTemplateRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/app-templates",
      tags: ["apps"],
      summary: "The template gallery: ready workflow and chatflow apps",
      ...guard("member"),
      responses: { 200: json(z.object({ data: z.array(templateSchema) })) },
    }),
    (c) => c.json({ data: listTemplates() }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/app-templates/{template_id}",
      tags: ["apps"],
      summary: "One template as a Dify DSL file, with the workspace's default model in its LLM nodes",
      ...guard("member"),
      request: { params: z.object({ template_id: z.string().max(64) }) },
      responses: {
        200: json(templateSchema.extend({ export_data: z.string() })),
        404: json(errorSchema, "No such template"),
      },
    }),
    async (c) => {
      const template = findTemplate(c.req.valid("param").template_id);
      if (!template) throw NotFound("Template");
      const model = await resolveDefaultModel(c.var.wctx, "llm");
      const { build: _, ...info } = template;
      return c.json({ ...info, export_data: templateDsl(template, { provider: model.provider, name: model.model }) }, 200);
    },
  );

  return app;
}
