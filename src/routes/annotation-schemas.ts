// The annotation shapes both surfaces answer with (console /console/api and Service API /v1), as
// Dify's annotation_fields and its job answers: one definition, so the two cannot drift apart.
import { z } from "@hono/zod-openapi";
import { KilnError } from "../lib/errors";

export const annotationSchema = z
  .object({ id: z.string(), question: z.string(), answer: z.string(), hit_count: z.number().int(), created_at: z.number().int() })
  .openapi("Annotation");

/** Dify's list envelope; `has_more` is "this page is full". */
export const difyPage = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean(), limit: z.number().int(), total: z.number().int(), page: z.number().int() });

/** Dify clamps the page size to 100 and echoes the asked limit. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(99_999).default(1),
  limit: z.coerce.number().int().min(1).max(1_000).default(20),
};

export const annotationQuestion = z.string().trim().min(1).max(10_000);
export const annotationAnswer = z.string().min(1).max(100_000);
export const scoreThreshold = z.number().min(0).max(1);

const JOB_STATUSES = ["waiting", "processing", "completed", "error"] as const;
export const jobSchema = z
  .object({ job_id: z.string(), job_status: z.enum(JOB_STATUSES), error_msg: z.string() })
  .openapi("AnnotationJobStatus");
export const jobStartedSchema = z
  .object({ job_id: z.string(), job_status: z.enum(JOB_STATUSES), error_msg: z.string().optional() })
  .openapi("AnnotationJob");

export const jobParam = { job_id: z.string().min(1).max(64) };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dify routes job ids as <uuid:job_id>: anything else is no route at all (404). */
export function assertJobId(jobId: string) {
  if (!UUID.test(jobId)) throw new KilnError("not_found", 404, "The job does not exist.");
}
