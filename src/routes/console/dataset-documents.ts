// Documents of a knowledge base at Dify's console paths: upload files or paste text, list, read,
// rename or re-index, delete; steering indexing is dataset-indexing.ts.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DOC_FORMS, INDEXING_TECHNIQUES } from "../../db/knowledge";
import type { HonoEnv } from "../../hono-env";
import { getDataset } from "../../knowledge/datasets";
import { documentDownloadUrl, documentsZip } from "../../knowledge/document-files";
import {
  type AddOptions,
  addDocuments,
  DISPLAY_STATUSES,
  deleteDocument,
  documentView,
  getDocument,
  listDocuments,
  updateDocument,
} from "../../knowledge/documents";
import { isSupportedFile } from "../../knowledge/parse";
import { processRuleSchema } from "../../knowledge/process-rule";
import { KilnError } from "../../lib/errors";
import { guard, json, noContent } from "../access";
import { jsonBody } from "./apps";
import { documentIndexingRoutes } from "./dataset-indexing";
import { datasetParam, documentParam, documentSchema, pageOf, pageQuery } from "./dataset-schemas";
import { multipartBody, parseJsonField, readForm, uploadBodyLimit } from "./dataset-uploads";
import { downloadZipBody, zipArchiveResponse } from "../service/dataset-schemas";

/** How a new document is indexed; the multipart `data` field and the text body share it. */
const documentOptions = {
  indexing_technique: z.enum(INDEXING_TECHNIQUES).nullish(),
  process_rule: processRuleSchema.nullish(),
  doc_form: z.enum(DOC_FORMS).nullish(),
  doc_language: z.string().max(64).nullish(),
};
const documentOptionsSchema = z.object(documentOptions);

const addOptionsOf = (o: z.infer<typeof documentOptionsSchema>, createdBy: string): AddOptions => ({
  processRule: o.process_rule,
  docForm: o.doc_form ?? undefined,
  docLanguage: o.doc_language ?? undefined,
  indexingTechnique: o.indexing_technique,
  createdFrom: "web",
  createdBy,
});

export function datasetDocumentRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const edit = guard("dataset_edit");

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents",
      tags: ["datasets"],
      summary: "Documents of a knowledge base, newest first, by name keyword and display status",
      ...guard("member"),
      request: {
        params: datasetParam,
        query: z.object({
          ...pageQuery,
          keyword: z.string().max(255).optional(),
          status: z.enum([...DISPLAY_STATUSES, "active", "enabled"]).optional(),
        }),
      },
      responses: { 200: json(pageOf(documentSchema)) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const dataset = await getDataset(wctx, c.req.valid("param").dataset_id);
      const { page, limit, keyword, status } = c.req.valid("query");
      return c.json(await listDocuments(wctx, dataset.id, { page, limit }, { keyword: keyword || undefined, status }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents",
      tags: ["datasets"],
      summary: "Upload files as documents (multipart `file` parts, options as JSON in `data`); indexing runs in the background",
      ...edit,
      middleware: [edit.middleware, uploadBodyLimit],
      request: {
        params: datasetParam,
        // Declared, not validated by a schema: the dataset is looked up before the body is read.
        ...multipartBody(
          {
            file: { type: "array", items: { type: "string", format: "binary" } },
            data: { type: "string", description: "JSON: {indexing_technique?, process_rule?, doc_form?, doc_language?}" },
          },
          ["file"],
        ),
      },
      responses: { 201: json(z.object({ documents: z.array(documentSchema), batch: z.string() }), "Created") },
    }),
    async (c) => {
      const { wctx } = c.var;
      const dataset = await getDataset(wctx, c.req.valid("param").dataset_id);
      const { files, fields } = await readForm(c);
      if (!files.length) throw new KilnError("no_file_uploaded", 400, "Please upload your file.");
      const options = parseJsonField(fields.get("data"), documentOptionsSchema, "data") ?? {};
      const inputs = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          filename: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
          mimeType: f.type || null,
          dataSourceType: "upload_file" as const,
        })),
      );
      const added = await addDocuments(wctx, dataset, inputs, addOptionsOf(options, wctx.actor.accountId));
      return c.json({ documents: added.documents.map(documentView), batch: added.batch }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents/text",
      tags: ["datasets"],
      summary: "Add pasted text as a document (stored as <name>.txt unless the name has a supported extension)",
      ...edit,
      request: {
        params: datasetParam,
        ...jsonBody(z.object({ name: z.string().trim().min(1).max(255), text: z.string().min(1), ...documentOptions })),
      },
      responses: { 201: json(z.object({ document: documentSchema, batch: z.string() }), "Created") },
    }),
    async (c) => {
      const { wctx } = c.var;
      const dataset = await getDataset(wctx, c.req.valid("param").dataset_id);
      const { name, text, ...options } = c.req.valid("json");
      const added = await addDocuments(
        wctx,
        dataset,
        [{ name, filename: isSupportedFile(name) ? name : `${name}.txt`, bytes: new TextEncoder().encode(text), dataSourceType: "text" }],
        addOptionsOf(options, wctx.actor.accountId),
      );
      return c.json({ document: documentView(added.documents[0]), batch: added.batch }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{document_id}",
      tags: ["datasets"],
      summary: "A document with its process rule, counts and indexing status",
      ...guard("member"),
      request: { params: documentParam },
      responses: { 200: json(documentSchema) },
    }),
    async (c) => {
      const { dataset_id, document_id } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      return c.json(documentView(await getDocument(c.var.wctx, dataset.id, document_id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{document_id}/download",
      tags: ["datasets"],
      summary: "A signed link (valid 5 minutes) to download the document's original file",
      ...guard("member"),
      request: { params: documentParam },
      responses: { 200: json(z.object({ url: z.string() })) },
    }),
    async (c) => {
      const { dataset_id, document_id } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      return c.json(await documentDownloadUrl(c.var.wctx, dataset.id, document_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/documents/download-zip",
      tags: ["datasets"],
      summary: "The original files of up to 100 documents, as one ZIP archive",
      ...guard("member"),
      request: {
        params: datasetParam,
        ...jsonBody(downloadZipBody),
      },
      responses: { 200: zipArchiveResponse },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      return documentsZip(c.var.wctx, dataset.id, c.req.valid("json").document_ids);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/documents/{document_id}",
      tags: ["datasets"],
      summary: "Rename a document, set its metadata, or re-index it under a new process rule",
      ...edit,
      request: {
        params: documentParam,
        ...jsonBody(
          z.object({
            name: z.string().trim().min(1).max(255).optional(),
            process_rule: processRuleSchema.nullish(),
            metadata: z.record(z.string().min(1).max(255), z.union([z.string(), z.number(), z.null()])).optional(),
          }),
        ),
      },
      responses: { 200: json(documentSchema) },
    }),
    async (c) => {
      const { dataset_id, document_id } = c.req.valid("param");
      const { name, process_rule, metadata } = c.req.valid("json");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      const updated = await updateDocument(c.var.wctx, dataset, document_id, { name, processRule: process_rule, metadata });
      return c.json(documentView(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}/documents/{document_id}",
      tags: ["datasets"],
      summary: "Delete a document with its segments, vectors and original file",
      ...edit,
      request: { params: documentParam },
      responses: { 204: noContent },
    }),
    async (c) => {
      const { dataset_id, document_id } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      await deleteDocument(c.var.wctx, dataset, document_id);
      return c.body(null, 204);
    },
  );

  app.route("/", documentIndexingRoutes());

  return app;
}
