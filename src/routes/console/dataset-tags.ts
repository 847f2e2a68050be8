// Knowledge tags at Dify's console paths: list (`?type=knowledge`), create, rename, delete, and
// binding tags to a knowledge base. Only knowledge tags exist in Kiln; `type: "app"` is refused.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { getDataset } from "../../knowledge/datasets";
import {
  bindTags,
  createTag,
  deleteTag,
  listTags,
  renameTag,
  tagIdSchema,
  tagIdsSchema,
  tagNameSchema,
  unbindTags,
} from "../../knowledge/tags";
import { errorSchema, guard, json, noContent, resultSchema } from "../access";
import { knowledgeTagSchema } from "../service/dataset-tags";
import { jsonBody } from "./apps";

const tagType = z.enum(["knowledge"]).default("knowledge");
const tagParam = z.object({ tag_id: tagIdSchema });
const notFound = json(errorSchema, "Tag or knowledge base not found");

// Dify's console sends one `tag_id`; its newer dashboard sends `tag_ids`. Either is accepted.
const removeSchema = z
  .object({ tag_id: tagIdSchema.optional(), tag_ids: tagIdsSchema.optional(), target_id: tagIdSchema, type: tagType })
  .refine((b) => b.tag_id || b.tag_ids, { message: "Tag ID is required.", path: ["tag_id"] });

export function datasetTagRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/tags",
      tags: ["datasets"],
      summary: "The workspace's tags of a type, newest first, with how many knowledge bases carry each",
      ...guard("member"),
      request: {
        query: z.object({ type: z.enum(["knowledge", "app", ""]).default(""), keyword: z.string().max(50).optional() }),
      },
      responses: { 200: json(z.array(knowledgeTagSchema)) },
    }),
    async (c) => {
      const { type, keyword } = c.req.valid("query");
      // As Dify: without a type no tag matches.
      return c.json(type ? await listTags(c.var.wctx, type, keyword || undefined) : [], 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tags",
      tags: ["datasets"],
      summary: "Create a knowledge tag (names are unique in the workspace)",
      ...guard("dataset_edit"),
      request: jsonBody(z.object({ name: tagNameSchema, type: tagType })),
      responses: { 200: json(knowledgeTagSchema) },
    }),
    async (c) => {
      const { wctx } = c.var;
      return c.json(await createTag(wctx, c.req.valid("json").name, wctx.actor.accountId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/tags/{tag_id}",
      tags: ["datasets"],
      summary: "Rename a tag",
      ...guard("dataset_edit"),
      request: { params: tagParam, ...jsonBody(z.object({ name: tagNameSchema })) },
      responses: { 200: json(knowledgeTagSchema), 404: notFound },
    }),
    async (c) => c.json(await renameTag(c.var.wctx, c.req.valid("param").tag_id, c.req.valid("json").name), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tags/{tag_id}",
      tags: ["datasets"],
      summary: "Delete a tag; the knowledge bases that carried it lose it",
      ...guard("dataset_edit"),
      request: { params: tagParam },
      responses: { 204: noContent, 404: notFound },
    }),
    async (c) => {
      await deleteTag(c.var.wctx, c.req.valid("param").tag_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tag-bindings/create",
      tags: ["datasets"],
      summary: "Put tags on a knowledge base (binding twice is a no-op)",
      ...guard("dataset_edit"),
      request: jsonBody(z.object({ tag_ids: tagIdsSchema, target_id: tagIdSchema, type: tagType })),
      responses: { 200: json(resultSchema), 404: notFound },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { tag_ids, target_id } = c.req.valid("json");
      await bindTags(wctx, await getDataset(wctx, target_id), tag_ids);
      return c.json({ result: "success" as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tag-bindings/remove",
      tags: ["datasets"],
      summary: "Take tags off a knowledge base",
      ...guard("dataset_edit"),
      request: jsonBody(removeSchema),
      responses: { 200: json(resultSchema), 404: notFound },
    }),
    async (c) => {
      const { wctx } = c.var;
      const { tag_id, tag_ids, target_id } = c.req.valid("json");
      await unbindTags(wctx, await getDataset(wctx, target_id), tag_ids ?? (tag_id ? [tag_id] : []));
      return c.json({ result: "success" as const }, 200);
    },
  );

  return app;
}
