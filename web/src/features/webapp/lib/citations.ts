// An answer's citations (`retriever_resources`) gathered per document: one chip per document,
// its passages in retrieval order. The stream names documents only by name, so that is the key.
import type { RetrieverResource } from "../api/types";

export interface CitationGroup {
  documentName: string;
  passages: RetrieverResource[];
}

export function citationGroups(resources: RetrieverResource[] | null | undefined): CitationGroup[] {
  const groups = new Map<string, CitationGroup>();
  for (const r of [...(resources ?? [])].sort((a, b) => a.position - b.position)) {
    const name = r.document_name || "Untitled document";
    const group = groups.get(name) ?? { documentName: name, passages: [] };
    group.passages.push(r);
    groups.set(name, group);
  }
  return [...groups.values()];
}

/** A retrieval score as shown: two decimals; null when the search gave none. */
export const formatScore = (score: number | null | undefined): string | null =>
  typeof score === "number" && Number.isFinite(score) ? score.toFixed(2) : null;
