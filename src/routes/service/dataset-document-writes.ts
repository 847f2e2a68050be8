// Knowledge API document writes: create-by-text / create-by-file, update-by-text, and the file
// update (PATCH on the document, or update-by-file; Dify accepts both the hyphen and the
// underscore spelling of each alias). Pasted text is stored as a .txt file, as Dify's upload_text
// does, so replacing it with the same text finds the same content hash and is not indexed again.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { TenantCtx } from "../../context";
import { DOC_FORMS, INDEXING_TECHNIQUES } from "../../db/knowledge";
import { type DatasetRow, updateDataset } from "../../knowledge/datasets";
import { addDocuments, assertAcceptableFile, type DocumentRow, updateDocument } from "../../knowledge/documents";
import { documentViews } from "../../knowledge/metadata-fields";
import { processRuleSchema } from "../../knowledge/process-rule";
import { retrievalModelSchema } from "../../knowledge/retrieval-model";
import { Invalid, KilnError } from "../../lib/errors";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { errorSchema, json } from "../access";
import { datasetParam, documentBodyLimit, documentParam, jsonBody, knowledgeAccess, knowledgeErrorResponses } from "./dataset-access";
import { documentAndBatchSchema } from "./dataset-schemas";

/** The options every create and update accepts (for files, the JSON string in the `data` field). */
const documentOptions = z.object({
  process_rule: processRuleSchema.nullish(),
  indexing_technique: z.enum(INDEXING_TECHNIQUES).nullish(),
  doc_form: z.enum(DOC_FORMS).nullish(),
  doc_language: z.string().max(64).nullish(),
  retrieval_model: retrievalModelSchema.nullish(),
  embedding_model: z.string().max(200).nullish(),
  embedding_model_provider: z.string().max(200).nullish(),
  original_document_id: z.string().max(64).nullish(),
});
type DocumentOptions = z.infer<typeof documentOptions>;

const createByText = documentOptions.extend({ name: z.string().trim().min(1).max(255), text: z.string() });
const updateByText = documentOptions
  .extend({ name: z.string().trim().min(1).max(255).nullish(), text: z.string().nullish() })
  .refine((b) => b.text == null || b.name != null, { message: "name is required when text is provided", path: ["name"] });

const formBody = {
  body: {
    required: true,
    content: {
      "multipart/form-data": {
        // Loose: a missing or extra file is answered with Dify's file errors, not a schema error.
        schema: z.looseObject({
          file: z.any().optional().openapi({ type: "string", format: "binary" }),
          data: z.any().optional().openapi({ type: "string", description: "JSON string: process_rule, indexing_technique, doc_form, …" }),
        }),
      },
    },
  },
};

const textFile = (name: string, text: string) => ({
  filename: `${name.slice(0, 200)}.txt`,
  bytes: new TextEncoder().encode(text),
  mimeType: "text/plain",
});

/** The multipart body: its files and the `data` options. */
function readForm(form: Record<string, unknown>): { file: File | null; fileCount: number; options: DocumentOptions } {
  let options: unknown = {};
  if (typeof form.data === "string" && form.data.trim()) {
    try {
      options = JSON.parse(form.data);
    } catch {
      throw Invalid("data must be a JSON object.", ["data"]);
    }
  }
  const fileCount = Object.values(form)
    .flat()
    .filter((v) => v instanceof File).length;
  return { file: form.file instanceof File ? form.file : null, fileCount, options: documentOptions.parse(options) };
}

function assertOneFile(file: File | null, fileCount: number): asserts file is File {
  if (!file) throw new KilnError("no_file_uploaded", 400, "Please upload your file.");
  if (fileCount > 1) throw new KilnError("too_many_files", 400, "Only one file is allowed.");
}

/** The first document may choose the dataset's index mode and embedding model (Dify's rule). */
async function prepareDataset(tctx: TenantCtx, dataset: DatasetRow, o: DocumentOptions): Promise<DatasetRow> {
  if (dataset.indexingTechnique) return dataset;
  if (!o.indexing_technique) throw Invalid("indexing_technique is required.", ["indexing_technique"]);
  if (!o.embedding_model && !o.retrieval_model) return dataset;
  return updateDataset(
    tctx,
    dataset.id,
    {
      indexing_technique: o.indexing_technique,
      embedding_model: o.embedding_model,
      embedding_model_provider: o.embedding_model_provider,
      retrieval_model: o.retrieval_model,
    },
    null,
  );
}

async function created(c: Context<DatasetEnv>, doc: DocumentRow, batch: string) {
  const [document] = await documentViews(c.var.knowledge.tctx, c.var.dataset.id, [doc]);
  return { document, batch };
}

const createResponses = {
  200: json(documentAndBatchSchema),
  ...knowledgeErrorResponses,
  413: json(errorSchema, "file_too_large"),
  415: json(errorSchema, "unsupported_file_type"),
};

