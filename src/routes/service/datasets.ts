// The Knowledge API (Dify's dataset-key Service API under /v1): datasets, batch document status
// and retrieval here; documents, segments and metadata in their own files, mounted below.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { TenantCtx } from "../../context";
import type { HonoEnv } from "../../hono-env";
import {
  createDataset,
  type DatasetRow,
  datasetInputSchema,
  datasetPatchSchema,
  datasetStats,
  datasetView,
  deleteDataset,
  listDatasets,
  updateDataset,
} from "../../knowledge/datasets";
import { setDocumentsStatus } from "../../knowledge/documents";
import { hitTest } from "../../knowledge/hit-testing";
import { datasetMetadataList, fieldsByDataset, listFields } from "../../knowledge/metadata-fields";
import { retrievalModelSchema } from "../../knowledge/retrieval-model";
import { tagsOfDatasets } from "../../knowledge/tags";
import { Invalid, KilnError } from "../../lib/errors";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { errorSchema, json, resultSchema } from "../access";
import { datasetParam, deleted, deletedResponse, jsonBody, knowledgeAccess, knowledgeErrorResponses, pageQuery } from "./dataset-access";
import { documentWriteRoutes } from "./dataset-document-writes";
import { documentRoutes } from "./dataset-documents";
import { knowledgeMetadataRoutes } from "./dataset-metadata";
import { datasetSchema, pageOf, retrieveResponseSchema } from "./dataset-schemas";
import { segmentRoutes } from "./dataset-segments";
import { knowledgeTagRoutes } from "./dataset-tags";

/** Dify's dataset detail: the dataset with its counts and its metadata fields. */
async function datasetOut(tctx: TenantCtx, d: DatasetRow) {
  const [stats, fields, tags] = await Promise.all([datasetStats(tctx, [d.id]), listFields(tctx, d.id), tagsOfDatasets(tctx, [d.id])]);
  return { ...datasetView(d, stats.get(d.id), tags.get(d.id)), doc_metadata: datasetMetadataList(d, fields) };
}

// Dify's payload also names external knowledge bases, which Kiln does not have.
const createSchema = datasetInputSchema
  .extend({
    provider: z.enum(["vendor", "external"]).optional(),
    external_knowledge_api_id: z.string().max(64).nullish(),
    external_knowledge_id: z.string().max(255).nullish(),
  })
  .refine((d) => d.provider !== "external", { message: "External knowledge bases are not supported.", path: ["provider"] });

const patchSchema = datasetPatchSchema.extend({
  partial_member_list: z.array(z.record(z.string(), z.string())).nullish(),
  external_retrieval_model: z.record(z.string(), z.unknown()).nullish(),
});

const STATUS_ACTIONS = ["enable", "disable", "archive", "un_archive"] as const;
const isStatusAction = (a: string): a is (typeof STATUS_ACTIONS)[number] => (STATUS_ACTIONS as readonly string[]).includes(a);

const retrieveSchema = z.object({
  query: z.string().max(250, "Query cannot exceed 250 characters").nullish(),
  retrieval_model: retrievalModelSchema.nullish(),
  external_retrieval_model: z.record(z.string(), z.unknown()).nullish(),
  attachment_ids: z.array(z.string()).max(10).nullish(),
});

function datasetCrudRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets",
      summary: "Knowledge bases of the key's workspace",
      ...knowledgeAccess({ dataset: false }),
      request: {
        query: z.object({
          ...pageQuery,
          keyword: z.string().max(255).optional(),
          tag_ids: z.union([z.string(), z.array(z.string())]).optional(),
          include_all: z.string().optional(),
        }),
      },
      responses: { 200: json(pageOf(datasetSchema)), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { tctx } = c.var.knowledge;
      const tagIds = q.tag_ids === undefined ? undefined : [q.tag_ids].flat();
      const page = await listDatasets(tctx, { page: q.page, limit: q.limit }, { keyword: q.keyword || undefined, tagIds });
      const fields = await fieldsByDataset(tctx, page.data.map((d) => d.id));
      const data = page.data.map((d) => ({
        ...d,
        doc_metadata: datasetMetadataList({ builtInFieldEnabled: d.built_in_field_enabled }, fields.get(d.id)),
      }));
      return c.json({ ...page, data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets",
      summary: "Create an empty knowledge base",
      ...knowledgeAccess({ dataset: false }),
      request: jsonBody(createSchema),
      responses: { 200: json(datasetSchema), ...knowledgeErrorResponses, 409: json(errorSchema, "dataset_name_duplicate") },
    }),
    async (c) => {
      const { tctx } = c.var.knowledge;
      const dataset = await createDataset(tctx, c.req.valid("json"), null);
      return c.json(await datasetOut(tctx, dataset), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}",
      summary: "A knowledge base",
      ...knowledgeAccess(),
      request: { params: datasetParam },
      responses: { 200: json(datasetSchema), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await datasetOut(c.var.knowledge.tctx, c.var.dataset), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}",
      summary: "Update a knowledge base",
      ...knowledgeAccess(),
      request: { params: datasetParam, ...jsonBody(patchSchema) },
      responses: {
        200: json(datasetSchema.extend({ partial_member_list: z.array(z.unknown()) })),
        ...knowledgeErrorResponses,
        409: json(errorSchema, "dataset_name_duplicate"),
      },
    }),
    async (c) => {
      const { tctx } = c.var.knowledge;
      const { partial_member_list: _members, external_retrieval_model: _external, ...patch } = c.req.valid("json");
      const dataset = await updateDataset(tctx, c.var.dataset.id, patch, null);
      return c.json({ ...(await datasetOut(tctx, dataset)), partial_member_list: [] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}",
      summary: "Delete a knowledge base with its documents",
      ...knowledgeAccess(),
      request: { params: datasetParam },
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      await deleteDataset(c.var.knowledge.tctx, c.var.dataset.id);
      return deleted(c);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/documents/status/{action}",
      summary: "Enable, disable, archive or un-archive documents",
      ...knowledgeAccess(),
      request: {
        params: datasetParam.extend({ action: z.string().max(32).openapi({ enum: [...STATUS_ACTIONS] }) }),
        ...jsonBody(z.object({ document_ids: z.array(z.string().min(1).max(64)).max(1000).default([]) })),
      },
      responses: { 200: json(resultSchema), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { action } = c.req.valid("param");
      if (!isStatusAction(action)) {
        throw new KilnError("invalid_action", 400, `Invalid action: ${action}. Must be one of ${STATUS_ACTIONS.join(", ")}.`);
      }
      const ids = c.req.valid("json").document_ids;
      if (ids.length) await setDocumentsStatus(c.var.knowledge.tctx, c.var.dataset.id, action, ids);
      return c.json({ result: "success" as const }, 200);
    },
  );

  for (const path of ["/datasets/{dataset_id}/retrieve", "/datasets/{dataset_id}/hit-testing"]) {
    app.openapi(
      createRoute({
        method: "post",
        path,
        summary: "Retrieve segments for a query (semantic, full-text or hybrid; metadata filters)",
        ...knowledgeAccess(),
        request: { params: datasetParam, ...jsonBody(retrieveSchema) },
        responses: { 200: json(retrieveResponseSchema), ...knowledgeErrorResponses },
      }),
      async (c) => {
        const body = c.req.valid("json");
        if (!body.query) throw Invalid("Query or attachment_ids is required", ["query"]);
        const result = await hitTest(c.var.knowledge.tctx, c.var.dataset, body.query, body.retrieval_model ?? null, "api", null);
        return c.json(result, 200);
      },
    );
  }

  return app;
}

export function knowledgeRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  // Before the dataset routes: `/datasets/tags` is not a dataset.
  app.route("/", knowledgeTagRoutes());
  app.route("/", datasetCrudRoutes());
  app.route("/", documentWriteRoutes());
  app.route("/", documentRoutes());
  app.route("/", segmentRoutes());
  app.route("/", knowledgeMetadataRoutes());
  return app;
}
