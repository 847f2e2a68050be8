// Every console route declares who may call it. `guard` both enforces it (middleware) and
// publishes it in the OpenAPI document (`x-kiln-access`), which the security suite walks.
import { z } from "@hono/zod-openapi";
import { type Access, requireSession } from "../middleware/session";

export function guard<A extends Access>(access: A) {
  return {
    middleware: requireSession(access),
    security: [{ bearer: [] }, { cookie: [] }] as Record<string, string[]>[],
    "x-kiln-access": access,
  };
}

export const publicAccess = { "x-kiln-access": "public" } as const;

export const errorSchema = z
  .object({ code: z.string(), message: z.string(), status: z.number().int(), params: z.array(z.string()).optional() })
  .openapi("Error");

export const resultSchema = z.object({ result: z.literal("success") }).openapi("Result");

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  content: { "application/json": { schema } },
  description,
});

export const noContent = { description: "No content" };
