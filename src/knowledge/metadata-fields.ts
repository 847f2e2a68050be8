// Custom metadata fields of a dataset (Dify's dataset_metadatas) and the values documents hold for
// them (documents.doc_metadata, a JSON object keyed by field name, which retrieval filters on).
// Renaming or deleting a field rewrites that key in every document of the dataset in the same D1
// batch as the field row, so fields and values never disagree.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { TenantCtx } from "../context";
import { datasetMetadataFields, datasets, documents } from "../db/schema";
import { runBatch } from "../lib/d1-batch";
import { Invalid, NotFound } from "../lib/errors";
import { type DatasetRow, forgetDataset } from "./datasets";
import { type DocumentRow, documentView } from "./documents";
import { BUILT_IN_FIELDS } from "./metadata-filter";

export type MetadataFieldRow = typeof datasetMetadataFields.$inferSelect;
export type MetadataValue = string | number | null;

export const METADATA_TYPES = ["string", "number", "time"] as const;

const fieldName = z.string().trim().min(1).max(255, "Metadata name cannot exceed 255 characters.");
export const metadataFieldInputSchema = z.object({ type: z.enum(METADATA_TYPES), name: fieldName });
export const metadataRenameSchema = z.object({ name: fieldName });

const metadataValue = z.union([z.string().max(10_000), z.number(), z.null()]);

/** Dify's MetadataOperationData. */
export const metadataOperationsSchema = z.object({
  operation_data: z
    .array(
      z.object({
        document_id: z.string().min(1).max(64),
        metadata_list: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().max(255), value: metadataValue.optional() })).max(100),
        partial_update: z.boolean().default(false),
      }),
    )
    .max(1000),
});
export type MetadataOperations = z.infer<typeof metadataOperationsSchema>;

const BUILT_IN_NAMES = new Set<string>(BUILT_IN_FIELDS.map((f) => f.name));
// Dify's MetadataDataSource: how a document's origin reads in the built-in `source` field.
const SOURCE_NAMES: Record<string, string> = { upload_file: "file_upload", website_crawl: "website", notion_import: "notion" };

export const metadataFieldView = (f: MetadataFieldRow) => ({ id: f.id, name: f.name, type: f.type });

export async function listFields(ctx: TenantCtx, datasetId: string): Promise<MetadataFieldRow[]> {
  return ctx.db
    .select()
    .from(datasetMetadataFields)
    .where(and(eq(datasetMetadataFields.datasetId, datasetId), eq(datasetMetadataFields.workspaceId, ctx.workspace.id)))
    .orderBy(asc(datasetMetadataFields.createdAt))
    .all();
}

/** The fields of several datasets at once (for dataset lists). */
export async function fieldsByDataset(ctx: TenantCtx, datasetIds: string[]): Promise<Map<string, MetadataFieldRow[]>> {
  const rows = datasetIds.length
    ? await ctx.db
        .select()
        .from(datasetMetadataFields)
        .where(and(inArray(datasetMetadataFields.datasetId, datasetIds), eq(datasetMetadataFields.workspaceId, ctx.workspace.id)))
        .orderBy(asc(datasetMetadataFields.createdAt))
        .all()
    : [];
  const out = new Map<string, MetadataFieldRow[]>(datasetIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.datasetId)?.push(r);
  return out;
}

/** Dify's GET …/metadata: the custom fields with how many documents hold a value for each. */
export async function listMetadataFields(ctx: TenantCtx, dataset: DatasetRow) {
  const [fields, counts] = await Promise.all([
    listFields(ctx, dataset.id),
    ctx.db.all<{ name: string; n: number }>(
      sql`SELECT je.key AS name, count(*) AS n FROM documents, json_each(documents.doc_metadata) je
          WHERE documents.dataset_id = ${dataset.id} GROUP BY je.key`,
    ),
  ]);
  const countOf = new Map(counts.map((c) => [c.name, c.n]));
  return {
    doc_metadata: fields.map((f) => ({ ...metadataFieldView(f), count: countOf.get(f.name) ?? 0 })),
    built_in_field_enabled: dataset.builtInFieldEnabled,
  };
}

async function getField(ctx: TenantCtx, datasetId: string, fieldId: string): Promise<MetadataFieldRow> {
  const row = await ctx.db
    .select()
    .from(datasetMetadataFields)
    .where(
      and(
        eq(datasetMetadataFields.id, fieldId),
        eq(datasetMetadataFields.datasetId, datasetId),
        eq(datasetMetadataFields.workspaceId, ctx.workspace.id),
      ),
    )
    .get();
  if (!row) throw NotFound("Metadata");
  return row;
}

