// Knowledge bases of the current workspace at Dify's console paths: list, create, read, update,
// delete, and the per-dataset switch of the Knowledge API.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import {
  createDataset,
  datasetInputSchema,
  datasetPatchSchema,
  datasetStats,
  datasetView,
  deleteDataset,
  getDataset,
  listDatasets,
  setDatasetApiEnabled,
  updateDataset,
} from "../../knowledge/datasets";
import { tagsOfDatasets } from "../../knowledge/tags";
import { guard, json, noContent, resultSchema } from "../access";
import { jsonBody } from "./apps";
import { actionParam, datasetParam, datasetSchema, invalidAction, pageOf, pageQuery } from "./dataset-schemas";

export function datasetRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets",
      tags: ["datasets"],
      summary: "Knowledge bases the caller may see, newest first",
      ...guard("member"),
      request: {
        query: z.object({
          ...pageQuery,
          keyword: z.string().max(255).optional(),
          tag_ids: z.union([z.string().max(64), z.array(z.string().max(64)).max(100)]).optional(),
        }),
      },
      responses: { 200: json(pageOf(datasetSchema)) },
    }),
    async (c) => {
      const { page, limit, keyword, tag_ids } = c.req.valid("query");
      const tagIds = tag_ids === undefined ? undefined : [tag_ids].flat();
      return c.json(await listDatasets(c.var.wctx, { page, limit }, { keyword: keyword || undefined, tagIds }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets",
      tags: ["datasets"],
      summary: "Create an empty knowledge base (the first document may still choose its index mode)",
      ...guard("dataset_edit"),
      request: jsonBody(datasetInputSchema),
      responses: { 201: json(datasetSchema, "Created") },
    }),
    async (c) => {
      const { wctx } = c.var;
      return c.json(datasetView(await createDataset(wctx, c.req.valid("json"), wctx.actor.accountId)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}",
      tags: ["datasets"],
      summary: "A knowledge base with its document and app counts",
      ...guard("member"),
      request: { params: datasetParam },
      responses: { 200: json(datasetSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const dataset = await getDataset(wctx, c.req.valid("param").dataset_id);
      const [stats, tags] = await Promise.all([datasetStats(wctx, [dataset.id]), tagsOfDatasets(wctx, [dataset.id])]);
      return c.json(datasetView(dataset, stats.get(dataset.id), tags.get(dataset.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/{dataset_id}",
      tags: ["datasets"],
      summary: "Rename a knowledge base or change its permission, index mode, embedding or retrieval settings",
      ...guard("dataset_edit"),
      request: { params: datasetParam, ...jsonBody(datasetPatchSchema) },
      responses: { 200: json(datasetSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      const updated = await updateDataset(wctx, c.req.valid("param").dataset_id, c.req.valid("json"), wctx.actor.accountId);
      const [stats, tags] = await Promise.all([datasetStats(wctx, [updated.id]), tagsOfDatasets(wctx, [updated.id])]);
      return c.json(datasetView(updated, stats.get(updated.id), tags.get(updated.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/{dataset_id}",
      tags: ["datasets"],
      summary: "Delete a knowledge base with its documents, segments, vectors and original files",
      ...guard("dataset_edit"),
      request: { params: datasetParam },
      responses: { 204: noContent },
    }),
    async (c) => {
      await deleteDataset(c.var.wctx, c.req.valid("param").dataset_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/{dataset_id}/api-keys/{action}",
      tags: ["datasets"],
      summary: "Allow (enable) or refuse (disable) Knowledge API access to this knowledge base",
      ...guard("admin"),
      request: { params: datasetParam.extend({ action: actionParam(["enable", "disable"]) }) },
      responses: { 200: json(resultSchema) },
    }),
    async (c) => {
      const { dataset_id, action } = c.req.valid("param");
      const dataset = await getDataset(c.var.wctx, dataset_id);
      if (action !== "enable" && action !== "disable") throw invalidAction();
      await setDatasetApiEnabled(c.var.wctx, dataset.id, action === "enable");
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
