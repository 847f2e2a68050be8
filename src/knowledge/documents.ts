// Documents of a dataset: add (original to R2, row, ingest message), update, list, read, pause,
// resume, retry, re-index, enable/disable/archive and delete. Indexing itself is ingest.ts.
import { and, asc, desc, eq, getTableColumns, inArray, like, max, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { datasets, documents } from "../db/schema";
import { Invalid, KilnError, NotFound, } from "../lib/errors";
import { sha256Hex } from "../lib/crypto";
import { offsetOf, pageOf, type Page } from "../lib/pagination";
import { INDEX_MESSAGE_DOCUMENTS, type KnowledgeIndexMessage } from "../queues/messages";
import { type DatasetRow, ensureIndexingTechnique, forgetDataset } from "./datasets";
import { extensionOf, isSupportedFile, SUPPORTED_EXTENSIONS } from "./parse";
import { type ProcessRule, resolveRule, ruleToDify } from "./process-rule";
import { purgeDocuments } from "./purge";
import { rememberOriginal } from "./recent-originals";

export type DocumentRow = typeof documents.$inferSelect;
const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export interface NewDocument {
  name: string;
  filename: string;
  bytes: Uint8Array;
  mimeType?: string | null;
  dataSourceType: "upload_file" | "text" | "webhook" | "url";
  externalId?: string | null;
  metadata?: Record<string, unknown>;
}

export interface AddOptions {
  processRule?: ProcessRule | null;
  docForm?: DocumentRow["docForm"];
  docLanguage?: string;
  indexingTechnique?: DatasetRow["indexingTechnique"];
  createdFrom: "web" | "api" | "webhook";
  createdBy: string | null;
}

export function assertAcceptableFile(ctx: TenantCtx, filename: string, size: number): void {
  if (!isSupportedFile(filename)) {
    // Dify answers 415 for an unsupported file type on create-by-file.
    throw new KilnError(
      "unsupported_file_type",
      415,
      `File type .${extensionOf(filename) ?? "?"} is not supported. Use ${SUPPORTED_EXTENSIONS.slice(0, -1).join(", ")} or ${SUPPORTED_EXTENSIONS.at(-1)}.`,
    );
  }
  const limit = ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB;
  if (size > limit * 1024 * 1024) {
    throw new KilnError("file_too_large", 413, `File size exceeded. The limit is ${limit} MB.`);
  }
}

const storageKey = (d: { workspaceId: string; datasetId: string; id: string }, filename: string) =>
  `ws/${d.workspaceId}/datasets/${d.datasetId}/${d.id}/${filename.replace(/[^\w.\- ]+/g, "_").slice(-120)}`;

/** The process rule a new document uses: its own, else the dataset's last one, else automatic. */
function effectiveRule(dataset: DatasetRow, rule: ProcessRule | null | undefined, docForm: DocumentRow["docForm"]) {
  if (rule) return ruleToDify(resolveRule(rule));
  if (dataset.processRule) return JSON.parse(dataset.processRule);
  return ruleToDify(resolveRule(docForm === "hierarchical_model" ? { mode: "hierarchical" } : { mode: "automatic" }));
}

export async function enqueueIndexing(ctx: TenantCtx, docs: Pick<DocumentRow, "id" | "contentHash">[]): Promise<void> {
  const messages: { body: KnowledgeIndexMessage }[] = [];
  for (let i = 0; i < docs.length; i += INDEX_MESSAGE_DOCUMENTS) {
    const documents = docs.slice(i, i + INDEX_MESSAGE_DOCUMENTS).map((d) => ({ documentId: d.id, contentHash: d.contentHash }));
    messages.push({ body: { type: "knowledge.index", workspaceId: ctx.workspace.id, documents } });
  }
  for (let i = 0; i < messages.length; i += 100) await ctx.env.INGEST_QUEUE.sendBatch(messages.slice(i, i + 100));
}

export async function addDocuments(
  ctx: TenantCtx,
  datasetIn: DatasetRow,
  inputs: NewDocument[],
  opts: AddOptions,
): Promise<{ documents: DocumentRow[]; batch: string }> {
  for (const input of inputs) assertAcceptableFile(ctx, input.filename, input.bytes.byteLength);
  const dataset = await ensureIndexingTechnique(ctx, datasetIn, opts.indexingTechnique);
  const docForm = opts.docForm ?? (opts.processRule?.mode === "hierarchical" ? "hierarchical_model" : dataset.docForm);
  const rule = effectiveRule(dataset, opts.processRule, docForm);
  const batch = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const now = ctx.now();
  const last = await ctx.db
    .select({ position: max(documents.position) })
    .from(documents)
    .where(eq(documents.datasetId, dataset.id))
    .get();
  // A guess for the returned rows; the insert below takes the real next position in the same
  // statement, so concurrent uploads never share one.
  let position = last?.position ?? 0;
  const rows: DocumentRow[] = [];
  for (const input of inputs) {
    const id = ctx.newId();
    rows.push({
      id,
      workspaceId: ctx.workspace.id,
      datasetId: dataset.id,
      position: ++position,
      name: input.name.slice(0, 255),
      dataSourceType: input.dataSourceType,
      fileKey: storageKey({ workspaceId: ctx.workspace.id, datasetId: dataset.id, id }, input.filename),
      fileSize: input.bytes.byteLength,
      mimeType: input.mimeType ?? null,
      extension: extensionOf(input.filename) ?? "txt",
      contentHash: await sha256Hex(input.bytes),
      indexedHash: null,
      processRule: JSON.stringify(rule),
      docForm,
      docLanguage: opts.docLanguage ?? "English",
      batch,
      externalId: input.externalId ?? null,
      createdFrom: opts.createdFrom,
      indexingStatus: "waiting",
      error: null,
      attempts: 0,
      enabled: true,
      archived: false,
      wordCount: 0,
      tokens: 0,
      segmentCount: 0,
      hitCount: 0,
      indexingLatency: null,
      docMetadata: JSON.stringify(input.metadata ?? {}),
      processingStartedAt: null,
      parsingCompletedAt: null,
      cleaningCompletedAt: null,
      splittingCompletedAt: null,
      completedAt: null,
      pausedAt: null,
      stoppedAt: null,
      disabledAt: null,
      createdBy: opts.createdBy,
      createdAt: now,
      updatedAt: now,
    });
  }
  // Originals first, then rows, then messages; undo what landed if a later step fails, so a failed
  // request leaves neither orphan files nor documents that no message will ever index.
  await Promise.all(
    rows.map(async (r, i) => {
      await ctx.env.FILES.put(r.fileKey, inputs[i].bytes, { httpMetadata: { contentType: r.mimeType ?? undefined } });
      rememberOriginal(r.fileKey, inputs[i].bytes);
    }),
  );
  try {
    // One statement for every row, which takes the dataset's next free positions in order. It binds
    // one JSON path per column (D1 allows 100 bound values a statement; documents has 40 columns).
    const columns = Object.entries(getTableColumns(documents));
    const values = columns.map(([key]) =>
      key === "position"
        ? sql`(SELECT coalesce(max(position), 0) FROM documents WHERE dataset_id = ${dataset.id}) + key + 1`
        : sql`json_extract(value, ${`$.${key}`})`,
    );
    const inserted = await ctx.db.all<{ id: string; position: number }>(
      sql`INSERT INTO documents (${sql.raw(columns.map(([, c]) => `"${c.name}"`).join(", "))})
          SELECT ${sql.join(values, sql`, `)} FROM json_each(${JSON.stringify(rows)}) ORDER BY key
          RETURNING id, position`,
    );
    const positions = new Map(inserted.map((r) => [r.id, r.position]));
    for (const r of rows) r.position = positions.get(r.id) ?? r.position;
    await ctx.db
      .update(datasets)
      .set({ processRule: JSON.stringify(rule), docForm, updatedAt: now })
      .where(eq(datasets.id, dataset.id));
    forgetDataset(dataset.id);
    await enqueueIndexing(ctx, rows);
  } catch (e) {
    await ctx.db.delete(documents).where(inArray(documents.id, rows.map((r) => r.id)));
    await ctx.env.FILES.delete(rows.map((r) => r.fileKey));
    throw e;
  }
  return { documents: rows, batch };
}

export async function getDocument(ctx: TenantCtx, datasetId: string, documentId: string): Promise<DocumentRow> {
  const row = await ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Document");
  return row;
}

/** Replaces a document's content and/or rule and indexes it again; unchanged content keeps its vectors. */
export async function updateDocument(
  ctx: TenantCtx,
  dataset: DatasetRow,
  documentId: string,
  input: { name?: string; file?: { filename: string; bytes: Uint8Array; mimeType?: string | null }; processRule?: ProcessRule | null; metadata?: Record<string, unknown> },
): Promise<DocumentRow> {
  const doc = await getDocument(ctx, dataset.id, documentId);
  if (doc.archived) throw new KilnError("archived_document_immutable", 403, "The archived document is not editable.");
  const set: Partial<DocumentRow> = { updatedAt: ctx.now() };
  if (input.name) set.name = input.name.slice(0, 255);
  if (input.metadata) set.docMetadata = JSON.stringify(input.metadata);
  if (input.processRule) set.processRule = JSON.stringify(ruleToDify(resolveRule(input.processRule)));
  let newKey: string | null = null;
  if (input.file) {
    assertAcceptableFile(ctx, input.file.filename, input.file.bytes.byteLength);
    const hash = await sha256Hex(input.file.bytes);
    if (hash !== doc.contentHash || extensionOf(input.file.filename) !== doc.extension) {
      newKey = storageKey(doc, `${ctx.newId()}-${input.file.filename}`);
      await ctx.env.FILES.put(newKey, input.file.bytes, { httpMetadata: { contentType: input.file.mimeType ?? undefined } });
      Object.assign(set, {
        fileKey: newKey,
        fileSize: input.file.bytes.byteLength,
        mimeType: input.file.mimeType ?? null,
        extension: extensionOf(input.file.filename) ?? "txt",
        contentHash: hash,
      });
    }
  }
  const reindex = Boolean(newKey || input.processRule);
  if (reindex) Object.assign(set, { indexingStatus: "waiting", error: null, attempts: 0, completedAt: null, pausedAt: null });
  await ctx.db.update(documents).set(set).where(eq(documents.id, doc.id));
  const updated = { ...doc, ...set };
  if (newKey) await ctx.env.FILES.delete(doc.fileKey);
  if (reindex) await enqueueIndexing(ctx, [updated]);
  return updated;
}

export async function pauseDocument(ctx: TenantCtx, datasetId: string, documentId: string): Promise<DocumentRow> {
  const doc = await getDocument(ctx, datasetId, documentId);
  if (doc.indexingStatus === "completed" || doc.indexingStatus === "error") {
    throw new KilnError("document_already_finished", 400, "The document has been processed. Please refresh the page or go to the document details.");
  }
  const set = { indexingStatus: "paused" as const, pausedAt: ctx.now(), updatedAt: ctx.now() };
  await ctx.db.update(documents).set(set).where(eq(documents.id, doc.id));
  return { ...doc, ...set };
}

/** Resume a paused document, retry a failed one or re-index a finished one: all start over. */
export async function restartIndexing(ctx: TenantCtx, datasetId: string, documentIds: string[]): Promise<DocumentRow[]> {
  const docs = await ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id), inArray(documents.id, documentIds)))
    .all();
  if (docs.length !== new Set(documentIds).size) throw NotFound("Document");
  const set = { indexingStatus: "waiting" as const, error: null, attempts: 0, pausedAt: null, stoppedAt: null, indexedHash: null, updatedAt: ctx.now() };
  await ctx.db.update(documents).set(set).where(inArray(documents.id, documentIds));
  await enqueueIndexing(ctx, docs);
  return docs.map((d) => ({ ...d, ...set }));
}

