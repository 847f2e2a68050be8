// Fine-tuning's console API: training sets (finetune-sets.ts) and jobs (finetune-jobs.ts).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { finetuneJobRoutes } from "./finetune-jobs";
import { finetuneSetRoutes } from "./finetune-sets";

export function finetuneRoutes() {
  const app = new OpenAPIHono<HonoEnv>();
  app.route("/", finetuneSetRoutes());
  app.route("/", finetuneJobRoutes());
  return app;
}
