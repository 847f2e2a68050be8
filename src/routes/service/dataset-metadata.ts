// Knowledge API metadata: a dataset's custom fields, its built-in fields switch, and the values
// documents hold (which retrieval's metadata_filtering_conditions filter on).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  builtInFields,
  createMetadataField,
  deleteMetadataField,
  listMetadataFields,
  metadataFieldInputSchema,
  metadataFieldView,
  metadataOperationsSchema,
  metadataRenameSchema,
  renameMetadataField,
  setBuiltInFieldsEnabled,
  updateDocumentsMetadata,
} from "../../knowledge/metadata-fields";
import { KilnError } from "../../lib/errors";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { json, resultSchema } from "../access";
import { datasetParam, deleted, deletedResponse, jsonBody, knowledgeAccess, knowledgeErrorResponses } from "./dataset-access";
import { metadataFieldSchema } from "./dataset-schemas";

export const metadataListSchema = z
  .object({
    doc_metadata: z.array(metadataFieldSchema.extend({ count: z.number().int() })),
    built_in_field_enabled: z.boolean(),
  })
  .openapi("KnowledgeMetadataList");

export const builtInFieldsSchema = z.object({ fields: z.array(z.object({ name: z.string(), type: z.string() })) }).openapi("KnowledgeBuiltInFields");

const metadataParam = datasetParam.extend({ metadata_id: z.string().min(1).max(64) });

export function knowledgeMetadataRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();
  const base = "/datasets/{dataset_id}/metadata";

  app.openapi(
    createRoute({
      method: "get",
      path: base,
      summary: "Custom metadata fields with how many documents use each",
      ...knowledgeAccess(),
      request: { params: datasetParam },
      responses: { 200: json(metadataListSchema), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await listMetadataFields(c.var.knowledge.tctx, c.var.dataset), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: base,
      summary: "Add a metadata field (string, number or time)",
      ...knowledgeAccess(),
      request: { params: datasetParam, ...jsonBody(metadataFieldInputSchema) },
      responses: { 201: json(metadataFieldSchema, "Created"), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const field = await createMetadataField(c.var.knowledge.tctx, c.var.dataset, c.req.valid("json"));
      return c.json(metadataFieldView(field), 201);
    },
  );

  // Before `{metadata_id}`: "built-in" is a path of its own.
  app.openapi(
    createRoute({
      method: "get",
      path: `${base}/built-in`,
      summary: "The built-in metadata fields",
      ...knowledgeAccess(),
      request: { params: datasetParam },
      responses: { 200: json(builtInFieldsSchema), ...knowledgeErrorResponses },
    }),
    (c) => c.json(builtInFields(), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${base}/built-in/{action}`,
      summary: "Enable or disable the built-in metadata fields",
      ...knowledgeAccess(),
      request: { params: datasetParam.extend({ action: z.string().max(16).openapi({ enum: ["enable", "disable"] }) }) },
      responses: { 200: json(resultSchema), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { action } = c.req.valid("param");
      if (action !== "enable" && action !== "disable") throw new KilnError("invalid_action", 400, `Invalid action: ${action}.`);
      await setBuiltInFieldsEnabled(c.var.knowledge.tctx, c.var.dataset, action === "enable");
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${base}/{metadata_id}`,
      summary: "Rename a metadata field (documents' values follow)",
      ...knowledgeAccess(),
      request: { params: metadataParam, ...jsonBody(metadataRenameSchema) },
      responses: { 200: json(metadataFieldSchema), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const field = await renameMetadataField(c.var.knowledge.tctx, c.var.dataset, c.req.valid("param").metadata_id, c.req.valid("json").name);
      return c.json(metadataFieldView(field), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${base}/{metadata_id}`,
      summary: "Delete a metadata field and its values",
      ...knowledgeAccess(),
      request: { params: metadataParam },
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      await deleteMetadataField(c.var.knowledge.tctx, c.var.dataset, c.req.valid("param").metadata_id);
      return deleted(c);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents/metadata",
      summary: "Set documents' metadata values (replace, or merge with partial_update)",
      ...knowledgeAccess(),
      request: { params: datasetParam, ...jsonBody(metadataOperationsSchema) },
      responses: { 200: json(resultSchema), ...knowledgeErrorResponses },
    }),
    async (c) => {
      await updateDocumentsMetadata(c.var.knowledge.tctx, c.var.dataset, c.req.valid("json"));
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