/** Dify answers a taken name with a ValueError (400 invalid_param), built-in names included. */
async function assertNameFree(ctx: TenantCtx, datasetId: string, name: string) {
  if (BUILT_IN_NAMES.has(name)) throw Invalid("Metadata name already exists in Built-in fields.", ["name"]);
  const taken = await ctx.db
    .select({ id: datasetMetadataFields.id })
    .from(datasetMetadataFields)
    .where(and(eq(datasetMetadataFields.datasetId, datasetId), eq(datasetMetadataFields.name, name)))
    .get();
  if (taken) throw Invalid("Metadata name already exists.", ["name"]);
}

// drizzle wraps D1's error ("Failed query: …"); the constraint named is in its cause.
const isUniqueViolation = (e: unknown) => /UNIQUE/.test(`${(e as Error)?.message} ${(e as { cause?: unknown })?.cause}`);

export async function createMetadataField(
  ctx: TenantCtx,
  dataset: DatasetRow,
  input: z.infer<typeof metadataFieldInputSchema>,
): Promise<MetadataFieldRow> {
  await assertNameFree(ctx, dataset.id, input.name);
  const row: MetadataFieldRow = {
    id: ctx.newId(),
    workspaceId: ctx.workspace.id,
    datasetId: dataset.id,
    name: input.name,
    type: input.type,
    createdAt: ctx.now(),
  };
  try {
    await ctx.db.insert(datasetMetadataFields).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw Invalid("Metadata name already exists.", ["name"]);
    throw e;
  }
  return row;
}

// A json_each row's value as JSON again: objects, arrays and booleans would otherwise come back
// as text or integers.
const jsonValue = sql.raw(
  "CASE je.type WHEN 'object' THEN json(je.value) WHEN 'array' THEN json(je.value) WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE je.value END",
);
const holdsKey = (name: string) => sql`EXISTS (SELECT 1 FROM json_each(${documents.docMetadata}) WHERE key = ${name})`;

/** Renames a field and the key of its values in every document of the dataset. */
export async function renameMetadataField(ctx: TenantCtx, dataset: DatasetRow, fieldId: string, name: string): Promise<MetadataFieldRow> {
  const field = await getField(ctx, dataset.id, fieldId);
  if (field.name === name) return field;
  await assertNameFree(ctx, dataset.id, name);
  try {
    await runBatch(ctx.env.DB, [
      ctx.db.update(datasetMetadataFields).set({ name }).where(eq(datasetMetadataFields.id, field.id)),
      ctx.db
        .update(documents)
        .set({
          docMetadata: sql`(SELECT json_group_object(CASE WHEN je.key = ${field.name} THEN ${name} ELSE je.key END, ${jsonValue})
                           FROM json_each(${documents.docMetadata}) je WHERE je.key <> ${name})`,
        })
        .where(and(eq(documents.datasetId, dataset.id), holdsKey(field.name))),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw Invalid("Metadata name already exists.", ["name"]);
    throw e;
  }
  return { ...field, name };
}

/** Deletes a field and removes its values from the dataset's documents. */
export async function deleteMetadataField(ctx: TenantCtx, dataset: DatasetRow, fieldId: string): Promise<void> {
  const field = await getField(ctx, dataset.id, fieldId);
  await runBatch(ctx.env.DB, [
    ctx.db.delete(datasetMetadataFields).where(eq(datasetMetadataFields.id, field.id)),
    ctx.db
      .update(documents)
      .set({ docMetadata: sql`(SELECT json_group_object(je.key, ${jsonValue}) FROM json_each(${documents.docMetadata}) je WHERE je.key <> ${field.name})` })
      .where(and(eq(documents.datasetId, dataset.id), holdsKey(field.name))),
  ]);
}

export const builtInFields = () => ({ fields: BUILT_IN_FIELDS.map((f) => ({ name: f.name, type: f.type })) });

export async function setBuiltInFieldsEnabled(ctx: TenantCtx, dataset: DatasetRow, enabled: boolean): Promise<void> {
  await ctx.db
    .update(datasets)
    .set({ builtInFieldEnabled: enabled, updatedAt: ctx.now() })
    .where(and(eq(datasets.id, dataset.id), eq(datasets.workspaceId, ctx.workspace.id)));
  forgetDataset(dataset.id);
}

/** A value checked against its field's type: numbers for number fields, epoch seconds for time fields. */
function typedValue(field: MetadataFieldRow, value: MetadataValue | undefined): MetadataValue {
  if (value === null || value === undefined) return null;
  if (field.type === "string") return String(value);
  const n = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) {
    const wanted = field.type === "number" ? "a number" : "a time in epoch seconds";
    throw Invalid(`Metadata "${field.name}" needs ${wanted}.`, ["value"]);
  }
  if (field.type === "time" && n < 0) throw Invalid(`Metadata "${field.name}" needs a time in epoch seconds.`, ["value"]);
  return n;
}

async function documentsOf(ctx: TenantCtx, datasetId: string, ids: string[]): Promise<Map<string, DocumentRow>> {
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(documents)
        .where(and(eq(documents.datasetId, datasetId), eq(documents.workspaceId, ctx.workspace.id), inArray(documents.id, ids)))
        .all()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) if (!byId.has(id)) throw NotFound("Document");
  return byId;
}

