// The Tools page's list of every provider the workspace can use, and "Test" on any tool.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { listToolProviders } from "../../tools/registry";
import { tryTool } from "../../tools/try-tool";
import { TOOL_PROVIDER_TYPES } from "../../tools/types";
import { errorSchema, guard, json } from "../access";
import { toolProviderSchema, toolTestResponseSchema } from "../tool-schemas";
import { jsonBody } from "./apps";

const providerType = z.enum(TOOL_PROVIDER_TYPES);

export function toolProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/tool-providers",
      tags: ["tools"],
      summary: "Every tool provider of the workspace: built-in, custom API, MCP and apps as tools",
      ...guard("member"),
      request: { query: z.object({ type: providerType.optional() }) },
      responses: { 200: json(z.array(toolProviderSchema)) },
    }),
    async (c) => c.json(await listToolProviders(c.var.wctx, c.req.valid("query").type), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/tool-providers/{provider_type}/{provider_id}/tools/{tool_name}/test",
      tags: ["tools"],
      summary: "Call one tool with sample inputs and see its result",
      ...guard("app_edit"),
      request: {
        params: z.object({ provider_type: providerType, provider_id: z.string().min(1).max(200), tool_name: z.string().min(1).max(200) }),
        ...jsonBody(z.object({ parameters: z.record(z.string(), z.unknown()).default({}) })),
      },
      responses: {
        200: json(toolTestResponseSchema),
        400: json(errorSchema, "The tool failed or timed out (tool_error), or the inputs are invalid"),
        404: json(errorSchema, "No such provider or tool in this workspace"),
      },
    }),
    async (c) => {
      const { provider_type, provider_id, tool_name } = c.req.valid("param");
      const { parameters } = c.req.valid("json");
      return c.json(await tryTool(c.var.wctx, { provider_type, provider_id, tool_name }, parameters), 200);
    },
  );

  return app;
}
