// Knowledge API documents: list, batch indexing status, read and delete. Creating and replacing
// documents (by text or file) is dataset-document-writes.ts.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  batchDocuments,
  DISPLAY_STATUSES,
  deleteDocument,
  getDocument,
  indexingStatusView,
  listDocuments,
} from "../../knowledge/documents";
import { documentDownloadUrl, documentsZip } from "../../knowledge/document-files";
import { documentViews, listFields, withMetadataDetails } from "../../knowledge/metadata-fields";
import { KilnError } from "../../lib/errors";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { errorSchema, json } from "../access";
import { datasetParam, deleted, deletedResponse, documentParam, knowledgeAccess, knowledgeErrorResponses, pageQuery } from "./dataset-access";
import { documentSchema, downloadZipBody, indexingStatusSchema, pageOf, zipArchiveResponse } from "./dataset-schemas";

// Indexing is under way once the consumer has picked the document up; Dify refuses deletes then.
const ACTIVE = new Set(["parsing", "cleaning", "splitting", "indexing"]);

const detailQuery = z.object({ metadata: z.string().max(16).optional().openapi({ enum: ["all", "only", "without"] }) });

export function documentRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents",
      summary: "Documents of a knowledge base, newest first",
      ...knowledgeAccess(),
      request: {
        params: datasetParam,
        query: z.object({
          ...pageQuery,
          keyword: z.string().max(255).optional(),
          status: z.string().max(32).optional().openapi({ enum: [...DISPLAY_STATUSES, "active", "enabled"] }),
        }),
      },
      responses: { 200: json(pageOf(documentSchema)), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { tctx } = c.var.knowledge;
      const page = await listDocuments(tctx, c.var.dataset.id, { page: q.page, limit: q.limit }, { keyword: q.keyword || undefined, status: q.status || undefined });
      const fields = await listFields(tctx, c.var.dataset.id);
      return c.json({ ...page, data: page.data.map((d) => withMetadataDetails(d, fields)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{batch}/indexing-status",
      summary: "Indexing progress of the documents added in one batch",
      ...knowledgeAccess(),
      request: { params: datasetParam.extend({ batch: z.string().min(1).max(64) }) },
      responses: { 200: json(z.object({ data: z.array(indexingStatusSchema) })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const docs = await batchDocuments(c.var.knowledge.tctx, c.var.dataset.id, c.req.valid("param").batch);
      return c.json({ data: docs.map(indexingStatusView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{document_id}",
      summary: "A document; `metadata=only` answers just its metadata, `without` leaves it out",
      ...knowledgeAccess(),
      request: { params: documentParam, query: detailQuery },
      responses: {
        200: json(z.looseObject({ id: z.string() })),
        ...knowledgeErrorResponses,
        400: json(errorSchema, "invalid_metadata"),
      },
    }),
    async (c) => {
      const metadata = c.req.valid("query").metadata ?? "all";
      if (!["all", "only", "without"].includes(metadata)) {
        throw new KilnError("invalid_metadata", 400, `Invalid metadata value: ${metadata}`);
      }
      const { tctx } = c.var.knowledge;
      const doc = await getDocument(tctx, c.var.dataset.id, c.req.valid("param").document_id);
      const [view] = await documentViews(tctx, c.var.dataset.id, [doc]);
      if (metadata === "only") return c.json({ id: view.id, doc_type: view.doc_type, doc_metadata: view.doc_metadata }, 200);
      const { doc_metadata, doc_type, ...rest } = view;
      const detail = { ...rest, document_process_rule: view.dataset_process_rule };
      return c.json(metadata === "without" ? detail : { ...detail, doc_type, doc_metadata }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{document_id}/download",
      summary: "A signed link (valid 5 minutes) to download the document's original file",
      ...knowledgeAccess(),
      request: { params: documentParam },
      responses: { 200: json(z.object({ url: z.string() })), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await documentDownloadUrl(c.var.knowledge.tctx, c.var.dataset.id, c.req.valid("param").document_id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents/download-zip",
      summary: "The original files of up to 100 documents, as one ZIP archive",
      ...knowledgeAccess(),
      request: {
        params: datasetParam,
        body: { required: true, content: { "application/json": { schema: downloadZipBody } } },
      },
      responses: { 200: zipArchiveResponse, ...knowledgeErrorResponses },
    }),
    (c) => documentsZip(c.var.knowledge.tctx, c.var.dataset.id, c.req.valid("json").document_ids),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}/documents/{document_id}",
      summary: "Delete a document with its segments and vectors",
      ...knowledgeAccess(),
      request: { params: documentParam },
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { tctx } = c.var.knowledge;
      const doc = await getDocument(tctx, c.var.dataset.id, c.req.valid("param").document_id);
      if (doc.archived) throw new KilnError("archived_document_immutable", 403, "The archived document is not editable.");
      if (ACTIVE.has(doc.indexingStatus)) throw new KilnError("document_indexing", 400, "Cannot delete document during indexing.");
      await deleteDocument(tctx, c.var.dataset, doc.id);
      return deleted(c);
    },
  );

  return app;
}
