// Knowledge API tags (Dify's service_api dataset tag resources): list, create, rename and delete
// knowledge tags, bind and unbind them, and a dataset's tags. Mounted before `/datasets/{dataset_id}`
// so that `tags` is never read as a dataset id.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getDataset } from "../../knowledge/datasets";
import {
  bindTags,
  createTag,
  datasetTagList,
  deleteTag,
  listTags,
  renameTag,
  tagIdSchema,
  tagIdsSchema,
  tagNameSchema,
  unbindTags,
} from "../../knowledge/tags";
import type { DatasetEnv } from "../../middleware/dataset-key";
import { json } from "../access";
import { datasetParam, deleted, deletedResponse, jsonBody, knowledgeAccess, knowledgeErrorResponses } from "./dataset-access";

export const knowledgeTagSchema = z
  .object({ id: z.string(), name: z.string(), type: z.string(), binding_count: z.string().openapi({ example: "0" }) })
  .openapi("KnowledgeTag");

const datasetTagListSchema = z
  .object({ data: z.array(z.object({ id: z.string(), name: z.string() })), total: z.number().int() })
  .openapi("KnowledgeDatasetTags");

/** Dify's bind and unbind answer HTTP 200 with the bare number 204. */
const doneResponse = json(z.literal(204).openapi({ example: 204 }), "Done (Dify answers 200 with the body `204`)");

export function knowledgeTagRoutes() {
  const app = new OpenAPIHono<DatasetEnv>();
  const access = knowledgeAccess({ dataset: false });

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/tags",
      summary: "Knowledge tags of the key's workspace with how many datasets carry each",
      ...access,
      responses: { 200: json(z.array(knowledgeTagSchema)), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await listTags(c.var.knowledge.tctx, "knowledge"), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/tags",
      summary: "Create a knowledge tag (names are unique in the workspace)",
      ...access,
      request: jsonBody(z.object({ name: tagNameSchema })),
      responses: { 200: json(knowledgeTagSchema), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await createTag(c.var.knowledge.tctx, c.req.valid("json").name, null), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/datasets/tags",
      summary: "Rename a knowledge tag",
      ...access,
      request: jsonBody(z.object({ tag_id: tagIdSchema, name: tagNameSchema })),
      responses: { 200: json(knowledgeTagSchema), ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { tag_id, name } = c.req.valid("json");
      return c.json(await renameTag(c.var.knowledge.tctx, tag_id, name), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/datasets/tags",
      summary: "Delete a knowledge tag and its bindings (the tag id is in the JSON body)",
      ...access,
      request: jsonBody(z.object({ tag_id: tagIdSchema })),
      responses: { 200: deletedResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      await deleteTag(c.var.knowledge.tctx, c.req.valid("json").tag_id);
      return deleted(c);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/tags/binding",
      summary: "Put knowledge tags on a dataset (binding twice is a no-op)",
      ...access,
      request: jsonBody(z.object({ tag_ids: tagIdsSchema, target_id: tagIdSchema })),
      responses: { 200: doneResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { tctx } = c.var.knowledge;
      const { tag_ids, target_id } = c.req.valid("json");
      await bindTags(tctx, await getDataset(tctx, target_id), tag_ids);
      return c.json(204 as const, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/datasets/tags/unbinding",
      summary: "Take a knowledge tag off a dataset",
      ...access,
      request: jsonBody(z.object({ tag_id: tagIdSchema, target_id: tagIdSchema })),
      responses: { 200: doneResponse, ...knowledgeErrorResponses },
    }),
    async (c) => {
      const { tctx } = c.var.knowledge;
      const { tag_id, target_id } = c.req.valid("json");
      await unbindTags(tctx, await getDataset(tctx, target_id), [tag_id]);
      return c.json(204 as const, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/datasets/{dataset_id}/tags",
      summary: "The knowledge tags a dataset carries",
      ...knowledgeAccess(),
      request: { params: datasetParam },
      responses: { 200: json(datasetTagListSchema), ...knowledgeErrorResponses },
    }),
    async (c) => c.json(await datasetTagList(c.var.knowledge.tctx, c.var.dataset), 200),
  );

  return app;
}
