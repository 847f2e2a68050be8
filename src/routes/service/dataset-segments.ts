// Knowledge API segments of a document (list, add, read, edit — re-embedded —, delete) and the
// child chunks of parent-child segments.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type DocumentRow, getDocument } from "../../knowledge/documents";
import {
  addChildChunk,
  addSegments,
  childChunkView,
  deleteChildChunk,
  deleteSegment,
  getSegment,
  listChildChunks,
  listSegments,
  type SegmentRow,
  segmentView,
  updateChildChunk,
  updateSegment,
} from "../../knowledge/segments";
import { Invalid, KilnError } from "../../lib/errors";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { json } from "../access";
import {
  childChunkParam,
  deleted,
  deletedResponse,
  documentParam,
  jsonBody,
  knowledgeAccess,
  knowledgeErrorResponses,
  pageQuery,
  segmentParam,
} from "./dataset-access";
import { childChunkSchema, segmentSchema } from "./dataset-schemas";

const content = z.string().max(100_000);
const keywords = z.array(z.string().max(255)).max(100).nullish();

const segmentInput = z.object({
  content: content.refine((s) => s.trim() !== "", "Content is empty"),
  answer: content.nullish(),
  keywords,
  attachment_ids: z.array(z.string()).max(10).nullish(),
});
const segmentPatch = z.object({
  content: content.nullish(),
  answer: content.nullish(),
  keywords,
  enabled: z.boolean().nullish(),
  regenerate_child_chunks: z.boolean().default(false),
  attachment_ids: z.array(z.string()).max(10).nullish(),
});

const docFormSchema = z.string();
const segmentList = z.object({
  data: z.array(segmentSchema),
  doc_form: docFormSchema,
  total: z.number().int(),
  has_more: z.boolean(),
  limit: z.number().int(),
  page: z.number().int(),
});

const documentOf = (c: Context<DatasetEnv>, id: string) => getDocument(c.var.knowledge.tctx, c.var.dataset.id, id);

/** A segment with its child chunks, as Dify's segment_fields. */
async function segmentOut(c: Context<DatasetEnv>, doc: DocumentRow, seg: SegmentRow) {
  const children = await listChildChunks(c.var.knowledge.tctx, doc, seg.id, { page: 1, limit: 100 });
  return { ...segmentView(seg), child_chunks: children.data };
}

