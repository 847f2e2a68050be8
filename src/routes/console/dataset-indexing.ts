// Following and steering a document's indexing at Dify's console paths: pause and resume, retry,
// enable/disable/archive in bulk, and the progress of one document or of an upload batch.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { getDataset } from "../../knowledge/datasets";
import {
  batchDocuments,
  documentView,
  getDocument,
  indexingStatusView,
  pauseDocument,
  restartIndexing,
  resumeDocument,
  setDocumentsStatus,
} from "../../knowledge/documents";
import { Invalid } from "../../lib/errors";
import { guard, json, resultSchema } from "../access";
import { jsonBody } from "./apps";
import {
  actionParam,
  datasetParam,
  documentParam,
  documentSchema,
  indexingStatusSchema,
  invalidAction,
} from "./dataset-schemas";

export function documentIndexingRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const edit = guard("dataset_edit");

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/documents/{document_id}/processing/{action}",
      tags: ["datasets"],
      summary: "Pause a document's indexing, or resume it from the start",
      ...edit,
      request: { params: documentParam.extend({ action: actionParam(["pause", "resume"]) }) },
      responses: { 200: json(documentSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { dataset_id, document_id, action } = c.req.valid("param");
      const dataset = await getDataset(wctx, dataset_id);
      if (action === "pause") return c.json(documentView(await pauseDocument(wctx, dataset.id, document_id)), 200);
      if (action === "resume") return c.json(documentView(await resumeDocument(wctx, dataset.id, document_id)), 200);
      await getDocument(wctx, dataset.id, document_id);
      throw invalidAction();
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/retry",
      tags: ["datasets"],
      summary: "Index documents again from the start (failed ones, or any to re-index)",
      ...edit,
      request: { params: datasetParam, ...jsonBody(z.object({ document_ids: z.array(z.string().min(1).max(64)).min(1).max(100) })) },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const dataset = await getDataset(c.var.wctx, c.req.valid("param").dataset_id);
      await restartIndexing(c.var.wctx, dataset.id, c.req.valid("json").document_ids);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}/documents/status/{action}/batch",
      tags: ["datasets"],
      summary: "Enable, disable, archive or un-archive documents (`document_id` repeated in the query)",
      ...edit,
      request: {
        params: datasetParam.extend({ action: actionParam(["enable", "disable", "archive", "un_archive"]) }),
        query: z.object({
          // Optional here so the dataset is looked up first; an empty list is refused below.
          document_id: z
            .union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(100)])
            .optional()
            .openapi({ type: "array", items: { type: "string" } }),
        }),
      },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const { dataset_id, action } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      if (action !== "enable" && action !== "disable" && action !== "archive" && action !== "un_archive") throw invalidAction();
      const ids = [c.req.valid("query").document_id ?? []].flat();
      if (!ids.length) throw Invalid("document_id is required.", ["document_id"]);
      await setDocumentsStatus(c.var.wctx, dataset.id, action, ids);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/batch/{batch}/indexing-status",
      tags: ["datasets"],
      summary: "Indexing progress of every document uploaded together in one batch",
      ...guard("member"),
      request: { params: datasetParam.extend({ batch: z.string().min(1).max(64) }) },
      responses: { 200: json(z.object({ data: z.array(indexingStatusSchema) })) },
    }),
    async (c) => {
      const { dataset_id, batch } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      return c.json({ data: (await batchDocuments(c.var.wctx, dataset.id, batch)).map(indexingStatusView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/documents/{document_id}/indexing-status",
      tags: ["datasets"],
      summary: "Indexing progress of one document",
      ...guard("member"),
      request: { params: documentParam },
      responses: { 200: json(indexingStatusSchema) },
    }),
    async (c) => {
      const { dataset_id, document_id } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      return c.json(indexingStatusView(await getDocument(c.var.wctx, dataset.id, document_id)), 200);
    },
  );

  return app;
}
