// The one Service API route Dify guards with a dataset key rather than an app key: the models of a
// type the key's workspace can use (the Knowledge API's "available embedding models"), in Dify's
// ProviderWithModelsResponse shape.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { listModelsOfType, MODEL_TYPES, type ModelType } from "../../models/registry";
import { json } from "../access";
import { knowledgeAccess, knowledgeErrorResponses } from "./dataset-access";

/** Dify's model types; Kiln serves LLMs and embeddings, the others have no providers here. */
const DIFY_MODEL_TYPES = ["llm", "text-embedding", "rerank", "speech2text", "moderation", "tts"] as const;

const i18n = (text: string) => ({ en_US: text, zh_Hans: text });
const i18nSchema = z.object({ en_US: z.string(), zh_Hans: z.string() });

export function workspaceModelRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/models/model-types/{model_type}",
      summary: "Models of one type the dataset key's workspace can use, by provider (e.g. text-embedding)",
      ...knowledgeAccess({ dataset: false }),
      request: { params: z.object({ model_type: z.enum(DIFY_MODEL_TYPES) }) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                tenant_id: z.string(),
                provider: z.string(),
                label: i18nSchema,
                icon_small: z.null(),
                icon_large: z.null(),
                status: z.literal("active"),
                models: z.array(
                  z.object({
                    model: z.string(),
                    label: i18nSchema,
                    model_type: z.string(),
                    features: z.array(z.string()),
                    fetch_from: z.string(),
                    model_properties: z.record(z.string(), z.unknown()),
                    deprecated: z.boolean(),
                    status: z.literal("active"),
                    load_balancing_enabled: z.boolean(),
                  }),
                ),
              }),
            ),
          }),
        ),
        ...knowledgeErrorResponses,
      },
    }),
    async (c) => {
      const type = c.req.valid("param").model_type;
      const { tctx } = c.var.knowledge;
      const providers = (MODEL_TYPES as readonly string[]).includes(type) ? await listModelsOfType(tctx, type as ModelType) : [];
      return c.json(
        {
          data: providers.map((p) => ({
            tenant_id: tctx.workspace.id,
            provider: p.provider,
            label: i18n(p.label),
            icon_small: null,
            icon_large: null,
            status: "active" as const,
            models: p.models.map((m) => ({
              model: m.model,
              label: i18n(m.model),
              model_type: m.model_type,
              features: [] as string[],
              fetch_from: p.is_offline ? "predefined-model" : "customizable-model",
              model_properties: {} as Record<string, never>,
              deprecated: false,
              status: "active" as const,
              load_balancing_enabled: false,
            })),
          })),
        },
        200,
      );
    },
  );
  return app;
}
