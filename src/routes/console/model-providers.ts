// Model providers of the current workspace: list, add OpenAI or OpenAI-compatible credentials,
// remove; the workspace's default models; and the models on offer per model type.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { knownProviders } from "../../models/catalogue";
import { deleteProvider, saveCompatibleProvider, saveKnownProvider, saveOpenAICredentials } from "../../models/credentials";
import { getDefaultModel, setDefaultModels } from "../../models/defaults";
import { listModelsOfType, listProviders, MODEL_TYPES, PROVIDER_TYPES } from "../../models/registry";
import { guard, json, noContent, resultSchema } from "../access";

const modelType = z.enum(MODEL_TYPES);
const modelName = z.string().trim().min(1).max(200);
const modelSchema = z
  .object({ model: modelName, model_type: modelType, endpoint_model_name: z.string().optional() })
  .openapi("ProviderModel");
const declaredModel = z.strictObject({
  model: modelName,
  model_type: modelType,
  /** Sent to the endpoint instead of `model` (Volcengine's endpoint ids, a server's own names). */
  endpoint_model_name: modelName.optional(),
});

const providerSchema = z
  .object({
    provider: z.string(),
    provider_type: z.enum(PROVIDER_TYPES),
    label: z.string(),
    description: z.string(),
    is_offline: z.boolean(),
    is_system: z.boolean(),
    configured: z.boolean(),
    base_url: z.string().nullable(),
    api_key_hint: z.string().nullable(),
    models: z.array(modelSchema),
  })
  .openapi("ModelProvider");

const savedSchema = z.object({ result: z.literal("success"), provider: providerSchema });

const apiKey = z.string().trim().min(1).max(1024);
const baseUrl = z.string().trim().min(1).max(2048);

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

export function modelProviderRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/model-providers",
      tags: ["model-providers"],
      summary: "Model providers of the current workspace (the offline provider is always there)",
      ...guard("member"),
      responses: { 200: json(z.object({ data: z.array(providerSchema) })) },
    }),
    async (c) => c.json({ data: await listProviders(c.var.wctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/model-providers/openai/credentials",
      tags: ["model-providers"],
      summary: "Set the workspace's OpenAI key; checked with a real call before it is saved",
      ...guard("admin"),
      request: body(
        z.strictObject({
          api_key: apiKey,
          base_url: baseUrl.optional(),
          models: z.array(declaredModel).max(100).optional(),
        }),
      ),
      responses: { 200: json(savedSchema) },
    }),
    async (c) => {
      const provider = await saveOpenAICredentials(c.var.wctx, c.req.valid("json"));
      return c.json({ result: "success" as const, provider }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/model-providers/catalogue",
      tags: ["model-providers"],
      summary: "Dify's providers a workspace can add by key, under Dify's names, so imported apps that name them run",
      ...guard("member"),
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                provider: z.string(),
                label: z.string(),
                base_url: z.string().nullable(),
                api_key_required: z.boolean(),
                example_model: z.string(),
                example_model_type: modelType,
                configured: z.boolean(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => {
      const configured = new Set((await listProviders(c.var.wctx)).filter((p) => p.configured).map((p) => p.provider));
      const data = knownProviders().map((k) => ({
        provider: k.provider,
        label: k.label,
        base_url: k.baseUrl,
        api_key_required: k.apiKeyRequired,
        example_model: k.exampleModel,
        example_model_type: k.exampleType ?? ("llm" as const),
        configured: configured.has(k.provider),
      }));
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/model-providers/{provider}/credentials",
      tags: ["model-providers"],
      summary: "Add or replace one of Dify's providers (siliconflow, ollama…) by key; checked with a real call per model first",
      ...guard("admin"),
      request: {
        params: z.object({ provider: z.string().min(1).max(64) }),
        ...body(
          z.strictObject({
            api_key: apiKey.optional(),
            base_url: baseUrl.optional(),
            models: z.array(declaredModel).min(1).max(100),
          }),
        ),
      },
      responses: { 200: json(savedSchema) },
    }),
    async (c) => {
      const provider = await saveKnownProvider(c.var.wctx, c.req.valid("param").provider, c.req.valid("json"));
      return c.json({ result: "success" as const, provider }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/model-providers/openai_api_compatible",
      tags: ["model-providers"],
      summary: "Add or replace an OpenAI-compatible endpoint (provider `compat_<name>`), checked first",
      ...guard("admin"),
      request: body(
        z.strictObject({
          name: z.string().regex(/^[a-z0-9_-]{1,32}$/, "use 1-32 of a-z, 0-9, _ and -"),
          label: z.string().trim().min(1).max(60),
          base_url: baseUrl,
          api_key: apiKey.optional(),
          models: z.array(declaredModel).min(1).max(100),
        }),
      ),
      responses: { 201: json(savedSchema) },
    }),
    async (c) => {
      const provider = await saveCompatibleProvider(c.var.wctx, c.req.valid("json"));
      return c.json({ result: "success" as const, provider }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/workspaces/current/model-providers/{provider}",
      tags: ["model-providers"],
      summary: "Remove a provider's credentials (built-in providers cannot be removed)",
      ...guard("admin"),
      request: { params: z.object({ provider: z.string().min(1).max(64) }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      await deleteProvider(c.var.wctx, c.req.valid("param").provider);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/default-model",
      tags: ["model-providers"],
      summary: "The workspace's default model of a type (the offline model when unset; for speech, the first one offered, or null)",
      ...guard("member"),
      request: { query: z.object({ model_type: modelType }) },
      responses: {
        200: json(
          z.object({
            data: z.object({ model_type: modelType, provider: z.string(), model: z.string(), is_offline: z.boolean() }).nullable(),
          }),
        ),
      },
    }),
    async (c) => c.json({ data: await getDefaultModel(c.var.wctx, c.req.valid("query").model_type) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/workspaces/current/default-model",
      tags: ["model-providers"],
      summary: "Set default models; each must be a model this workspace has",
      ...guard("admin"),
      request: body(
        z.strictObject({
          model_settings: z
            .array(z.strictObject({ model_type: modelType, provider: z.string().min(1).max(64), model: modelName }))
            .min(1)
            .max(10),
        }),
      ),
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      await setDefaultModels(c.var.wctx, c.req.valid("json").model_settings);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/workspaces/current/models/model-types/{model_type}",
      tags: ["model-providers"],
      summary: "Models of one type the workspace can use, grouped by provider",
      ...guard("member"),
      request: { params: z.object({ model_type: modelType }) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                provider: z.string(),
                label: z.string(),
                is_offline: z.boolean(),
                accepts_any_model: z.boolean(),
                models: z.array(modelSchema),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => c.json({ data: await listModelsOfType(c.var.wctx, c.req.valid("param").model_type) }, 200),
  );

  return app;
}
