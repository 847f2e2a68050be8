// An answer's citations (`retriever_resources`) gathered per document, as the Citations row shows
// them: one chip per document, its passages in retrieval order.
import type { RetrieverResource } from "../api/types";

export interface CitationGroup {
  key: string;
  documentName: string;
  datasetName: string | null;
  passages: RetrieverResource[];
}

export function citationGroups(resources: RetrieverResource[] | null | undefined): CitationGroup[] {
  const groups = new Map<string, CitationGroup>();
  for (const r of [...(resources ?? [])].sort((a, b) => a.position - b.position)) {
    const key = r.document_id ?? r.document_name;
    const group = groups.get(key) ?? { key, documentName: r.document_name || "Untitled document", datasetName: r.dataset_name ?? null, passages: [] };
    group.passages.push(r);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A retrieval score as shown: two decimals; null when the search gave none. */
export const formatScore = (score: number | null | undefined): string | null =>
  typeof score === "number" && Number.isFinite(score) ? score.toFixed(2) : null;
