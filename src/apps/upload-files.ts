// Files end users upload for an app, and members for a test run (bytes in R2 under
// ws/<workspace>/files/<id>/<name>, a row in upload_files); the `files` a message refers to,
// resolved into what the model sees (images become vision input; other kinds are recorded with
// the message but not read); and serving an upload's bytes, by API key or by a signed link.
import { and, eq, inArray } from "drizzle-orm";
import type { Ctx, TenantCtx } from "../context";
import { uploadFiles } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import { createGuardedFetch } from "../lib/ssrf";
import { insertRows } from "../lib/insert-rows";
import { type EndUser, upsertEndUser } from "./end-users";
import { documentOriginal } from "../knowledge/document-files";
import { FILE_URL_TTL_SECONDS, signedFileUrl, verifyFileUrl } from "./file-urls";
import type { RunImage } from "./generate";
import type { ModelConfig } from "./model-config";

const MB = 1024 * 1024;

/**
 * Size caps in MB by kind. Dify allows 50 MB audio and 100 MB video; a Worker holds an upload in
 * memory (128 MB per isolate), so Kiln caps every kind at the document limit.
 */
export const UPLOAD_LIMITS_MB = { image: 10, document: 15, audio: 15, video: 15, custom: 15 } as const;
export type FileKind = keyof typeof UPLOAD_LIMITS_MB;

// Dify's extension lists (api/constants/__init__.py) with their usual media types.
const TYPES: Record<FileKind, Record<string, string>> = {
  image: { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", svg: "image/svg+xml" },
  document: {
    txt: "text/plain",
    markdown: "text/markdown",
    md: "text/markdown",
    mdx: "text/markdown",
    pdf: "application/pdf",
    html: "text/html",
    htm: "text/html",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    xls: "application/vnd.ms-excel",
    doc: "application/msword",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    csv: "text/csv",
    eml: "message/rfc822",
    msg: "application/vnd.ms-outlook",
    pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ppt: "application/vnd.ms-powerpoint",
    xml: "application/xml",
    epub: "application/epub+zip",
    json: "application/json",
    vtt: "text/vtt",
    properties: "text/plain",
  },
  audio: { mp3: "audio/mpeg", m4a: "audio/mp4", wav: "audio/wav", amr: "audio/amr", mpga: "audio/mpeg" },
  video: { mp4: "video/mp4", mov: "video/quicktime", mpeg: "video/mpeg", webm: "video/webm" },
  // Any other extension is a custom file (source code, YAML, logs… for a workflow's custom file
  // inputs and its document extractor), with the media type the upload gave.
  custom: {},
};

/**
 * Extensions refused outright: programs and installers. Dify accepts every type unless its
 * operator blocks some (UPLOAD_FILE_EXTENSION_BLACKLIST); Kiln blocks these by default, as that
 * setting's own example does, since no app reads them.
 */
const BLOCKED_EXTENSIONS = new Set(["exe", "dll", "msi", "scr", "com", "cpl", "pif", "sys", "drv"]);

/** Image types vision models accept (SVG is stored but not shown to the model). */
const VISION_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);
const MAX_RUN_FILES = 10;
const REMOTE_TIMEOUT_MS = 10_000;

/** A file name's extension, lower-case and without its dot ("" when it has none). */
const extensionOf = (name: string) => (name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "");

function kindOf(extension: string): FileKind | null {
  if (BLOCKED_EXTENSIONS.has(extension)) return null;
  for (const kind of Object.keys(TYPES) as FileKind[]) if (extension in TYPES[kind]) return kind;
  return "custom";
}

/** What kind of file a name is (image, document, audio, video, custom); null for a refused program. */
export const fileKindOf = (name: string): FileKind | null => kindOf(extensionOf(name));

/** A custom file's media type: the one the upload declared when it is well formed, else bytes. */
function customMimeType(declared: string): string {
  const type = declared.split(";")[0].trim().toLowerCase();
  return /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(type) ? type : "application/octet-stream";
}

const sec = (ms: number) => Math.floor(ms / 1000);
type UploadRow = typeof uploadFiles.$inferSelect;

/** An upload as Dify answers it; `source_url` is a signed link to its bytes, as Dify's is. */
function uploadFileView(f: UploadRow, sourceUrl: string) {
  return {
    id: f.id,
    name: f.name,
    size: f.size,
    extension: f.extension,
    mime_type: f.mimeType,
    created_by: f.createdBy,
    created_at: sec(f.createdAt),
    preview_url: null,
    source_url: sourceUrl,
  };
}