/** Resume a paused document (or one that stopped with an error): it is indexed again. */
export async function resumeDocument(ctx: TenantCtx, datasetId: string, documentId: string): Promise<DocumentRow> {
  const doc = await getDocument(ctx, datasetId, documentId);
  if (doc.indexingStatus !== "paused" && doc.indexingStatus !== "error") {
    throw new KilnError("invalid_action", 400, "Only a paused or failed document can be resumed.");
  }
  const [resumed] = await restartIndexing(ctx, datasetId, [documentId]);
  return resumed;
}

export async function setDocumentsStatus(
  ctx: TenantCtx,
  datasetId: string,
  action: "enable" | "disable" | "archive" | "un_archive",
  documentIds: string[],
): Promise<void> {
  const now = ctx.now();
  const set =
    action === "enable"
      ? { enabled: true, disabledAt: null }
      : action === "disable"
        ? { enabled: false, disabledAt: now }
        : { archived: action === "archive" };
  const updated = await ctx.db
    .update(documents)
    .set({ ...set, updatedAt: now })
    .where(and(eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id), inArray(documents.id, documentIds)))
    .returning({ id: documents.id })
    .all();
  if (updated.length !== new Set(documentIds).size) throw NotFound("Document");
}

export async function deleteDocument(ctx: TenantCtx, dataset: DatasetRow, documentId: string): Promise<void> {
  const doc = await getDocument(ctx, dataset.id, documentId);
  await purgeDocuments(ctx, [doc]);
}

