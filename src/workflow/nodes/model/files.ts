// Dify file variables (`sys.files`, file inputs, file lists) resolved to their bytes: Kiln
// uploads of this workspace from R2 (upload_file_id / related_id), or remote URLs fetched
// through the SSRF guard. Another workspace's upload is "not found", never read.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { uploadFiles } from "../../../db/schema";
import { Invalid, KilnError, NotFound } from "../../../lib/errors";
import { createGuardedFetch } from "../../../lib/ssrf";
import type { NodeRunContext } from "../types";
import type { TenantCtx } from "../../../context";

const MB = 1024 * 1024;
const REMOTE_TIMEOUT_MS = 15_000;

/** The fields of Dify's File mapping that locate the content. */
export const fileRefSchema = z.looseObject({
  type: z.string().nullish(),
  transfer_method: z.string().nullish(),
  upload_file_id: z.string().nullish(),
  related_id: z.string().nullish(),
  remote_url: z.string().nullish(),
  url: z.string().nullish(),
  filename: z.string().nullish(),
  name: z.string().nullish(),
  extension: z.string().nullish(),
  mime_type: z.string().nullish(),
});
export type FileRef = z.infer<typeof fileRefSchema>;

export interface LoadedFile {
  filename: string;
  mimeType: string | null;
  bytes: Uint8Array;
}

/** Whether a variable's value looks like one Dify file (not a list, not a string). */
export const isFileValue = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && fileRefSchema.safeParse(value).success;

/** Reads a response body, failing with `tooLarge()` as soon as it passes `maxBytes`. */
export async function readCapped(res: Response, maxBytes: number, tooLarge: () => KilnError): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads one file's bytes; `maxMb` bounds remote downloads (uploads were bounded on upload). */
export function loadFile(ctx: NodeRunContext, raw: unknown, maxMb: number): Promise<LoadedFile> {
  return loadWorkspaceFile(ctx.tctx, raw, maxMb, ctx.signal);
}

/** The same outside a node (a tool given a file): the workspace's upload, or the file's URL. */
export async function loadWorkspaceFile(tctx: TenantCtx, raw: unknown, maxMb: number, signal: AbortSignal): Promise<LoadedFile> {
  const parsed = fileRefSchema.safeParse(raw);
  if (!parsed.success) throw Invalid("The variable is not a file");
  const file = parsed.data;
  const uploadId = file.upload_file_id || file.related_id;
  if (uploadId && file.transfer_method !== "remote_url") {
    const row = await tctx.db
      .select()
      .from(uploadFiles)
      .where(and(eq(uploadFiles.id, uploadId), eq(uploadFiles.workspaceId, tctx.workspace.id)))
      .get();
    if (!row) throw NotFound(`File ${uploadId}`);
    const object = await tctx.env.FILES.get(row.storageKey);
    if (!object) throw NotFound(`The content of file ${row.name}`);
    return { filename: row.name, mimeType: row.mimeType, bytes: new Uint8Array(await object.arrayBuffer()) };
  }
  const url = file.remote_url || file.url;
  if (!url) throw Invalid("The file has neither an upload id nor a URL");
  let res: Response;
  try {
    res = await createGuardedFetch(tctx.config.SSRF_ALLOW_HOSTS)(url, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(REMOTE_TIMEOUT_MS)]),
    });
  } catch (err) {
    if (err instanceof KilnError) throw err;
    throw Invalid(`The file at ${url} could not be fetched (${(err as Error)?.message ?? err})`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw Invalid(`The file at ${url} answered HTTP ${res.status}`);
  }
  const bytes = await readCapped(res, maxMb * MB, () => new KilnError("file_too_large", 413, `The file at ${url} is larger than ${maxMb} MB`));
  const fromPath = new URL(url).pathname.split("/").pop() || "file";
  const mimeType = (res.headers.get("content-type") ?? "").split(";")[0].trim() || file.mime_type || null;
  return { filename: file.filename || file.name || fromPath, mimeType, bytes };
}