/** Stores one uploaded file for an app's end user; refuses programs and oversized files. */
export function uploadFile(ctx: TenantCtx, appId: string, endUser: EndUser, file: File) {
  return storeUpload(ctx, file, { appId, role: "end_user", createdBy: endUser.id }, [upsertEndUser(ctx, ctx.workspace.id, appId, endUser)]);
}

/**
 * Stores one file a console member uploads (Dify's console /files/upload, used to give a debug
 * run its file inputs): the workspace's, with no app, created by the account.
 */
export function uploadConsoleFile(ctx: TenantCtx, accountId: string, file: File) {
  return storeUpload(ctx, file, { appId: null, role: "account", createdBy: accountId }, []);
}

/** Who a stored upload belongs to: an app's end user, or a member (with or without an app). */
export type UploadOwner = { appId: string | null; role: "end_user" | "account"; createdBy: string };

/**
 * Stores a file on someone else's behalf: an upload through a Human Input form's upload token is
 * its run's initiator's (Dify's HumanInputFileUploadService), so the run goes on with a file of
 * its own user, as it would with one they had attached at the start.
 */
export function uploadFileAs(ctx: TenantCtx, owner: UploadOwner, file: File) {
  return storeUpload(ctx, file, owner, []);
}

/**
 * Fetches a file by URL (SSRF-guarded, 10 s, at most the largest upload size) and stores it as
 * `owner`'s upload, as Dify's remote-file upload does: named by the last path segment of the URL,
 * refused as any upload is for its type or size. Failures are Dify's `remote_file_upload_failed`.
 */
export async function uploadRemoteFileAs(ctx: TenantCtx, owner: UploadOwner, url: string) {
  assertWebUrl(url, "url");
  const failed = (why: string) => new KilnError("remote_file_upload_failed", 400, `Failed to fetch file from ${url}: ${why}`);
  let res: Response;
  try {
    res = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(url, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS) });
  } catch (err) {
    throw failed(err instanceof KilnError ? err.message : String((err as Error)?.message ?? err));
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw failed(`HTTP ${res.status}`);
  }
  const limit = Math.max(...Object.values(UPLOAD_LIMITS_MB)) * MB;
  const tooLarge = () => new KilnError("file_too_large", 413, `File size exceeded. Remote files may be at most ${limit / MB} MB.`);
  if (Number(res.headers.get("content-length") ?? 0) > limit) {
    await res.body?.cancel();
    throw tooLarge();
  }
  // Read with a cap: a server that sends no length (or lies about it) cannot fill the isolate.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim();
  const view = await storeUpload(ctx, new File(chunks, remoteName(url), { type }), owner, []);
  return { id: view.id, name: view.name, size: view.size, extension: view.extension, url: view.source_url, mime_type: view.mime_type, created_by: view.created_by, created_at: view.created_at };
}

/**
 * Stores bytes a workflow node received (an HTTP Request node's file answer, Dify's tool file) as
 * `owner`'s file and answers it as a run's file variable holds one. The name keeps its extension
 * when it has a known one; else one is taken from the media type (`.bin` when none fits).
 */
export async function storeNodeFile(ctx: TenantCtx, owner: UploadOwner, bytes: Uint8Array, name: string, mimeType: string) {
  let filename = [...name].map((ch) => (ch.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(ch) ? "_" : ch)).join("").slice(0, 150) || "file";
  const known = kindOf(extensionOf(filename));
  if (!known || known === "custom") {
    const type = mimeType.split(";")[0].trim().toLowerCase();
    const fromType = (Object.values(TYPES) as Record<string, string>[]).flatMap((t) => Object.entries(t)).find(([, mime]) => mime === type)?.[0];
    if (fromType || !extensionOf(filename)) filename = `${filename}.${fromType ?? "bin"}`;
  }
  const view = await storeUpload(ctx, new File([bytes], filename, { type: mimeType }), owner, []);
  return {
    dify_model_identity: "__dify__file__",
    id: view.id,
    tenant_id: ctx.workspace.id,
    type: kindOf(view.extension) ?? "custom",
    transfer_method: "tool_file",
    related_id: view.id,
    filename: view.name,
    extension: `.${view.extension}`,
    mime_type: view.mime_type,
    size: view.size,
    url: view.source_url,
  };
}

