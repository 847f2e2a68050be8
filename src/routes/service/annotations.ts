// Dify's annotation Service API (app key): list, create, edit and delete an app's annotations, and
// switch annotation reply on or off as a job with a status endpoint. Shapes and codes as Dify's
// controllers/service_api/app/annotation.py: create 201, delete 204, unknown job 400.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { annotationView, createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation } from "../../annotations/annotations";
import { annotationReplyAction, getJob } from "../../annotations/jobs";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, json, noContent } from "../access";
import {
  annotationAnswer,
  annotationQuestion,
  annotationSchema,
  assertJobId,
  difyPage,
  jobSchema,
  jobStartedSchema,
  pageQuery,
  scoreThreshold,
} from "../annotation-schemas";
import { serviceAccess, serviceErrorResponses } from "./access";

const annotationBody = z
  .object({ question: annotationQuestion, answer: annotationAnswer })
  .openapi("AnnotationRequest");
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const annotationParam = z.object({ annotation_id: z.string().min(1).max(64) });
const notFound = json(errorSchema, "Annotation not found");

export function annotationServiceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/annotations",
      summary: "The app's annotations, newest first; keyword searches questions and answers",
      ...serviceAccess(),
      request: { query: z.object({ ...pageQuery, keyword: z.string().max(200).default("") }) },
      responses: {
        200: json(difyPage(annotationSchema)),
        ...serviceErrorResponses,
      },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      const q = c.req.valid("query");
      const { rows, total, has_more } = await listAnnotations(tctx, a.id, q);
      return c.json({ data: rows.map((r) => annotationView(r.a)), has_more, limit: q.limit, total, page: q.page }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/annotations",
      summary: "Add an annotation (embedded at once while annotation reply is on)",
      ...serviceAccess(),
      request: body(annotationBody),
      responses: { 201: json(annotationSchema, "Created"), ...serviceErrorResponses },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      return c.json(annotationView(await createAnnotation(tctx, a.id, c.req.valid("json"), null)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/apps/annotations/{annotation_id}",
      summary: "Edit an annotation",
      ...serviceAccess(),
      request: { params: annotationParam, ...body(annotationBody) },
      responses: { 200: json(annotationSchema), ...serviceErrorResponses, 404: notFound },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      const updated = await updateAnnotation(tctx, a.id, c.req.valid("param").annotation_id, c.req.valid("json"));
      return c.json(annotationView(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/apps/annotations/{annotation_id}",
      summary: "Delete an annotation and its hit history",
      ...serviceAccess(),
      request: { params: annotationParam },
      responses: { 204: noContent, ...serviceErrorResponses, 404: notFound },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      await deleteAnnotation(tctx, a.id, c.req.valid("param").annotation_id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/apps/annotation-reply/{action}",
      summary: "Enable (embeds every annotation) or disable annotation reply; answers a job",
      ...serviceAccess(),
      request: {
        params: z.object({ action: z.string().min(1).max(32) }),
        ...body(
          z
            .object({ score_threshold: scoreThreshold, embedding_provider_name: z.string().max(128), embedding_model_name: z.string().max(128) })
            .openapi("ServiceAnnotationReplyRequest"),
        ),
      },
      responses: { 200: json(jobStartedSchema), ...serviceErrorResponses },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      return c.json(await annotationReplyAction(tctx, a.id, c.req.valid("param").action, c.req.valid("json"), null), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/apps/annotation-reply/{action}/status/{job_id}",
      summary: "The status of an enable or disable job",
      ...serviceAccess(),
      request: { params: z.object({ action: z.string().min(1).max(32), job_id: z.string().min(1).max(64) }) },
      responses: { 200: json(jobSchema), ...serviceErrorResponses, 404: json(errorSchema, "Not a job id") },
    }),
    async (c) => {
      const { app: a, tctx } = c.var.service;
      const { action, job_id } = c.req.valid("param");
      assertJobId(job_id);
      return c.json(await getJob(tctx, a.id, action, job_id), 200);
    },
  );

  return app;
}
