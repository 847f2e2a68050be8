// An app's annotations at Dify's console paths: list and search, create (also from a logged
// message: "improve this answer"), edit, delete, batch import from CSV, export, hit history. The
// annotation-reply switch and settings are in app-annotation-reply.ts, mounted from here.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import {
  annotateMessage,
  annotationWithAccount,
  deleteAnnotation,
  deleteAnnotations,
  exportAnnotations,
  listAnnotations,
  listHitHistories,
  updateAnnotation,
} from "../../annotations/annotations";
import { annotationsCsv, annotationsJsonl, MAX_IMPORT_BYTES } from "../../annotations/csv";
import { importAnnotations } from "../../annotations/import";
import { getJob } from "../../annotations/jobs";
import { getApp } from "../../apps/apps";
import type { HonoEnv } from "../../hono-env";
import { Invalid, KilnError } from "../../lib/errors";
import { errorSchema, guard, json, noContent } from "../access";
import {
  annotationAnswer,
  annotationQuestion,
  annotationSchema,
  assertJobId,
  difyPage,
  jobParam,
  jobSchema,
  pageQuery,
} from "../annotation-schemas";
import { annotationReplyRoutes } from "./app-annotation-reply";
import { appParam, jsonBody } from "./apps";
import { multipartBody, readForm } from "./dataset-uploads";

const consoleAnnotationSchema = annotationSchema
  .extend({ account: z.object({ id: z.string(), name: z.string() }).nullable() })
  .openapi("ConsoleAnnotation");