async function storeUpload(
  ctx: TenantCtx,
  file: File,
  owner: UploadOwner,
  alongside: D1PreparedStatement[],
) {
  const name = file.name.trim() || "file";
  const hasControl = [...name].some((ch) => ch.charCodeAt(0) < 0x20);
  if (hasControl || /[/\\:*?"<>|]/.test(name) || name.length > 200) {
    throw Invalid("Filename contains invalid characters or is too long.", ["file"]);
  }
  const extension = extensionOf(name);
  const kind = kindOf(extension);
  if (!kind) throw new KilnError("unsupported_file_type", 415, "File type not allowed.");
  const limitMb = UPLOAD_LIMITS_MB[kind];
  if (file.size > limitMb * MB) {
    throw new KilnError(
      "file_too_large",
      413,
      `File size exceeded. ${(file.size / MB).toFixed(1)} MB > ${limitMb} MB, the limit for ${kind} files.`,
    );
  }
  const id = ctx.newId();
  const row: UploadRow = {
    id,
    workspaceId: ctx.workspace.id,
    appId: owner.appId,
    storageKey: `ws/${ctx.workspace.id}/files/${id}/${name}`,
    name,
    size: file.size,
    extension,
    mimeType: kind === "custom" ? customMimeType(file.type) : TYPES[kind][extension],
    createdByRole: owner.role,
    createdBy: owner.createdBy,
    createdAt: ctx.now(),
  };
  await ctx.env.FILES.put(row.storageKey, await file.arrayBuffer(), { httpMetadata: { contentType: row.mimeType } });
  try {
    await ctx.db.$client.batch([...alongside, insertRows(ctx.db.$client, uploadFiles, [row])]);
  } catch (err) {
    // No row, no file: a failed write leaves nothing behind in R2.
    await ctx.env.FILES.delete(row.storageKey);
    throw err;
  }
  return uploadFileView(row, await signedFileUrl(ctx.config.APP_SECRET, row.id, ctx.now()));
}

/** A file a message refers to, as Dify's File mapping; a resolved one also says what it is. */
export interface FileRef {
  type: string;
  transfer_method: string;
  url?: string | null;
  upload_file_id?: string | null;
  filename?: string;
  mime_type?: string | null;
  size?: number;
}

/** Dify reads `files` only when the app enables file upload (new `enabled` or old `image.enabled`). */
function uploadSettings(config: ModelConfig): { enabled: boolean; limit: number } {
  const fu = (config.file_upload ?? {}) as { enabled?: unknown; number_limits?: unknown; image?: { enabled?: unknown; number_limits?: unknown } };
  const enabled = fu.enabled === true || fu.image?.enabled === true;
  const limit = Number(fu.number_limits ?? fu.image?.number_limits ?? MAX_RUN_FILES);
  return { enabled, limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_RUN_FILES) : MAX_RUN_FILES };
}

/**
 * A remote file's URL must be a web address: Dify fetches it to learn the file, so nothing else
 * ever names a file, and a `javascript:` link must never reach a page that shows the message.
 */
export function assertWebUrl(url: unknown, field: string): void {
  let ok = false;
  try {
    ok = typeof url === "string" && ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw Invalid(`${field} must be an http or https URL`, [field]);
}

/** The strings of a setting's list; null when the setting has no list. */
export const stringList = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null);
/** An extension as settings compare them: no dot, lower case (`.PDF` and `pdf` are one). */
export const bareExtension = (e: string) => e.replace(/^\./, "").toLowerCase();

/**
 * Refuses a file the app's file upload setting does not take, as Dify's file factory does
 * (`_is_file_valid_with_config`), with its message: a type outside `allowed_file_types` (custom
 * files excepted), a custom file whose extension is not in `allowed_file_extensions`, or a
 * transfer method outside `allowed_file_upload_methods`. Only Dify's current shape (`enabled`
 * with these lists) is checked; a list the setting does not have allows everything. Extensions
 * compare without their dot and case.
 */