export function documentWriteRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();

  for (const path of ["/datasets/{dataset_id}/document/create-by-text", "/datasets/{dataset_id}/document/create_by_text"]) {
    app.openapi(
      createRoute({
        method: "post",
        path,
        summary: "Add a document from text; indexing continues in the background (poll the batch)",
        ...knowledgeAccess({ maxBody: documentBodyLimit }),
        request: { params: datasetParam, ...jsonBody(createByText) },
        responses: createResponses,
      }),
      async (c) => {
        const body = c.req.valid("json");
        const { tctx } = c.var.knowledge;
        if (body.original_document_id) {
          const doc = await updateDocument(tctx, c.var.dataset, body.original_document_id, {
            name: body.name,
            file: textFile(body.name, body.text),
            processRule: body.process_rule,
          });
          return c.json(await created(c, doc, doc.batch), 200);
        }
        const dataset = await prepareDataset(tctx, c.var.dataset, body);
        const { documents, batch } = await addDocuments(
          tctx,
          dataset,
          [{ name: body.name, ...textFile(body.name, body.text), dataSourceType: "upload_file" }],
          {
            processRule: body.process_rule,
            docForm: body.doc_form ?? undefined,
            docLanguage: body.doc_language ?? undefined,
            indexingTechnique: body.indexing_technique,
            createdFrom: "api",
            createdBy: null,
          },
        );
        return c.json(await created(c, documents[0], batch), 200);
      },
    );
  }

  for (const path of ["/datasets/{dataset_id}/document/create-by-file", "/datasets/{dataset_id}/document/create_by_file"]) {
    app.openapi(
      createRoute({
        method: "post",
        path,
        summary: "Add a document from a file (multipart `file` + `data` JSON options)",
        ...knowledgeAccess({ maxBody: documentBodyLimit }),
        request: { params: datasetParam, ...formBody },
        responses: createResponses,
      }),
      async (c) => {
        const { tctx } = c.var.knowledge;
        const { file, fileCount, options } = readForm(c.req.valid("form"));
        // Dify's order: index mode, then the file, then the process rule.
        if (!c.var.dataset.indexingTechnique && !options.indexing_technique) {
          throw Invalid("indexing_technique is required.", ["indexing_technique"]);
        }
        assertOneFile(file, fileCount);
        assertAcceptableFile(tctx, file.name, file.size);
        if (!options.process_rule && !c.var.dataset.processRule && !options.original_document_id) {
          throw Invalid("process_rule is required.", ["process_rule"]);
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const upload = { filename: file.name, bytes, mimeType: file.type || null };
        if (options.original_document_id) {
          const doc = await updateDocument(tctx, c.var.dataset, options.original_document_id, {
            name: file.name,
            file: upload,
            processRule: options.process_rule,
          });
          return c.json(await created(c, doc, doc.batch), 200);
        }
        const dataset = await prepareDataset(tctx, c.var.dataset, options);
        const { documents, batch } = await addDocuments(tctx, dataset, [{ name: file.name, ...upload, dataSourceType: "upload_file" }], {
          processRule: options.process_rule,
          docForm: options.doc_form ?? undefined,
          docLanguage: options.doc_language ?? undefined,
          indexingTechnique: options.indexing_technique,
          createdFrom: "api",
          createdBy: null,
        });
        return c.json(await created(c, documents[0], batch), 200);
      },
    );
  }

  for (const path of ["/datasets/{dataset_id}/documents/{document_id}/update-by-text", "/datasets/{dataset_id}/documents/{document_id}/update_by_text"]) {
    app.openapi(
      createRoute({
        method: "post",
        path,
        summary: "Replace a document's text, name or process rule; unchanged text is not indexed again",
        ...knowledgeAccess({ maxBody: documentBodyLimit }),
        request: { params: documentParam, ...jsonBody(updateByText) },
        responses: createResponses,
      }),
      async (c) => {
        const body = c.req.valid("json");
        const doc = await updateDocument(c.var.knowledge.tctx, c.var.dataset, c.req.valid("param").document_id, {
          name: body.name ?? undefined,
          file: body.text != null && body.name ? textFile(body.name, body.text) : undefined,
          processRule: body.process_rule,
        });
        return c.json(await created(c, doc, doc.batch), 200);
      },
    );
  }

  // Dify's PATCH on the document is the current name; update-by-file and update_by_file are its deprecated aliases.
  const updateByFile = [
    { method: "patch", path: "/datasets/{dataset_id}/documents/{document_id}" },
    { method: "post", path: "/datasets/{dataset_id}/documents/{document_id}/update-by-file" },
    { method: "post", path: "/datasets/{dataset_id}/documents/{document_id}/update_by_file" },
  ] as const;
  for (const { method, path } of updateByFile) {
    app.openapi(
      createRoute({
        method,
        path,
        summary: "Replace a document's file and/or process rule (multipart `file` + `data`)",
        ...knowledgeAccess({ maxBody: documentBodyLimit }),
        request: { params: documentParam, ...formBody },
        responses: createResponses,
      }),
      async (c) => {
        const { file, fileCount, options } = readForm(c.req.valid("form"));
        if (file) assertOneFile(file, fileCount);
        const upload = file ? { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), mimeType: file.type || null } : undefined;
        const doc = await updateDocument(c.var.knowledge.tctx, c.var.dataset, c.req.valid("param").document_id, {
          name: file?.name,
          file: upload,
          processRule: options.process_rule,
        });
        return c.json(await created(c, doc, doc.batch), 200);
      },
    );
  }

  return app;
}
