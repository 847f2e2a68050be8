// A document's indexing status in words and colours, and which statuses are final (the list stops
// polling once every document on it is settled).
import type { BadgeTone } from "../../../components/ui/badge";
import type { IndexingStatus, KnowledgeDocument } from "../api/types";

const SETTLED: IndexingStatus[] = ["completed", "error", "paused"];

export function isSettled(status: IndexingStatus): boolean {
  return SETTLED.includes(status);
}

const IN_PROGRESS: Record<string, string> = {
  waiting: "Queued",
  parsing: "Parsing",
  cleaning: "Cleaning",
  splitting: "Splitting",
  indexing: "Indexing",
};

export interface StatusLook {
  label: string;
  tone: BadgeTone;
  busy: boolean;
}

export function statusLook(doc: Pick<KnowledgeDocument, "indexing_status" | "enabled" | "archived">): StatusLook {
  const status = doc.indexing_status;
  if (status === "error") return { label: "Error", tone: "red", busy: false };
  if (status === "paused") return { label: "Paused", tone: "amber", busy: false };
  if (status !== "completed") return { label: IN_PROGRESS[status] ?? status, tone: "blue", busy: status !== "waiting" };
  if (doc.archived) return { label: "Archived", tone: "neutral", busy: false };
  return doc.enabled ? { label: "Available", tone: "green", busy: false } : { label: "Disabled", tone: "neutral", busy: false };
}

/** The `status` filter of the documents list (Dify's display statuses). */
export const STATUS_FILTERS = [
  { value: "", label: "All statuses" },
  { value: "available", label: "Available" },
  { value: "indexing", label: "Indexing" },
  { value: "queuing", label: "Queued" },
  { value: "paused", label: "Paused" },
  { value: "error", label: "Error" },
  { value: "disabled", label: "Disabled" },
  { value: "archived", label: "Archived" },
];

/** "0.8 s", "12 s", "2 min": how long indexing took. */
export function formatLatency(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** 1234 → "1.2k". */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