export function assertFileAllowed(fileUpload: unknown, file: { type?: unknown; transfer_method?: unknown; filename: string; extension: string }): void {
  if (fileUpload === null || typeof fileUpload !== "object" || (fileUpload as { enabled?: unknown }).enabled !== true) return;
  const setting = fileUpload as Record<string, unknown>;
  const type = typeof file.type === "string" && file.type ? file.type : "custom";
  const types = stringList(setting.allowed_file_types);
  const extensions = stringList(setting.allowed_file_extensions);
  const methods = stringList(setting.allowed_file_upload_methods);
  const allowed =
    (!types?.length || type === "custom" || types.includes(type)) &&
    (type !== "custom" || !extensions || extensions.map(bareExtension).includes(bareExtension(file.extension))) &&
    (!methods?.length || methods.includes(String(file.transfer_method)));
  if (!allowed) throw Invalid(`File validation failed for file: ${file.filename}`, ["files"]);
}

async function fetchRemoteImage(ctx: TenantCtx, url: string, field: string): Promise<RunImage> {
  let res: Response;
  try {
    res = await createGuardedFetch(ctx.config.SSRF_ALLOW_HOSTS)(url, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof KilnError) throw Invalid(`${field}: ${err.message}`, [field]);
    throw Invalid(`${field}: the image could not be fetched (${(err as Error)?.message ?? err})`, [field]);
  }
  const mediaType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!res.ok || !VISION_TYPES.has(mediaType)) {
    throw Invalid(`${field}: the URL did not answer with a JPEG, PNG, WebP or GIF image (HTTP ${res.status}, ${mediaType || "no type"})`, [field]);
  }
  const data = new Uint8Array(await res.arrayBuffer());
  if (data.byteLength > UPLOAD_LIMITS_MB.image * MB) throw Invalid(`${field}: images may be at most ${UPLOAD_LIMITS_MB.image} MB`, [field]);
  return { data, mediaType };
}

/** The last segment of a remote file's URL path, as Dify names such files. */
function remoteName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "") || "file";
  } catch {
    return "file";
  }
}

/** A message's stored `files`, or none when the log holds something else. */
function storedRefs(files: string): FileRef[] {
  try {
    const refs = JSON.parse(files) as unknown;
    return Array.isArray(refs) ? (refs as FileRef[]) : [];
  } catch {
    return [];
  }
}

/**
 * A page of messages' files as Dify's `message_files`, by message id: each with its name, type and
 * size, and a link to its bytes (signed, for an upload of the message's own workspace; the address
 * it came from, for a remote file). The uploads are looked up once for the whole page.
 */
export async function messageFilesViews(ctx: Ctx, page: { id: string; workspaceId: string; files: string }[]) {
  const refsOf = new Map(page.map((m) => [m.id, storedRefs(m.files)]));
  const ids = [...new Set([...refsOf.values()].flat().map((f) => f.upload_file_id).filter((id): id is string => typeof id === "string" && id !== ""))];
  // Where each upload lives: a link is signed only when it is the message's workspace, whatever the log holds.
  const workspaceOf = new Map<string, string>();
  for (let at = 0; at < ids.length; at += 90) {
    const found = await ctx.db
      .select({ id: uploadFiles.id, workspaceId: uploadFiles.workspaceId })
      .from(uploadFiles)
      .where(inArray(uploadFiles.id, ids.slice(at, at + 90)))
      .all();
    for (const r of found) workspaceOf.set(r.id, r.workspaceId);
  }
  const views = new Map<string, unknown[]>();
  for (const m of page) {
    const refs = refsOf.get(m.id) ?? [];
    const own = (id: string) => workspaceOf.get(id) === m.workspaceId;
    views.set(
      m.id,
      await Promise.all(
        refs.map(async (f, n) => ({
          id: f.upload_file_id ?? `${m.id}-${n}`,
          filename: f.filename ?? (f.url ? remoteName(f.url) : "file"),
          type: f.type,
          url: f.upload_file_id ? (own(f.upload_file_id) ? await signedFileUrl(ctx.config.APP_SECRET, f.upload_file_id, ctx.now()) : null) : (f.url ?? null),
          mime_type: f.mime_type ?? null,
          size: f.size ?? -1,
          transfer_method: f.transfer_method,
          belongs_to: "user",
          upload_file_id: f.upload_file_id ?? null,
        })),
      ),
    );
  }
  return views;
}

