// Fine-tune jobs: the providers and base models that can train, start a job from a training set
// (validated before anything is dispatched, then run through FINETUNE_QUEUE), follow it with its
// events, and cancel it.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cancelJob } from "../../finetune/cancel";
import { jobDetail, listJobs, startJob } from "../../finetune/jobs";
import { listFinetuneProviders } from "../../finetune/providers";
import { FINETUNE_JOB_STATUSES } from "../../db/finetune";
import type { HonoEnv } from "../../hono-env";
import { errorSchema, guard, json } from "../access";
import { jsonBody } from "./apps";

const jobParam = z.object({ finetune_job_id: z.string().min(1).max(64) });
const notFound = json(errorSchema, "Fine-tune job not found");

const jobSchema = z
  .object({
    id: z.string(),
    set_id: z.string(),
    set_name: z.string().nullable(),
    export_version: z.number().int(),
    provider: z.string(),
    base_model: z.string(),
    n_epochs: z.number().int().nullable(),
    suffix: z.string().nullable(),
    status: z.enum(FINETUNE_JOB_STATUSES),
    provider_job_id: z.string().nullable(),
    fine_tuned_model: z.string().nullable(),
    model_name: z.string().nullable(),
    is_model_registered: z.boolean(),
    trained_tokens: z.number().int().nullable(),
    step: z.number().int().nullable(),
    total_steps: z.number().int().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
    finished_at: z.number().int().nullable(),
  })
  .openapi("FinetuneJob");

const eventSchema = z.object({
  id: z.string(),
  created_at: z.number().int(),
  level: z.string(),
  type: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export function finetuneJobRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/providers",
      tags: ["finetune"],
      summary: "Providers that can fine-tune (OpenAI and OpenAI-compatible) with the base models offered",
      ...guard("member"),
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                provider: z.string(),
                label: z.string(),
                provider_type: z.enum(["openai", "openai_api_compatible"]),
                base_models: z.array(z.string()),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => c.json({ data: await listFinetuneProviders(c.var.wctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/jobs",
      tags: ["finetune"],
      summary: "The workspace's fine-tune jobs, newest first",
      ...guard("member"),
      request: { query: z.object({ set_id: z.string().min(1).max(64).optional() }) },
      responses: { 200: json(z.object({ data: z.array(jobSchema) })) },
    }),
    async (c) => c.json({ data: await listJobs(c.var.wctx, { setId: c.req.valid("query").set_id }) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/finetune/jobs",
      tags: ["finetune"],
      summary: "Start a fine-tune of a training set (an export version, or a new export of it) on a provider",
      description:
        "Refused with 400 before anything is dispatched when the training file has fewer than 10 examples, an empty assistant answer or an example longer than the base model's context; the message names the row.",
      ...guard("app_edit"),
      request: jsonBody(
        z.object({
          set_id: z.string().min(1).max(64),
          version: z.number().int().min(1).nullish(),
          provider: z.string().min(1).max(100),
          base_model: z.string().min(1).max(200),
          n_epochs: z.number().int().min(1).max(50).nullish(),
          suffix: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,40}$/, "letters, digits, - and _ only, at most 40")
            .nullish(),
        }),
      ),
      responses: { 201: json(jobSchema), 400: json(errorSchema, "Not trainable (the row is named)"), 404: json(errorSchema, "Training set or version not found") },
    }),
    async (c) => c.json(await startJob(c.var.wctx, c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/finetune/jobs/{finetune_job_id}",
      tags: ["finetune"],
      summary: "One job with its status, progress, trained tokens and events (loss metrics)",
      ...guard("member"),
      request: { params: jobParam },
      responses: { 200: json(jobSchema.extend({ events: z.array(eventSchema) })), 404: notFound },
    }),
    async (c) => c.json(await jobDetail(c.var.wctx, c.req.valid("param").finetune_job_id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/finetune/jobs/{finetune_job_id}/cancel",
      tags: ["finetune"],
      summary: "Cancel a job (at the provider too, once it has it)",
      ...guard("app_edit"),
      request: { params: jobParam },
      responses: { 200: json(jobSchema), 404: notFound, 409: json(errorSchema, "The job already ended") },
    }),
    async (c) => c.json(await cancelJob(c.var.wctx, c.req.valid("param").finetune_job_id), 200),
  );

  return app;
}
