// Training sets for fine-tuning ("Datasets for fine-tuning"): create from filters, build from the
// message logs, review and curate examples, see counts / tokens / estimated cost, export JSONL
// versions to R2 and download them.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { buildSet } from "../../finetune/build";
import { listExamples, updateExample } from "../../finetune/examples";
import { downloadExport, exportSet, listExports } from "../../finetune/exports";
import { setFiltersSchema } from "../../finetune/filters";
import { createSet, deleteSet, listSets, setDetail, updateSet } from "../../finetune/sets";
import { setSummary } from "../../finetune/summary";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, guard, json } from "../access";
import { jsonBody } from "./apps";

const id = z.string().min(1).max(64);
const setParam = z.object({ set_id: id });
const notFound = json(errorSchema, "Training set not found");

const setSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    filters: setFiltersSchema,
    validation_percent: z.number().int(),
    examples: z.number().int(),
    dropped: z.number().int(),
    built_at: z.number().int().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("FinetuneSet");

const setInput = z.object({
  name: z.string().trim().min(1).max(100),
  filters: setFiltersSchema.optional(),
  validation_percent: z.number().int().min(0).max(50).optional(),
});

const turnSchema = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });
const exampleSchema = z
  .object({
    id: z.string(),
    source: z.enum(["message", "annotation"]),
    source_id: z.string(),
    app_id: z.string().nullable(),
    messages: z.array(turnSchema),
    query: z.string(),
    answer: z.string(),
    original_answer: z.string(),
    is_edited: z.boolean(),
    is_dropped: z.boolean(),
    prompt_tokens: z.number().int(),
    answer_tokens: z.number().int(),
    total_tokens: z.number().int(),
    split: z.enum(["train", "validation"]),
    created_at: z.number().int(),
  })
  .openapi("FinetuneExample");

const exportSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    train_count: z.number().int(),
    validation_count: z.number().int(),
    train_tokens: z.number().int(),
    train_file: z.string(),
    validation_file: z.string().nullable(),
    created_at: z.number().int(),
  })
  .openapi("FinetuneExport");

const summarySchema = z
  .object({
    base_model: z.string(),
    n_epochs: z.number().int(),
    train_count: z.number().int(),
    validation_count: z.number().int(),
    train_tokens: z.number().int(),
    validation_tokens: z.number().int(),
    estimated_cost: z.number().nullable(),
    estimates: z.array(z.object({ model: z.string(), cost: z.number() })),
    problem: z.string().nullable(),
  })
  .openapi("FinetuneSetSummary");