const annotationParam = appParam.extend({ annotation_id: z.string().min(1).max(64) });
// A little over the file limit for the multipart framing; beyond it the body is not read at all.
const importBodyLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + 64 * 1024,
  onError: () => {
    throw new KilnError("file_too_large", 400, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`, { params: ["file"] });
  },
});

export function appAnnotationRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  const edit = guard("app_edit");

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotations",
      tags: ["annotations"],
      summary: "The app's annotations, newest first; keyword searches questions and answers",
      ...guard("member"),
      request: { params: appParam, query: z.object({ ...pageQuery, keyword: z.string().max(200).default("") }) },
      responses: { 200: json(difyPage(consoleAnnotationSchema)) },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const q = c.req.valid("query");
      const { rows, total, has_more } = await listAnnotations(c.var.wctx, found.id, q);
      const data = rows.map((r) => annotationWithAccount(r.a, r.accountName));
      return c.json({ data, has_more, limit: q.limit, total, page: q.page }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/annotations",
      tags: ["annotations"],
      summary: "Add an annotation; with message_id it annotates that logged answer (a second time replaces the first)",
      ...edit,
      request: {
        params: appParam,
        ...jsonBody(
          z
            .object({
              message_id: z.string().max(64).nullish(),
              question: z.string().max(10_000).nullish(),
              answer: annotationAnswer.nullish(),
              content: annotationAnswer.nullish().openapi({ description: "Dify's older name for answer" }),
            })
            .openapi("AnnotationCreateRequest"),
        ),
      },
      responses: { 200: json(annotationSchema), 404: json(errorSchema, "App or message not found") },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const b = c.req.valid("json");
      const text = b.answer ?? b.content;
      if (!text) throw Invalid("Either 'answer' or 'content' must be provided", ["answer"]);
      const { actor } = c.var.wctx;
      const a = await annotateMessage(c.var.wctx, found.id, { message_id: b.message_id, question: b.question, answer: text }, actor.accountId);
      return c.json(annotationWithAccount(a, a.accountId === actor.accountId ? actor.name : null), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/apps/{app_id}/annotations",
      tags: ["annotations"],
      summary: "Delete the annotations named by repeated annotation_id, or every annotation of the app when none is named",
      ...edit,
      request: { params: appParam, query: z.object({ annotation_id: z.union([z.string(), z.array(z.string())]).optional() }) },
      responses: { 204: noContent },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const ids = c.req.queries("annotation_id") ?? [];
      if (ids.some((id) => !id.trim())) {
        throw new KilnError("bad_request", 400, "annotation_ids are required if the parameter is provided.");
      }
      await deleteAnnotations(c.var.wctx, found.id, ids.length ? ids : "all");
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotations/export",
      tags: ["annotations"],
      summary: "Every annotation: Dify's JSON ({data}), or a file with format=csv (question,answer) or format=jsonl (fine-tuning)",
      ...guard("member"),
      request: { params: appParam, query: z.object({ format: z.enum(["json", "csv", "jsonl"]).default("json") }) },
      responses: {
        200: {
          description: "JSON, CSV or JSONL",
          content: {
            "application/json": { schema: z.object({ data: z.array(annotationSchema) }) },
            "text/csv": { schema: z.string() },
            "application/jsonl": { schema: z.string() },
          },
        },
      },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const rows = await exportAnnotations(c.var.wctx, found.id);
      const format = c.req.valid("query").format;
      if (format === "json") return c.json({ data: rows.map((r) => annotationWithAccount(r, null)) }, 200);
      const qa = rows.map((r) => ({ question: r.question, answer: r.content }));
      const name = `annotations-${found.id}.${format}`;
      const body = format === "csv" ? annotationsCsv(qa) : annotationsJsonl(qa);
      const type = format === "csv" ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
      return c.body(body, 200, { "content-type": type, "content-disposition": `attachment; filename="${name}"` });
    },
  );

  // Before /annotations/{annotation_id}: a POST to batch-import must not read as an annotation id.
  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/annotations/batch-import",
      tags: ["annotations"],
      summary: "Import a CSV (header row question,answer; at most 1,000 rows, 2 MB): all rows or none, a 400 names the rows at fault",
      ...edit,
      middleware: [edit.middleware, importBodyLimit],
      request: { params: appParam, ...multipartBody({ file: { type: "string", format: "binary" } }, ["file"]) },
      responses: {
        200: json(z.object({ job_id: z.string(), job_status: z.string(), record_count: z.number().int(), error_msg: z.string().optional() })),
        400: json(errorSchema, "No file, not a CSV, too large, or rows at fault (nothing imported)"),
      },
    }),
    async (c) => {
      const found = await getApp(c.var.wctx, c.req.valid("param").app_id);
      const { files } = await readForm(c);
      if (files.length > 1) throw new KilnError("too_many_files", 400, "Only one file is allowed.");
      if (!files[0]) throw new KilnError("no_file_uploaded", 400, "Please upload your file.");
      return c.json(await importAnnotations(c.var.wctx, found.id, files[0], c.var.wctx.actor.accountId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotations/batch-import-status/{job_id}",
      tags: ["annotations"],
      summary: "The status of a batch import",
      ...guard("member"),
      request: { params: appParam.extend(jobParam) },
      responses: { 200: json(jobSchema), 400: json(errorSchema, "The job does not exist.") },
    }),
    async (c) => {
      const { app_id, job_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      assertJobId(job_id);
      return c.json(await getJob(c.var.wctx, found.id, "import", job_id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/{app_id}/annotations/{annotation_id}",
      tags: ["annotations"],
      summary: "Edit an annotation (Dify's console uses POST); a changed question is re-embedded while reply is on",
      ...edit,
      request: {
        params: annotationParam,
        ...jsonBody(
          z
            .object({ question: annotationQuestion.nullish(), answer: annotationAnswer.nullish(), content: annotationAnswer.nullish() })
            .refine((b) => b.question != null || b.answer != null || b.content != null, { message: "question or answer is required" })
            .openapi("AnnotationUpdateRequest"),
        ),
      },
      responses: { 200: json(annotationSchema), 404: json(errorSchema, "Annotation not found") },
    }),
    async (c) => {
      const { app_id, annotation_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      const b = c.req.valid("json");
      const a = await updateAnnotation(c.var.wctx, found.id, annotation_id, {
        question: b.question ?? undefined,
        answer: b.answer ?? b.content ?? undefined,
      });
      return c.json(annotationWithAccount(a, null), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/apps/{app_id}/annotations/{annotation_id}",
      tags: ["annotations"],
      summary: "Delete an annotation and its hit history",
      ...edit,
      request: { params: annotationParam },
      responses: { 204: noContent, 404: json(errorSchema, "Annotation not found") },
    }),
    async (c) => {
      const { app_id, annotation_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      await deleteAnnotation(c.var.wctx, found.id, annotation_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/{app_id}/annotations/{annotation_id}/hit-histories",
      tags: ["annotations"],
      summary: "Every time the annotation answered a query, newest first",
      ...guard("member"),
      request: { params: annotationParam, query: z.object(pageQuery) },
      responses: {
        200: json(
          difyPage(
            z.object({
              id: z.string(),
              source: z.string(),
              score: z.number(),
              question: z.string(),
              created_at: z.number().int(),
              match: z.string(),
              response: z.string(),
            }),
          ),
        ),
        404: json(errorSchema, "Annotation not found"),
      },
    }),
    async (c) => {
      const { app_id, annotation_id } = c.req.valid("param");
      const found = await getApp(c.var.wctx, app_id);
      return c.json(await listHitHistories(c.var.wctx, found.id, annotation_id, c.req.valid("query")), 200);
    },
  );

  app.route("/", annotationReplyRoutes());
  return app;
}
