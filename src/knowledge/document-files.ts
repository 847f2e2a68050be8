// A document's original file, as the Knowledge API hands it out (Dify's document download and
// download-zip): a signed link to one original, or a ZIP of several streamed from R2. Only
// documents a user gave as a file or as text have an original of theirs; webhook and URL
// documents come from elsewhere, as Dify keeps download to its upload-file documents.
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { and, eq, inArray } from "drizzle-orm";
import { signedFileUrl } from "../apps/file-urls";
import type { Ctx, TenantCtx } from "../context";
import { documents } from "../db/schema";
import { KilnError } from "../lib/errors";
import type { DocumentRow } from "./documents";

const DOWNLOADABLE = new Set<DocumentRow["dataSourceType"]>(["upload_file", "text"]);
/** Dify's DOCUMENT_BATCH_DOWNLOAD_ZIP_MAX_DOCS. */
export const ZIP_MAX_DOCUMENTS = 100;
/** Types worth compressing; the rest (PDF, docx, images) are already compressed and are stored. */
const COMPRESSIBLE = new Set(["txt", "md", "markdown", "mdx", "html", "htm", "csv", "json", "xml", "vtt", "properties", "yaml", "yml"]);

/** A stored original as the signed-link route serves it. */
export interface StoredOriginal {
  storageKey: string;
  name: string;
  mimeType: string;
  size: number;
}

/** The file name a download carries: the document's name, with its file's extension. */
function fileNameOf(d: Pick<DocumentRow, "name" | "extension">): string {
  const name = d.name.trim() || "file";
  return name.toLowerCase().endsWith(`.${d.extension.toLowerCase()}`) ? name : `${name}.${d.extension}`;
}

/** Dify's 404s here: an unknown document, or one without an original of the user's own. */
const noOriginal = (message: string) => new KilnError("not_found", 404, message);

/** A signed link (5 minutes, as an attachment) to the original of one document of the dataset. */
export async function documentDownloadUrl(ctx: TenantCtx, datasetId: string, documentId: string): Promise<{ url: string }> {
  const doc = await ctx.db
    .select({ id: documents.id, dataSourceType: documents.dataSourceType })
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id)))
    .get();
  if (!doc) throw noOriginal("Document not found.");
  if (!DOWNLOADABLE.has(doc.dataSourceType)) throw noOriginal("Document does not have an uploaded file to download.");
  const url = await signedFileUrl(ctx.config.APP_SECRET, doc.id, ctx.now());
  return { url: `${url}&as_attachment=true` };
}

/** The original a signed link names when the link names a document (the signature is the permission). */
export async function documentOriginal(ctx: Ctx, documentId: string): Promise<StoredOriginal | null> {
  const doc = await ctx.db.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!doc || !DOWNLOADABLE.has(doc.dataSourceType)) return null;
  return { storageKey: doc.fileKey, name: fileNameOf(doc), mimeType: doc.mimeType ?? "application/octet-stream", size: doc.fileSize };
}

/** Dify's ZIP entry names: no directories or separators, and a name used twice gets " (n)" before its extension. */
export function zipEntryNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = (raw.split(/[/\\]/).pop() ?? "").trim() || "file";
    let name = base;
    const dot = base.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ""];
    for (let n = 1; used.has(name); n++) name = `${stem} (${n})${ext}`;
    used.add(name);
    return name;
  });
}

/**
 * The originals of the named documents of the dataset, as one ZIP streamed while R2 is read (a
 * hundred 15 MB files never sit in memory together). Every document is checked before the first
 * byte goes out, so a bad id is a JSON error, never a broken archive.
 */
export async function documentsZip(ctx: TenantCtx, datasetId: string, documentIds: string[]): Promise<Response> {
  const ids = [...new Set(documentIds)];
  const rows = await ctx.db
    .select()
    .from(documents)
    .where(and(inArray(documents.id, ids), eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id)))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (ids.some((id) => !byId.has(id))) throw noOriginal("Document not found.");
  const onlyFiles = "Only uploaded-file documents can be downloaded as ZIP.";
  const chosen = documentIds.map((id) => byId.get(id) as DocumentRow);
  if (chosen.some((d) => !DOWNLOADABLE.has(d.dataSourceType))) throw noOriginal(onlyFiles);
  const stored = await Promise.all(chosen.map((d) => ctx.env.FILES.head(d.fileKey)));
  if (stored.some((o) => !o)) throw noOriginal(onlyFiles);

  const names = zipEntryNames(chosen.map(fileNameOf));
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  let failed = false;
  const zip = new Zip((err, chunk, final) => {
    if (failed) return;
    if (err) {
      failed = true;
      writer.abort(err).catch(() => {});
      return;
    }
    // A client that left makes these reject; fill() then stops at writer.ready.
    writer.write(chunk).catch(() => {});
    if (final) writer.close().catch(() => {});
  });
  const fill = async () => {
    for (const [i, doc] of chosen.entries()) {
      const entry = COMPRESSIBLE.has(doc.extension.toLowerCase()) ? new ZipDeflate(names[i], { level: 6 }) : new ZipPassThrough(names[i]);
      entry.mtime = doc.createdAt;
      zip.add(entry);
      const object = await ctx.env.FILES.get(doc.fileKey);
      if (!object) throw new Error(`the original of document ${doc.id} went missing while the ZIP was written`);
      const reader = object.body.getReader();
      for (;;) {
        // Read on only as fast as the client takes the archive.
        await writer.ready;
        const { done, value } = await reader.read();
        if (done) break;
        entry.push(value);
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
  };
  // The response streams while fill() runs; a failure midway cuts the archive short, which any
  // unzip reports, rather than passing a partial archive off as whole.
  ctx.waitUntil(
    fill().catch((err) => {
      ctx.log.warn("document zip cut short", { datasetId, error: String(err) });
      failed = true;
      writer.abort(err).catch(() => {});
    }),
  );
  const filename = `${crypto.randomUUID().replaceAll("-", "")}.zip`;
  return new Response(readable, {
    status: 200,
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename=${filename}` },
  });
}
