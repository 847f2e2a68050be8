// Trying a knowledge base out: retrieval testing (Dify's hit-testing) with its query history, and
// the chunk preview the upload wizard shows before anything is stored.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { TenantCtx } from "../../context";
import type { HonoEnv } from "../../hono-env";
import { previewChunks } from "../../knowledge/chunk";
import { getDataset } from "../../knowledge/datasets";
import { assertAcceptableFile } from "../../knowledge/documents";
import { hitTest, listQueries } from "../../knowledge/hit-testing";
import { ParseError, parseDocument } from "../../knowledge/parse";
import { processRuleSchema, resolveRule } from "../../knowledge/process-rule";
import { retrievalModelSchema } from "../../knowledge/retrieval-model";
import { Invalid, KilnError } from "../../lib/errors";
import { guard, json } from "../access";
import { jsonBody } from "./apps";
import { datasetParam, pageOf, pageQuery } from "./dataset-schemas";
import { multipartBody, parseJsonField, readForm, uploadBodyLimit } from "./dataset-uploads";

const PREVIEW_CHUNKS = 10;

const hitTestingSchema = z
  .object({
    query: z.object({ content: z.string() }),
    records: z.array(
      z.looseObject({
        segment: z.looseObject({
          id: z.string(),
          content: z.string(),
          answer: z.string().nullable(),
          document: z.looseObject({ id: z.string(), name: z.string() }),
        }),
        child_chunks: z.array(z.object({ id: z.string(), content: z.string(), position: z.number().int(), score: z.number() })),
        score: z.number(),
        tsne_position: z.null(),
      }),
    ),
  })
  .openapi("HitTestingResult");

const querySchema = z
  .object({
    id: z.string(),
    content: z.string(),
    source: z.string(),
    source_app_id: z.string().nullable(),
    created_by_role: z.string(),
    created_by: z.string().nullable(),
    created_at: z.number().int(),
    details: z.unknown(),
  })
  .openapi("DatasetQuery");

const chunkSchema = z.object({ content: z.string(), tokens: z.number().int() });
const chunkPreviewSchema = z
  .object({
    chunks: z.array(chunkSchema.extend({ children: z.array(chunkSchema).nullable() })),
    total: z.number().int(),
    total_tokens: z.number().int(),
  })
  .openapi("ChunkPreview");

/** The text to preview: the uploaded file's, parsed as indexing would, else the pasted text. */
async function previewText(ctx: TenantCtx, file: File | undefined, text: string | undefined): Promise<string> {
  if (!file) {
    if (text?.trim()) return text;
    throw new KilnError("no_file_uploaded", 400, "Upload a file or paste some text to preview.");
  }
  assertAcceptableFile(ctx, file.name, file.size);
  try {
    return (await parseDocument({ bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, mimeType: file.type })).text;
  } catch (e) {
    // The same reason indexing would give the document, answered now instead of after the upload.
    if (e instanceof ParseError) throw Invalid(e.message, ["file"]);
    throw e;
  }
}

export function datasetRetrievalRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const edit = guard("dataset_edit");

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/hit-testing",
      tags: ["datasets"],
      summary: "Run a query against the knowledge base (its own retrieval settings unless given) and keep it in the history",
      ...guard("member"),
      request: {
        params: datasetParam,
        ...jsonBody(
          z.object({
            query: z.string().trim().min(1).max(250, "Query cannot exceed 250 characters."),
            retrieval_model: retrievalModelSchema.nullish(),
          }),
        ),
      },
      responses: { 200: json(hitTestingSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const dataset = await getDataset(wctx, c.req.valid("param").dataset_id);
      const { query, retrieval_model } = c.req.valid("json");
      return c.json(await hitTest(wctx, dataset, query, retrieval_model ?? null, "hit_testing", wctx.actor.accountId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/queries",
      tags: ["datasets"],
      summary: "Queries run against the knowledge base (retrieval tests and the Knowledge API), newest first",
      ...guard("member"),
      request: { params: datasetParam, query: z.object(pageQuery) },
      responses: { 200: json(pageOf(querySchema)) },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      const { page, limit } = c.req.valid("query");
      return c.json(await listQueries(c.var.wctx, dataset, { page, limit }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/chunk-preview",
      tags: ["datasets"],
      summary: `How a file (or pasted text) would be chunked under a process rule: the first ${PREVIEW_CHUNKS} chunks and the totals`,
      ...edit,
      middleware: [edit.middleware, uploadBodyLimit],
      request: multipartBody(
        {
          file: { type: "string", format: "binary" },
          text: { type: "string", description: "Pasted text, when no file is sent" },
          process_rule: { type: "string", description: "JSON process rule; automatic when absent" },
        },
        [],
      ),
      responses: { 200: json(chunkPreviewSchema) },
    }),
    async (c) => {
      const { files, fields } = await readForm(c);
      const rule = resolveRule(parseJsonField(fields.get("process_rule"), processRuleSchema, "process_rule"));
      const text = await previewText(c.var.wctx, files[0], fields.get("text"));
      const preview = previewChunks(text, rule, PREVIEW_CHUNKS);
      return c.json({ chunks: preview.chunks, total: preview.total, total_tokens: preview.totalTokens }, 200);
    },
  );

  return app;
}