/**
 * A workflow run's file inputs as Dify's file factory makes them: each mapping the caller sent
 * (`type`, `transfer_method`, `upload_file_id` or `url`) completed with what the run's nodes read
 * of a file — `filename`, `extension` (with its dot), `mime_type`, `size`, `related_id`, `url` —
 * so conditions and list filters on those attributes see them, and the Start node checks the real
 * extension. An upload's details come from its row in this workspace (one lookup for all of them),
 * never from what the caller claims; a remote file's from its URL. An upload this workspace does
 * not hold is left as sent; a remote file whose URL is not a web address is refused (`field`
 * names the input in the error).
 */
export async function runFileObjects(ctx: TenantCtx, files: unknown[], field = "files"): Promise<unknown[]> {
  const mappings = files.map((f) => (f !== null && typeof f === "object" && !Array.isArray(f) ? (f as Record<string, unknown>) : null));
  const uploadIdOf = (f: Record<string, unknown>) => {
    const id = f.upload_file_id ?? f.related_id;
    return typeof id === "string" && id !== "" && f.transfer_method !== "remote_url" ? id : null;
  };
  mappings.forEach((f, n) => {
    if (f?.transfer_method === "remote_url") assertWebUrl(f.url ?? f.remote_url, `${field}.${n}.url`);
  });
  const ids = [...new Set(mappings.flatMap((f) => (f && uploadIdOf(f) ? [uploadIdOf(f)!] : [])))];
  const rows = new Map<string, typeof uploadFiles.$inferSelect>();
  for (let at = 0; at < ids.length; at += 90) {
    const found = await ctx.db
      .select()
      .from(uploadFiles)
      .where(and(inArray(uploadFiles.id, ids.slice(at, at + 90)), eq(uploadFiles.workspaceId, ctx.workspace.id)))
      .all();
    for (const r of found) rows.set(r.id, r);
  }
  return Promise.all(
    files.map(async (file, n) => {
      const f = mappings[n];
      if (!f) return file;
      const id = uploadIdOf(f);
      const row = id ? rows.get(id) : undefined;
      let details: Record<string, unknown>;
      if (row) {
        details = {
          id: row.id,
          related_id: row.id,
          upload_file_id: row.id,
          filename: row.name,
          extension: `.${row.extension}`,
          mime_type: row.mimeType,
          size: row.size,
          url: await signedFileUrl(ctx.config.APP_SECRET, row.id, ctx.now()),
        };
      } else if (f.transfer_method === "remote_url" && typeof f.url === "string") {
        const filename = remoteName(f.url);
        const extension = extensionOf(filename);
        const kind = kindOf(extension);
        const mimeType = kind && kind !== "custom" ? TYPES[kind][extension] : null;
        details = { filename, extension: extension ? `.${extension}` : "", mime_type: mimeType, size: -1, remote_url: f.url };
      } else return file;
      return { dify_model_identity: "__dify__file__", tenant_id: ctx.workspace.id, ...f, ...details };
    }),
  );
}

/**
 * Checks a message's `files` and loads its images. Files of apps without file upload are
 * ignored, as in Dify; local files must be uploads of this workspace.
 */
export async function resolveRunFiles(
  ctx: TenantCtx,
  config: ModelConfig,
  files: FileRef[] | null | undefined,
): Promise<{ files: FileRef[]; images: RunImage[] }> {
  const settings = uploadSettings(config);
  if (!files?.length || !settings.enabled) return { files: [], images: [] };
  if (files.length > settings.limit) throw Invalid(`files: at most ${settings.limit} files per message`, ["files"]);
  const refs: FileRef[] = [];
  const images: RunImage[] = [];
  for (const [n, f] of files.entries()) {
    const field = `files.${n}`;
    if (f.transfer_method === "local_file") {
      if (!f.upload_file_id) throw Invalid(`${field}.upload_file_id is required for local_file`, [`${field}.upload_file_id`]);
      const row = await ctx.db
        .select()
        .from(uploadFiles)
        .where(and(eq(uploadFiles.id, f.upload_file_id), eq(uploadFiles.workspaceId, ctx.workspace.id)))
        .get();
      if (!row) throw Invalid(`${field}.upload_file_id: file not found`, [`${field}.upload_file_id`]);
      assertFileAllowed(config.file_upload, { ...f, filename: row.name, extension: row.extension });
      refs.push({ type: f.type, transfer_method: f.transfer_method, upload_file_id: row.id, filename: row.name, mime_type: row.mimeType, size: row.size });
      if (f.type === "image" && VISION_TYPES.has(row.mimeType)) {
        const object = await ctx.env.FILES.get(row.storageKey);
        if (!object) throw Invalid(`${field}.upload_file_id: the file's content is gone`, [`${field}.upload_file_id`]);
        images.push({ data: new Uint8Array(await object.arrayBuffer()), mediaType: row.mimeType });
      }
    } else {
      if (!f.url) throw Invalid(`${field}.url is required for remote_url`, [`${field}.url`]);
      assertWebUrl(f.url, `${field}.url`);
      const ref: FileRef = { type: f.type, transfer_method: f.transfer_method, url: f.url, filename: remoteName(f.url), mime_type: null, size: -1 };
      assertFileAllowed(config.file_upload, { ...f, filename: ref.filename!, extension: extensionOf(ref.filename!) });
      if (f.type === "image") {
        const image = await fetchRemoteImage(ctx, f.url, `${field}.url`);
        images.push(image);
        Object.assign(ref, { mime_type: image.mediaType, size: image.data.byteLength });
      }
      refs.push(ref);
    }
  }
  return { files: refs, images };
}

