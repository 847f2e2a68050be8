// What every Knowledge API route shares: dataset-key authentication, the dataset gate for routes
// under /datasets/{dataset_id}, body caps (as createRoute middleware, so they also document the
// route), path parameters, and Dify's "deleted" answer.
import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { KilnError } from "../../lib/errors";
import { type DatasetEnv, requireDataset, requireDatasetKey } from "../../middleware/dataset-key";
import { errorSchema, json } from "../access";
import { jsonBodyLimit, limitBody } from "./access";

const MB = 1024 * 1024;

/**
 * Documents (a file, or text posted as JSON) may be as large as UPLOAD_FILE_SIZE_LIMIT_MB, plus
 * room for the multipart framing; beyond that the body is not read at all.
 */
export const documentBodyLimit = createMiddleware<DatasetEnv>(async (c, next) => {
  const limit = c.var.ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB;
  const guard = limitBody(limit * MB + 64 * 1024, () => new KilnError("file_too_large", 413, `File size exceeded. The limit is ${limit} MB.`));
  return guard(c, next);
});

/**
 * Spread into createRoute: dataset key, then (unless `dataset: false`) the dataset named by the
 * path must exist in the key's workspace with its API enabled; OpenAPI tag and security.
 */
export function knowledgeAccess(options: { dataset?: boolean; maxBody?: MiddlewareHandler<DatasetEnv> } = {}) {
  const middleware: MiddlewareHandler<DatasetEnv>[] = [
    requireDatasetKey,
    ...(options.dataset === false ? [] : [requireDataset]),
    options.maxBody ?? jsonBodyLimit,
  ];
  return {
    tags: ["knowledge"],
    middleware,
    security: [{ bearer: [] }] as Record<string, string[]>[],
  };
}

export const knowledgeErrorResponses = {
  400: json(errorSchema, "Invalid parameters (`invalid_param`, …)"),
  401: json(errorSchema, "Missing, unknown or non-dataset key (with WWW-Authenticate)"),
  403: json(errorSchema, "The dataset's API access is disabled"),
  404: json(errorSchema, "Dataset (or the named document, segment, field) not found"),
};

const id = z.string().min(1).max(64);
export const datasetParam = z.object({ dataset_id: id });
export const documentParam = datasetParam.extend({ document_id: id });
export const segmentParam = documentParam.extend({ segment_id: id });
export const childChunkParam = segmentParam.extend({ child_chunk_id: id });

/** Dify's deletes answer HTTP 200 with the bare number 204 as the body. */
export const deletedResponse = json(z.literal(204).openapi({ example: 204 }), "Deleted (Dify answers 200 with the body `204`)");
export const deleted = (c: Context<DatasetEnv>) => c.json(204 as const, 200);

/** Dify pages at most 100 items and quietly caps a larger `limit`. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(99999).default(1),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((n) => Math.min(n, 100)),
};

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { required, content: { "application/json": { schema } } },
});
