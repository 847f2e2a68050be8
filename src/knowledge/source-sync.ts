// Applying a webhook delivery's documents to a dataset, keyed by the sender's external_id: new ones
// are added, changed content is replaced and re-indexed, unchanged content is left alone (no
// re-embedding) and `deleted` ones are removed. One item failing never fails the others.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { TenantCtx } from "../context";
import { documents } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import type { DatasetRow } from "./datasets";
import { addDocuments, assertAcceptableFile, type DocumentRow, deleteDocument, type NewDocument, updateDocument } from "./documents";
import { extensionOf } from "./parse";
import { type FetchedContent, fetchContent } from "./source-fetch";

export const MAX_DOCUMENTS_PER_DELIVERY = 100;
const FLUSH_BYTES = 8 * 1024 * 1024;

export const webhookDocumentSchema = z
  .object({
    external_id: z.string().min(1).max(255),
    title: z.string().trim().min(1).max(255).optional(),
    /** The content as Markdown; wins over `url` when both are given. */
    text: z.string().optional(),
    /** Fetched through the SSRF guard when `text` is absent. */
    url: z.string().max(2048).optional(),
    metadata: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    deleted: z.boolean().optional(),
  })
  .refine((d) => d.deleted || d.text !== undefined || d.url !== undefined, {
    message: "text or url is required unless deleted is true",
    path: ["text"],
  });

export const webhookPayloadSchema = z.object({
  documents: z
    .array(webhookDocumentSchema)
    .max(MAX_DOCUMENTS_PER_DELIVERY)
    .refine((docs) => new Set(docs.map((d) => d.external_id)).size === docs.length, "external_id must be unique within a delivery"),
});

export type WebhookDocument = z.infer<typeof webhookDocumentSchema>;

export interface SyncSummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: { external_id: string; error: string }[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function contentOf(ctx: TenantCtx, item: WebhookDocument): Promise<FetchedContent> | FetchedContent {
  if (item.text !== undefined) return { bytes: utf8(item.text), extension: "md", mimeType: "text/markdown" };
  return fetchContent(ctx, item.url as string);
}

const filenameFor = (name: string, extension: string) => (extensionOf(name) === extension ? name : `${name}.${extension}`);

async function existingByExternalId(ctx: TenantCtx, datasetId: string, ids: string[]): Promise<Map<string, DocumentRow>> {
  const found = new Map<string, DocumentRow>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await ctx.db
      .select()
      .from(documents)
      .where(and(eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id), inArray(documents.externalId, ids.slice(i, i + 90))))
      .all();
    for (const r of rows) found.set(r.externalId as string, r);
  }
  return found;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Upserts and deletes `items` in `dataset`; returns what happened to each. */
export async function syncDocuments(ctx: TenantCtx, dataset: DatasetRow, items: WebhookDocument[]): Promise<SyncSummary> {
  const summary: SyncSummary = { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: [] };
  const existing = await existingByExternalId(ctx, dataset.id, items.map((i) => i.external_id));
  let toCreate: { externalId: string; doc: NewDocument }[] = [];
  let pendingBytes = 0;
  // New documents are added in groups (one R2/D1/queue round each), flushed early so fetched
  // pages never pile up in the isolate's memory.
  const flush = async () => {
    const group = toCreate;
    toCreate = [];
    pendingBytes = 0;
    if (!group.length) return;
    try {
      await addDocuments(
        ctx,
        dataset,
        group.map((c) => c.doc),
        // A dataset whose index mode no upload has fixed yet gets Dify's console default.
        { createdFrom: "webhook", createdBy: null, indexingTechnique: dataset.indexingTechnique ?? "high_quality" },
      );
      summary.created += group.length;
    } catch (err) {
      for (const c of group) summary.failed.push({ external_id: c.externalId, error: messageOf(err) });
    }
  };

  for (const item of items) {
    const current = existing.get(item.external_id);
    try {
      if (item.deleted) {
        if (current) {
          await deleteDocument(ctx, dataset, current.id);
          summary.deleted++;
        } else summary.unchanged++;
        continue;
      }
      const content = await contentOf(ctx, item);
      const filename = filenameFor(item.title ?? current?.name ?? item.external_id, content.extension);
      if (!current) {
        assertAcceptableFile(ctx, filename, content.bytes.byteLength);
        toCreate.push({
          externalId: item.external_id,
          doc: {
            name: item.title ?? item.external_id,
            filename,
            bytes: content.bytes,
            mimeType: content.mimeType,
            dataSourceType: "webhook",
            externalId: item.external_id,
            metadata: item.metadata,
          },
        });
        pendingBytes += content.bytes.byteLength;
        if (pendingBytes > FLUSH_BYTES) await flush();
        continue;
      }
      const sameContent = (await sha256Hex(content.bytes)) === current.contentHash && content.extension === current.extension;
      const rename = item.title !== undefined && item.title !== current.name;
      const remeta = item.metadata !== undefined && JSON.stringify(item.metadata) !== current.docMetadata;
      if (sameContent && !rename && !remeta) {
        summary.unchanged++;
        continue;
      }
      await updateDocument(ctx, dataset, current.id, {
        name: rename ? item.title : undefined,
        metadata: remeta ? item.metadata : undefined,
        file: sameContent ? undefined : { filename, bytes: content.bytes, mimeType: content.mimeType },
      });
      summary.updated++;
    } catch (err) {
      summary.failed.push({ external_id: item.external_id, error: messageOf(err) });
    }
  }

  await flush();
  return summary;
}
