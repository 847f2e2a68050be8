// Metadata of a knowledge base at Dify's console paths: custom fields, the built-in fields switch,
// documents' values (in bulk as Dify's operation_data, or one document's by field name).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { getDataset } from "../../knowledge/datasets";
import { documentView } from "../../knowledge/documents";
import {
  builtInFields,
  createMetadataField,
  deleteMetadataField,
  listFields,
  listMetadataFields,
  metadataFieldInputSchema,
  metadataFieldView,
  metadataOperationsSchema,
  metadataRenameSchema,
  renameMetadataField,
  setBuiltInFieldsEnabled,
  setDocumentMetadata,
  updateDocumentsMetadata,
  withMetadataDetails,
} from "../../knowledge/metadata-fields";
import { KilnError } from "../../lib/errors";
import { errorSchema, guard, json, noContent, resultSchema } from "../access";
import { builtInFieldsSchema, metadataListSchema } from "../service/dataset-metadata";
import { metadataFieldSchema } from "../service/dataset-schemas";
import { jsonBody } from "./apps";

const id = z.string().min(1).max(64);
const datasetParam = z.object({ dataset_id: id });
const metadataParam = datasetParam.extend({ metadata_id: id });
const documentParam = datasetParam.extend({ document_id: id });

const documentMetadataSchema = z
  .object({
    id: z.string(),
    doc_type: z.null(),
    doc_metadata: z.array(metadataFieldSchema.extend({ value: z.union([z.string(), z.number(), z.null()]) })).nullable(),
  })
  .openapi("DocumentMetadata");

const notFound = json(errorSchema, "Dataset, field or document not found");

export function datasetMetadataRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/metadata/built-in",
      tags: ["datasets"],
      summary: "The built-in metadata fields",
      ...guard("member"),
      responses: { 200: json(builtInFieldsSchema) },
    }),
    (c) => c.json(builtInFields(), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/metadata",
      tags: ["datasets"],
      summary: "Custom metadata fields with how many documents use each",
      ...guard("member"),
      request: { params: datasetParam },
      responses: { 200: json(metadataListSchema), 404: notFound },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      return c.json(await listMetadataFields(c.var.wctx, dataset), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/metadata",
      tags: ["datasets"],
      summary: "Add a metadata field (string, number or time)",
      ...guard("dataset_edit"),
      request: { params: datasetParam, ...jsonBody(metadataFieldInputSchema) },
      responses: { 201: json(metadataFieldSchema, "Created"), 404: notFound },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      return c.json(metadataFieldView(await createMetadataField(c.var.wctx, dataset, c.req.valid("json"))), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/metadata/{metadata_id}",
      tags: ["datasets"],
      summary: "Rename a metadata field (documents' values follow)",
      ...guard("dataset_edit"),
      request: { params: metadataParam, ...jsonBody(metadataRenameSchema) },
      responses: { 200: json(metadataFieldSchema), 404: notFound },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, p.dataset_id);
      return c.json(metadataFieldView(await renameMetadataField(c.var.wctx, dataset, p.metadata_id, c.req.valid("json").name)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}/metadata/{metadata_id}",
      tags: ["datasets"],
      summary: "Delete a metadata field and its values",
      ...guard("dataset_edit"),
      request: { params: metadataParam },
      responses: { 204: noContent, 404: notFound },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await deleteMetadataField(c.var.wctx, await getDataset(c.var.wctx, p.dataset_id), p.metadata_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/metadata/built-in/{action}",
      tags: ["datasets"],
      summary: "Enable or disable the built-in metadata fields",
      ...guard("dataset_edit"),
      request: { params: datasetParam.extend({ action: z.string().max(16).openapi({ enum: ["enable", "disable"] }) }) },
      responses: { 200: json(resultSchema), 400: json(errorSchema, "invalid_action"), 404: notFound },
    }),
    async (c) => {
      const p = c.req.valid("param");
      if (p.action !== "enable" && p.action !== "disable") throw new KilnError("invalid_action", 400, `Invalid action: ${p.action}.`);
      await setBuiltInFieldsEnabled(c.var.wctx, await getDataset(c.var.wctx, p.dataset_id), p.action === "enable");
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents/metadata",
      tags: ["datasets"],
      summary: "Set documents' metadata values (replace, or merge with partial_update)",
      ...guard("dataset_edit"),
      request: { params: datasetParam, ...jsonBody(metadataOperationsSchema) },
      responses: { 200: json(resultSchema), 400: json(errorSchema, "A value does not fit its field"), 404: notFound },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      await updateDocumentsMetadata(c.var.wctx, dataset, c.req.valid("json"));
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/documents/{document_id}/metadata",
      tags: ["datasets"],
      summary: "Set one document's metadata values by field name; null clears a value",
      ...guard("dataset_edit"),
      request: {
        params: documentParam,
        ...jsonBody(z.object({ metadata: z.record(z.string().max(255), z.union([z.string().max(10_000), z.number(), z.null()])) })),
      },
      responses: { 200: json(documentMetadataSchema), 400: json(errorSchema, "Unknown field or a value that does not fit it"), 404: notFound },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, p.dataset_id);
      const doc = await setDocumentMetadata(c.var.wctx, dataset, p.document_id, c.req.valid("json").metadata);
      const view = withMetadataDetails(documentView(doc), await listFields(c.var.wctx, dataset.id));
      return c.json({ id: view.id, doc_type: null, doc_metadata: view.doc_metadata }, 200);
    },
  );

  return app;
}
