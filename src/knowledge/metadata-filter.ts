// Document metadata filters for retrieval (Dify's metadata_filtering_conditions): built-in fields
// (document_name, uploader, upload_date, last_update_date, source) and custom doc_metadata values.
import { eq } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { documents } from "../db/schema";
import type { MetadataFilter } from "./retrieval-model";

type Condition = MetadataFilter["conditions"][number];
type Value = string | number | null | undefined;

export const BUILT_IN_FIELDS = [
  { name: "document_name", type: "string" },
  { name: "uploader", type: "string" },
  { name: "upload_date", type: "time" },
  { name: "last_update_date", type: "time" },
  { name: "source", type: "string" },
] as const;

function fieldValue(doc: typeof documents.$inferSelect, name: string): Value {
  switch (name) {
    case "document_name":
      return doc.name;
    case "uploader":
      return doc.createdBy;
    case "upload_date":
      return Math.floor(doc.createdAt / 1000);
    case "last_update_date":
      return Math.floor(doc.updatedAt / 1000);
    case "source":
      // Dify's built-in value for uploads is "file_upload".
      return doc.dataSourceType === "upload_file" ? "file_upload" : doc.dataSourceType;
    default: {
      const v = (JSON.parse(doc.docMetadata) as Record<string, unknown>)[name];
      return typeof v === "string" || typeof v === "number" ? v : v == null ? null : String(v);
    }
  }
}

/** Dates may be given as epoch seconds or ISO strings. */
function asNumber(v: unknown): number {
  if (typeof v === "number") return v;
  const n = Number(v);
  if (!Number.isNaN(n)) return n;
  const t = Date.parse(String(v));
  return Number.isNaN(t) ? Number.NaN : t / 1000;
}

export function conditionHolds(value: Value, c: Condition): boolean {
  const target = c.value;
  const text = value == null ? "" : String(value).toLowerCase();
  const t = target == null ? "" : String(target).toLowerCase();
  const list = Array.isArray(target) ? target.map((x) => String(x).toLowerCase()) : String(target ?? "").split(",").map((x) => x.trim().toLowerCase());
  switch (c.comparison_operator) {
    case "contains":
      return text.includes(t);
    case "not contains":
      return !text.includes(t);
    case "start with":
      return text.startsWith(t);
    case "end with":
      return text.endsWith(t);
    case "is":
      return text === t;
    case "is not":
      return text !== t;
    case "empty":
      return value == null || text === "";
    case "not empty":
      return !(value == null || text === "");
    case "in":
      return list.includes(text);
    case "not in":
      return !list.includes(text);
    case "=":
      return asNumber(value) === asNumber(target);
    case "≠":
      return asNumber(value) !== asNumber(target);
    case ">":
    case "after":
      return asNumber(value) > asNumber(target);
    case "<":
    case "before":
      return asNumber(value) < asNumber(target);
    case "≥":
      return asNumber(value) >= asNumber(target);
    case "≤":
      return asNumber(value) <= asNumber(target);
  }
}

/** The ids of the dataset's documents that pass the filter; null when there is no filter. */
export async function allowedDocuments(ctx: TenantCtx, dataset: { id: string }, filter: MetadataFilter | null): Promise<Set<string> | null> {
  if (!filter?.conditions.length) return null;
  const docs = await ctx.db.select().from(documents).where(eq(documents.datasetId, dataset.id)).all();
  const any = filter.logical_operator === "or";
  return new Set(
    docs
      .filter((d) => {
        const results = filter.conditions.map((c) => conditionHolds(fieldValue(d, c.name), c));
        return any ? results.some(Boolean) : results.every(Boolean);
      })
      .map((d) => d.id),
  );
}