export const DISPLAY_STATUSES = ["queuing", "paused", "indexing", "error", "available", "disabled", "archived"] as const;

export function displayStatus(d: DocumentRow): (typeof DISPLAY_STATUSES)[number] {
  if (d.indexingStatus === "waiting") return "queuing";
  if (d.indexingStatus === "paused") return "paused";
  if (d.indexingStatus === "error") return "error";
  if (d.indexingStatus !== "completed") return "indexing";
  if (d.archived) return "archived";
  return d.enabled ? "available" : "disabled";
}

function statusCondition(status: string) {
  switch (status) {
    case "queuing":
      return eq(documents.indexingStatus, "waiting");
    case "indexing":
      return inArray(documents.indexingStatus, ["parsing", "cleaning", "splitting", "indexing"]);
    case "paused":
      return eq(documents.indexingStatus, "paused");
    case "error":
      return eq(documents.indexingStatus, "error");
    case "available":
    case "active":
    case "enabled":
      return and(eq(documents.indexingStatus, "completed"), eq(documents.enabled, true), eq(documents.archived, false));
    case "disabled":
      return and(eq(documents.indexingStatus, "completed"), eq(documents.enabled, false), eq(documents.archived, false));
    case "archived":
      return eq(documents.archived, true);
    default:
      throw Invalid(`Invalid status: ${status}`, ["status"]);
  }
}