export function finetuneSetRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets",
      tags: ["finetune"],
      summary: "The workspace's training sets, recently changed first",
      ...guard("member"),
      responses: { 200: json(z.object({ data: z.array(setSchema) })) },
    }),
    async (c) => c.json({ data: await listSets(c.var.wctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/finetune/sets",
      tags: ["finetune"],
      summary: "Create a training set from filters (build it next)",
      ...guard("app_edit"),
      request: jsonBody(setInput),
      responses: { 201: json(setSchema), 404: json(errorSchema, "The filtered app is not in this workspace") },
    }),
    async (c) => c.json(await createSet(c.var.wctx, c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets/{set_id}",
      tags: ["finetune"],
      summary: "One training set",
      ...guard("member"),
      request: { params: setParam },
      responses: { 200: json(setSchema), 404: notFound },
    }),
    async (c) => c.json(await setDetail(c.var.wctx, c.req.valid("param").set_id), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/finetune/sets/{set_id}",
      tags: ["finetune"],
      summary: "Rename a training set, change its filters or its validation share",
      ...guard("app_edit"),
      request: { params: setParam, ...jsonBody(setInput.partial()) },
      responses: { 200: json(setSchema), 404: notFound },
    }),
    async (c) => c.json(await updateSet(c.var.wctx, c.req.valid("param").set_id, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/finetune/sets/{set_id}",
      tags: ["finetune"],
      summary: "Delete a training set with its examples and exported files (its jobs stay)",
      ...guard("app_edit"),
      request: { params: setParam },
      responses: { 204: { description: "Deleted" }, 404: notFound },
    }),
    async (c) => {
      await deleteSet(c.var.wctx, c.req.valid("param").set_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/finetune/sets/{set_id}/build",
      tags: ["finetune"],
      summary: "Build the set from the message logs by its filters; edited and dropped rows are kept",
      ...guard("app_edit"),
      request: { params: setParam },
      responses: {
        200: json(z.object({ added: z.number().int(), kept: z.number().int(), total: z.number().int(), notes: z.array(z.string()) })),
        404: notFound,
      },
    }),
    async (c) => c.json(await buildSet(c.var.wctx, c.req.valid("param").set_id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets/{set_id}/summary",
      tags: ["finetune"],
      summary: "Counts per split, estimated training tokens and cost, and the first problem that would refuse a fine-tune",
      ...guard("member"),
      request: {
        params: setParam,
        query: z.object({ base_model: z.string().min(1).max(200).default("gpt-4o-mini"), n_epochs: z.coerce.number().int().min(1).max(50).default(3) }),
      },
      responses: { 200: json(summarySchema), 404: notFound },
    }),
    async (c) => {
      const { base_model, n_epochs } = c.req.valid("query");
      return c.json(await setSummary(c.var.wctx, c.req.valid("param").set_id, base_model, n_epochs), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets/{set_id}/examples",
      tags: ["finetune"],
      summary: "The set's examples, oldest first",
      ...guard("member"),
      request: {
        params: setParam,
        query: z.object({
          page: z.coerce.number().int().min(1).max(99999).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          dropped: z.enum(["true", "false"]).optional(),
        }),
      },
      responses: {
        200: json(z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int(), has_more: z.boolean(), data: z.array(exampleSchema) })),
        404: notFound,
      },
    }),
    async (c) => {
      const { page, limit, dropped } = c.req.valid("query");
      const filter = { dropped: dropped === undefined ? undefined : dropped === "true" };
      return c.json(await listExamples(c.var.wctx, c.req.valid("param").set_id, filter, { page, limit }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/finetune/sets/{set_id}/examples/{example_id}",
      tags: ["finetune"],
      summary: "Rewrite an example's answer, or drop it from (or take it back into) the set",
      ...guard("app_edit"),
      request: {
        params: setParam.extend({ example_id: id }),
        ...jsonBody(z.object({ answer: z.string().max(100_000).optional(), is_dropped: z.boolean().optional() })),
      },
      responses: { 200: json(exampleSchema), 404: json(errorSchema, "Training set or example not found") },
    }),
    async (c) => {
      const { set_id, example_id } = c.req.valid("param");
      return c.json(await updateExample(c.var.wctx, set_id, example_id, c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets/{set_id}/exports",
      tags: ["finetune"],
      summary: "The set's exported versions, newest first",
      ...guard("member"),
      request: { params: setParam },
      responses: { 200: json(z.object({ data: z.array(exportSchema) })), 404: notFound },
    }),
    async (c) => c.json({ data: await listExports(c.var.wctx, c.req.valid("param").set_id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/finetune/sets/{set_id}/exports",
      tags: ["finetune"],
      summary: "Export the kept examples as a new JSONL version (training + validation files in R2)",
      ...guard("app_edit"),
      request: { params: setParam },
      responses: { 201: json(exportSchema), 400: json(errorSchema, "Nothing to export"), 404: notFound },
    }),
    async (c) => c.json(await exportSet(c.var.wctx, c.req.valid("param").set_id), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/sets/{set_id}/exports/{version}/{split}",
      tags: ["finetune"],
      summary: "Download one exported file in OpenAI's chat fine-tuning format",
      ...guard("member"),
      request: {
        params: setParam.extend({ version: z.coerce.number().int().min(1), split: z.enum(["train", "validation"]) }),
      },
      responses: {
        200: { content: { "application/jsonl": { schema: z.string() } }, description: "JSONL, one example per line" },
        404: json(errorSchema, "Training set, version or file not found"),
      },
    }),
    async (c) => {
      const { set_id, version, split } = c.req.valid("param");
      const file = await downloadExport(c.var.wctx, set_id, version, split);
      const res = c.body(file.text, 200, {
        "content-type": "application/jsonl; charset=utf-8",
        "content-disposition": `attachment; filename="${file.filename}"`,
      });
      // zod-openapi types `application/jsonl` as JSON (it matches application/*json*); the body is text.
      return res as never;
    },
  );

  return app;
}
