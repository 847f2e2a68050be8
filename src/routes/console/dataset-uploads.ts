// Reading uploads on the console's knowledge routes: a body cap from the configured file size
// limit, the multipart fields, and JSON carried inside a form field.
import type { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { HonoEnv } from "../../hono-env";
import { Invalid, KilnError } from "../../lib/errors";

const MB = 1024 * 1024;
// Room for a few files at the per-file limit plus the multipart framing; beyond this the body is
// not read at all (the dashboard sends one file per request, to show each file's progress).
const FILES_AT_THE_LIMIT_PER_REQUEST = 3;

/** Caps an upload's body from the configured per-file limit, before it is read. */
export const uploadBodyLimit: MiddlewareHandler<HonoEnv> = (c, next) => {
  const perFile = c.var.ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB;
  const total = perFile * FILES_AT_THE_LIMIT_PER_REQUEST;
  return bodyLimit({
    maxSize: total * MB + MB,
    onError: () => {
      throw new KilnError("file_too_large", 413, `File size exceeded. The limit is ${perFile} MB per file and ${total} MB per request.`);
    },
  })(c, next);
};

/** The form fields of a multipart request; any other body reads as no fields. */
export async function readForm(c: Context<HonoEnv>): Promise<{ files: File[]; fields: Map<string, string> }> {
  const form = await c.req.parseBody({ all: true });
  const files = [form.file ?? []].flat().filter((v): v is File => v instanceof File);
  const fields = new Map<string, string>();
  for (const [k, v] of Object.entries(form)) {
    const first = [v].flat()[0];
    if (typeof first === "string") fields.set(k, first);
  }
  return { files, fields };
}

/** A form field holding JSON, validated like a JSON body: failures are 400 invalid_param naming the field. */
export function parseJsonField<T extends z.ZodType>(raw: string | undefined, schema: T, name: string): z.output<T> | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw Invalid(`${name}: must be a JSON object.`, [name]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const params = result.error.issues.map((i) => [name, ...i.path.map(String)].join("."));
  throw Invalid(result.error.issues.map((i, n) => `${params[n]}: ${i.message}`).join("; "), [...new Set(params)]);
}

export const multipartBody = (properties: Record<string, object>, required: string[]) => ({
  body: { required: true, content: { "multipart/form-data": { schema: { type: "object" as const, properties, required } } } },
});