export async function listDocuments(ctx: TenantCtx, datasetId: string, page: Page, filter: { keyword?: string; status?: string } = {}) {
  const conditions = [eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id)];
  if (filter.keyword) conditions.push(like(documents.name, `%${filter.keyword}%`));
  if (filter.status) {
    const c = statusCondition(filter.status);
    if (c) conditions.push(c);
  }
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    ctx.db.select().from(documents).where(where).orderBy(desc(documents.position)).limit(page.limit).offset(offsetOf(page)).all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(documents).where(where).get(),
  ]);
  return pageOf(page, total?.n ?? 0, rows.map(documentView));
}

export async function batchDocuments(ctx: TenantCtx, datasetId: string, batch: string): Promise<DocumentRow[]> {
  const rows = await ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id), eq(documents.batch, batch)))
    .orderBy(asc(documents.position))
    .all();
  if (!rows.length) throw NotFound("Documents");
  return rows;
}

export function indexingStatusView(d: DocumentRow) {
  return {
    id: d.id,
    indexing_status: d.indexingStatus,
    processing_started_at: sec(d.processingStartedAt),
    parsing_completed_at: sec(d.parsingCompletedAt),
    cleaning_completed_at: sec(d.cleaningCompletedAt),
    splitting_completed_at: sec(d.splittingCompletedAt),
    completed_at: sec(d.completedAt),
    paused_at: sec(d.pausedAt),
    error: d.error,
    stopped_at: sec(d.stoppedAt),
    completed_segments: d.indexingStatus === "completed" ? d.segmentCount : 0,
    total_segments: d.segmentCount,
  };
}

export function documentView(d: DocumentRow) {
  const metadata = JSON.parse(d.docMetadata) as Record<string, unknown>;
  return {
    id: d.id,
    position: d.position,
    data_source_type: d.dataSourceType,
    data_source_info: { upload_file_id: d.id, external_id: d.externalId },
    data_source_detail_dict: { upload_file: { id: d.id, name: d.name, size: d.fileSize, extension: d.extension, mime_type: d.mimeType } },
    dataset_process_rule_id: null,
    dataset_process_rule: JSON.parse(d.processRule),
    name: d.name,
    created_from: d.createdFrom,
    created_by: d.createdBy,
    created_at: sec(d.createdAt),
    updated_at: sec(d.updatedAt),
    tokens: d.tokens,
    indexing_status: d.indexingStatus,
    indexing_latency: d.indexingLatency,
    completed_at: sec(d.completedAt),
    error: d.error,
    enabled: d.enabled,
    disabled_at: sec(d.disabledAt),
    disabled_by: null,
    archived: d.archived,
    display_status: displayStatus(d),
    word_count: d.wordCount,
    segment_count: d.segmentCount,
    average_segment_length: d.segmentCount ? Math.round(d.wordCount / d.segmentCount) : 0,
    hit_count: d.hitCount,
    doc_form: d.docForm,
    doc_language: d.docLanguage,
    doc_type: null,
    doc_metadata: Object.entries(metadata).map(([name, value]) => ({ id: name, name, type: typeof value === "number" ? "number" : "string", value })),
  };
}
