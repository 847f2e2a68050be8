// Segments of a document, edited by hand at Dify's console paths: browse and search, add, edit,
// enable or disable, delete; and the child chunks of parent-child documents.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { TenantCtx } from "../../context";
import { DOC_FORMS } from "../../db/knowledge";
import type { HonoEnv } from "../../hono-env";
import { getDataset } from "../../knowledge/datasets";
import { type DocumentRow, getDocument } from "../../knowledge/documents";
import {
  addChildChunk,
  addSegments,
  childChunkView,
  deleteChildChunk,
  deleteSegment,
  listChildChunks,
  listSegments,
  type SegmentRow,
  segmentView,
  updateChildChunk,
  updateSegment,
} from "../../knowledge/segments";
import { guard, json, noContent } from "../access";
import { jsonBody } from "./apps";
import {
  childChunkParam,
  childChunkSchema,
  documentParam,
  pageOf,
  pageQuery,
  segmentParam,
  segmentSchema,
} from "./dataset-schemas";

const segmentResult = z.object({ data: segmentSchema, doc_form: z.enum(DOC_FORMS) });
const content = z.string().trim().min(1).max(100_000);
const keywords = z.array(z.string().trim().min(1).max(100)).max(50).nullish();

/** A segment as the editor shows it: with its child chunks when the document is parent-child. */
async function segmentWithChildren(ctx: TenantCtx, doc: DocumentRow, seg: SegmentRow) {
  const view = segmentView(seg);
  if (doc.docForm !== "hierarchical_model") return view;
  return { ...view, child_chunks: (await listChildChunks(ctx, doc, seg.id, { page: 1, limit: 100 })).data };
}

export function datasetSegmentRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const edit = guard("dataset_edit");
  const path = "/datasets/{dataset_id}/documents/{document_id}";

  app.openapi(
    createRoute({
      method: "get",
      path: `${path}/segments`,
      tags: ["datasets"],
      summary: "Segments of a document in order, by keyword and enabled state",
      ...guard("member"),
      request: {
        params: documentParam,
        query: z.object({ ...pageQuery, keyword: z.string().max(255).optional(), enabled: z.enum(["true", "false"]).optional() }),
      },
      responses: { 200: json(pageOf(segmentSchema).extend({ doc_form: z.enum(DOC_FORMS) })) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id } = c.req.valid("param");
      const { page, limit, keyword, enabled } = c.req.valid("query");
      const doc = await getDocument(wctx, (await getDataset(wctx, dataset_id)).id, document_id);
      const filter = { keyword: keyword || undefined, enabled: enabled === undefined ? undefined : enabled === "true" };
      return c.json(await listSegments(wctx, doc, { page, limit }, filter), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${path}/segment`,
      tags: ["datasets"],
      summary: "Add a segment to an indexed document (embedded and searchable at once)",
      ...edit,
      request: { params: documentParam, ...jsonBody(z.object({ content, answer: z.string().max(100_000).nullish(), keywords })) },
      responses: { 200: json(segmentResult) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id } = c.req.valid("param");
      const dataset = await getDataset(wctx, dataset_id);
      const doc = await getDocument(wctx, dataset.id, document_id);
      const [created] = await addSegments(wctx, dataset, doc, [c.req.valid("json")], wctx.actor.accountId);
      return c.json({ data: segmentView(created), doc_form: doc.docForm }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${path}/segments/{segment_id}`,
      tags: ["datasets"],
      summary: "Edit a segment's text, answer or keywords (re-embedded), or enable/disable it",
      ...edit,
      request: {
        params: segmentParam,
        ...jsonBody(
          z.object({ content: content.optional(), answer: z.string().max(100_000).nullish(), keywords, enabled: z.boolean().optional() }),
        ),
      },
      responses: { 200: json(segmentResult) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id } = c.req.valid("param");
      const dataset = await getDataset(wctx, dataset_id);
      const doc = await getDocument(wctx, dataset.id, document_id);
      const updated = await updateSegment(wctx, dataset, doc, segment_id, c.req.valid("json"));
      return c.json({ data: await segmentWithChildren(wctx, doc, updated), doc_form: doc.docForm }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${path}/segments/{segment_id}`,
      tags: ["datasets"],
      summary: "Delete a segment with its child chunks and vectors",
      ...edit,
      request: { params: segmentParam },
      responses: { 204: noContent },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id } = c.req.valid("param");
      const doc = await getDocument(wctx, (await getDataset(wctx, dataset_id)).id, document_id);
      await deleteSegment(wctx, doc, segment_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${path}/segments/{segment_id}/child_chunks`,
      tags: ["datasets"],
      summary: "Child chunks of a parent segment, in order",
      ...guard("member"),
      request: { params: segmentParam, query: z.object({ ...pageQuery, keyword: z.string().max(255).optional() }) },
      responses: {
        200: json(
          z.object({
            data: z.array(childChunkSchema),
            total: z.number().int(),
            total_pages: z.number().int(),
            page: z.number().int(),
            limit: z.number().int(),
          }),
        ),
      },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id } = c.req.valid("param");
      const { page, limit, keyword } = c.req.valid("query");
      const doc = await getDocument(wctx, (await getDataset(wctx, dataset_id)).id, document_id);
      return c.json(await listChildChunks(wctx, doc, segment_id, { page, limit }, keyword || undefined), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${path}/segments/{segment_id}/child_chunks`,
      tags: ["datasets"],
      summary: "Add a child chunk to a parent segment",
      ...edit,
      request: { params: segmentParam, ...jsonBody(z.object({ content })) },
      responses: { 200: json(z.object({ data: childChunkSchema })) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id } = c.req.valid("param");
      const dataset = await getDataset(wctx, dataset_id);
      const doc = await getDocument(wctx, dataset.id, document_id);
      const created = await addChildChunk(wctx, dataset, doc, segment_id, c.req.valid("json").content);
      return c.json({ data: childChunkView(created) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${path}/segments/{segment_id}/child_chunks/{child_chunk_id}`,
      tags: ["datasets"],
      summary: "Edit a child chunk's text (re-embedded)",
      ...edit,
      request: { params: childChunkParam, ...jsonBody(z.object({ content })) },
      responses: { 200: json(z.object({ data: childChunkSchema })) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id, child_chunk_id } = c.req.valid("param");
      const dataset = await getDataset(wctx, dataset_id);
      const doc = await getDocument(wctx, dataset.id, document_id);
      const updated = await updateChildChunk(wctx, dataset, doc, segment_id, child_chunk_id, c.req.valid("json").content);
      return c.json({ data: childChunkView(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${path}/segments/{segment_id}/child_chunks/{child_chunk_id}`,
      tags: ["datasets"],
      summary: "Delete a child chunk and its vector",
      ...edit,
      request: { params: childChunkParam },
      responses: { 204: noContent },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, segment_id, child_chunk_id } = c.req.valid("param");
      const doc = await getDocument(wctx, (await getDataset(wctx, dataset_id)).id, document_id);
      await deleteChildChunk(wctx, doc, segment_id, child_chunk_id);
      return c.body(null, 204);
    },
  );

  return app;
}