export function segmentRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();
  const segments = "/datasets/{dataset_id}/documents/{document_id}/segments";

  app.openapi(
    createRoute({
      method: "get",
      path: segments,
      summary: "Segments of a document, in order",
      ...knowledgeAccess(),
      request: {
        params: documentParam,
        query: z.object({ ...pageQuery, keyword: z.string().max(255).optional(), status: z.union([z.string(), z.array(z.string())]).optional() }),
      },
      responses: { 200: json(segmentList), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const doc = await documentOf(c, c.req.valid("param").document_id);
      const statuses = q.status === undefined ? [] : [q.status].flat();
      // Kiln writes segments whole, so every segment is `completed`.
      if (statuses.length && !statuses.includes("completed")) {
        return c.json({ data: [], doc_form: doc.docForm, total: 0, has_more: false, limit: q.limit, page: q.page }, 200);
      }
      const page = await listSegments(c.var.knowledge.tctx, doc, { page: q.page, limit: q.limit }, { keyword: q.keyword || undefined });
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: segments,
      summary: "Add segments to an indexed, enabled document",
      ...knowledgeAccess(),
      request: { params: documentParam, ...jsonBody(z.object({ segments: z.array(segmentInput).min(1, "Segments is required").max(1000) })) },
      responses: { 200: json(z.object({ data: z.array(segmentSchema), doc_form: docFormSchema })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const doc = await documentOf(c, c.req.valid("param").document_id);
      if (doc.indexingStatus !== "completed") throw new KilnError("not_found", 404, "Document is not completed.");
      if (!doc.enabled) throw new KilnError("not_found", 404, "Document is disabled.");
      const inputs = c.req.valid("json").segments;
      if (doc.docForm === "qa_model" && inputs.some((s) => !s.answer?.trim())) throw Invalid("Answer is required", ["answer"]);
      const rows = await addSegments(c.var.knowledge.tctx, c.var.dataset, doc, inputs, null);
      return c.json({ data: rows.map((r) => segmentView(r)), doc_form: doc.docForm }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${segments}/{segment_id}`,
      summary: "A segment",
      ...knowledgeAccess(),
      request: { params: segmentParam },
      responses: { 200: json(z.object({ data: segmentSchema, doc_form: docFormSchema })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const doc = await documentOf(c, p.document_id);
      const seg = await getSegment(c.var.knowledge.tctx, doc, p.segment_id);
      return c.json({ data: await segmentOut(c, doc, seg), doc_form: doc.docForm }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${segments}/{segment_id}`,
      summary: "Edit a segment (new content is embedded and indexed again) or enable/disable it",
      ...knowledgeAccess(),
      request: { params: segmentParam, ...jsonBody(z.object({ segment: segmentPatch })) },
      responses: { 200: json(z.object({ data: segmentSchema, doc_form: docFormSchema })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const s = c.req.valid("json").segment;
      const doc = await documentOf(c, p.document_id);
      const seg = await updateSegment(c.var.knowledge.tctx, c.var.dataset, doc, p.segment_id, {
        content: s.content ?? undefined,
        answer: s.answer === null ? undefined : s.answer,
        keywords: s.keywords,
        enabled: s.enabled ?? undefined,
      });
      return c.json({ data: await segmentOut(c, doc, seg), doc_form: doc.docForm }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${segments}/{segment_id}`,
      summary: "Delete a segment with its child chunks and vectors",
      ...knowledgeAccess(),
      request: { params: segmentParam },
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await deleteSegment(c.var.knowledge.tctx, await documentOf(c, p.document_id), p.segment_id);
      return deleted(c);
    },
  );

  const children = `${segments}/{segment_id}/child_chunks`;

  app.openapi(
    createRoute({
      method: "get",
      path: children,
      summary: "Child chunks of a parent segment",
      ...knowledgeAccess(),
      request: { params: segmentParam, query: z.object({ ...pageQuery, keyword: z.string().max(255).optional() }) },
      responses: {
        200: json(z.object({ data: z.array(childChunkSchema), total: z.number().int(), total_pages: z.number().int(), page: z.number().int(), limit: z.number().int() })),
        ...knowledgeErrorResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const q = c.req.valid("query");
      const doc = await documentOf(c, p.document_id);
      return c.json(await listChildChunks(c.var.knowledge.tctx, doc, p.segment_id, { page: q.page, limit: q.limit }, q.keyword || undefined), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: children,
      summary: "Add a child chunk to a parent segment",
      ...knowledgeAccess(),
      request: { params: segmentParam, ...jsonBody(z.object({ content: content.min(1) })) },
      responses: { 200: json(z.object({ data: childChunkSchema })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const doc = await documentOf(c, p.document_id);
      const row = await addChildChunk(c.var.knowledge.tctx, c.var.dataset, doc, p.segment_id, c.req.valid("json").content);
      return c.json({ data: childChunkView(row) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${children}/{child_chunk_id}`,
      summary: "Edit a child chunk (embedded and indexed again)",
      ...knowledgeAccess(),
      request: { params: childChunkParam, ...jsonBody(z.object({ content: content.min(1) })) },
      responses: { 200: json(z.object({ data: childChunkSchema })), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const doc = await documentOf(c, p.document_id);
      const row = await updateChildChunk(c.var.knowledge.tctx, c.var.dataset, doc, p.segment_id, p.child_chunk_id, c.req.valid("json").content);
      return c.json({ data: childChunkView(row) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${children}/{child_chunk_id}`,
      summary: "Delete a child chunk",
      ...knowledgeAccess(),
      request: { params: childChunkParam },
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      await deleteChildChunk(c.var.knowledge.tctx, await documentOf(c, p.document_id), p.segment_id, p.child_chunk_id);
      return deleted(c);
    },
  );

  return app;
}