async function writeMetadata(ctx: TenantCtx, values: Map<string, Record<string, MetadataValue>>) {
  const now = ctx.now();
  await runBatch(
    ctx.env.DB,
    [...values].map(([id, metadata]) =>
      ctx.db.update(documents).set({ docMetadata: JSON.stringify(metadata), updatedAt: now }).where(eq(documents.id, id)),
    ),
  );
}

/**
 * Dify's POST …/documents/metadata: per document, the listed values replace its metadata (or are
 * merged into it with `partial_update`). Everything is checked before anything is written.
 */
export async function updateDocumentsMetadata(ctx: TenantCtx, dataset: DatasetRow, input: MetadataOperations): Promise<void> {
  const fields = new Map((await listFields(ctx, dataset.id)).map((f) => [f.id, f]));
  const docs = await documentsOf(ctx, dataset.id, [...new Set(input.operation_data.map((o) => o.document_id))]);
  const next = new Map<string, Record<string, MetadataValue>>();
  for (const op of input.operation_data) {
    const doc = docs.get(op.document_id)!;
    const base = op.partial_update ? (next.get(doc.id) ?? (JSON.parse(doc.docMetadata) as Record<string, MetadataValue>)) : {};
    for (const item of op.metadata_list) {
      const field = fields.get(item.id);
      if (!field) throw Invalid(`Metadata field ${item.id} does not exist in this knowledge base.`, ["metadata_list"]);
      base[field.name] = typedValue(field, item.value);
    }
    next.set(doc.id, base);
  }
  await writeMetadata(ctx, next);
}

/** The console's edit of one document: values by field name, merged in; null removes a value. */
export async function setDocumentMetadata(
  ctx: TenantCtx,
  dataset: DatasetRow,
  documentId: string,
  values: Record<string, MetadataValue>,
): Promise<DocumentRow> {
  const fields = new Map((await listFields(ctx, dataset.id)).map((f) => [f.name, f]));
  const doc = (await documentsOf(ctx, dataset.id, [documentId])).get(documentId)!;
  const metadata = JSON.parse(doc.docMetadata) as Record<string, MetadataValue>;
  for (const [name, value] of Object.entries(values)) {
    const field = fields.get(name);
    if (!field) throw Invalid(`Metadata field "${name}" does not exist in this knowledge base.`, ["metadata"]);
    if (value === null) delete metadata[name];
    else metadata[name] = typedValue(field, value);
  }
  await writeMetadata(ctx, new Map([[doc.id, metadata]]));
  return { ...doc, docMetadata: JSON.stringify(metadata), updatedAt: ctx.now() };
}

type DocumentView = ReturnType<typeof documentView>;

function builtInValues(doc: DocumentView) {
  const values: Record<string, MetadataValue> = {
    document_name: doc.name,
    uploader: doc.created_by,
    upload_date: doc.created_at === null ? null : String(doc.created_at),
    last_update_date: doc.updated_at === null ? null : String(doc.updated_at),
    source: SOURCE_NAMES[doc.data_source_type] ?? doc.data_source_type,
  };
  return BUILT_IN_FIELDS.map((f) => ({ id: "built-in", name: f.name, type: f.type as string, value: values[f.name] }));
}

/**
 * A document view with its metadata as Dify details it: each field the document holds a value
 * for (with the field's id and type), then the built-in fields; null when it holds none.
 */
export function withMetadataDetails(doc: DocumentView, fields: MetadataFieldRow[]) {
  const metadata = new Map(doc.doc_metadata.map((m) => [m.name, m.value as MetadataValue]));
  const details = metadata.size
    ? [
        ...fields.filter((f) => metadata.has(f.name)).map((f) => ({ ...metadataFieldView(f), value: metadata.get(f.name) ?? null })),
        ...builtInValues(doc),
      ]
    : null;
  return { ...doc, doc_metadata: details };
}

/** Documents in Dify's shape, their metadata detailed with the dataset's fields. */
export async function documentViews(ctx: TenantCtx, datasetId: string, docs: DocumentRow[]) {
  const fields = await listFields(ctx, datasetId);
  return docs.map((d) => withMetadataDetails(documentView(d), fields));
}

/** The dataset's fields as its `doc_metadata` lists them: custom ones, then built-ins when enabled. */
export function datasetMetadataList(dataset: Pick<DatasetRow, "builtInFieldEnabled">, fields: MetadataFieldRow[] = []) {
  const builtIn = dataset.builtInFieldEnabled ? BUILT_IN_FIELDS.map((f) => ({ id: "built-in", name: f.name, type: f.type as string })) : [];
  return [...fields.map(metadataFieldView), ...builtIn];
}