/** Types a player may seek in: Dify answers them with Accept-Ranges. */
const SEEKABLE = new Set(["audio/mpeg", "audio/wav", "audio/mp4", "audio/ogg", "audio/flac", "audio/aac", "video/mp4", "video/webm", "video/quicktime", "audio/x-m4a"]);

/**
 * An uploaded file's bytes for `GET /files/:file_id/preview` (Dify's FilePreviewApi). The file
 * must have been uploaded to this app (through its API or WebApp): another app's file is 403
 * `file_access_denied`, an unknown one 404 `file_not_found`. Dify also requires the file to be
 * attached to one of the app's messages; here the app that received it may read it at once.
 */
export async function previewFile(ctx: TenantCtx, appId: string, fileId: string, asAttachment: boolean): Promise<Response> {
  const row = await ctx.db
    .select()
    .from(uploadFiles)
    .where(and(eq(uploadFiles.id, fileId), eq(uploadFiles.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw new KilnError("file_not_found", 404, "File not found in message context");
  if (row.appId !== appId) throw new KilnError("file_access_denied", 403, "File access denied: not owned by requesting app");
  // Dify's cache header for this route.
  return serveUpload(ctx, row, asAttachment, "public, max-age=3600");
}

/**
 * An upload's bytes as a response. Only images a browser can show (and audio and video) are
 * served inline; anything else is a download, and scripts in it never run on Kiln's origin.
 */
async function serveUpload(ctx: Ctx, row: Pick<UploadRow, "storageKey" | "name" | "mimeType" | "size">, asAttachment: boolean, cacheControl: string): Promise<Response> {
  const object = await ctx.env.FILES.get(row.storageKey);
  if (!object) throw new KilnError("file_not_found", 404, "Failed to load file content: the stored file is missing.");
  const headers = new Headers({
    "Content-Type": row.mimeType,
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  if (row.size > 0) headers.set("Content-Length", String(row.size));
  if (SEEKABLE.has(row.mimeType)) headers.set("Accept-Ranges", "bytes");
  const inline = VISION_TYPES.has(row.mimeType) || SEEKABLE.has(row.mimeType);
  if ((asAttachment || !inline) && row.name) {
    headers.set("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`);
    if (asAttachment) headers.set("Content-Type", "application/octet-stream");
  }
  return new Response(object.body, { status: 200, headers });
}

/** The file a signed link (`signedFileUrl`) names, if the link is genuine and current. */
export async function fileBySignedUrl(
  ctx: Ctx,
  fileId: string,
  q: { timestamp: string; nonce: string; sign: string },
  asAttachment: boolean,
): Promise<Response> {
  if (!(await verifyFileUrl(ctx.config.APP_SECRET, fileId, q, ctx.now()))) throw new KilnError("forbidden", 403, "Invalid request.");
  // A link names an uploaded file, or a knowledge document's original (the Knowledge API's download).
  const row = (await ctx.db.select().from(uploadFiles).where(eq(uploadFiles.id, fileId)).get()) ?? (await documentOriginal(ctx, fileId));
  if (!row) throw new KilnError("file_not_found", 404, "File not found.");
  // A link lasts minutes; so may a cached copy, in this browser only.
  return serveUpload(ctx, row, asAttachment, `private, max-age=${FILE_URL_TTL_SECONDS}`);
}
