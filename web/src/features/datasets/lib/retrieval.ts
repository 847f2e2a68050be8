// The retrieval settings form ⇄ Dify's `retrieval_model`, shared by retrieval testing and the
// knowledge base's default settings.
import type { IndexingTechnique, RetrievalModel, SearchMethod } from "../api/types";

export type HybridMode = "weighted_score" | "reciprocal_rank_fusion";

export interface RetrievalSettings {
  method: SearchMethod;
  topK: number;
  thresholdEnabled: boolean;
  threshold: number;
  hybridMode: HybridMode;
  /** 0–1: how much the semantic score counts in a weighted hybrid; keywords get the rest. */
  semanticWeight: number;
}

export const METHODS: { value: SearchMethod; label: string; description: string }[] = [
  { value: "semantic_search", label: "Semantic", description: "Finds chunks whose meaning is closest to the query." },
  { value: "full_text_search", label: "Full-text", description: "Ranks chunks by the query's words (BM25)." },
  { value: "hybrid_search", label: "Hybrid", description: "Runs both and merges the rankings." },
];

const KEYWORD: (typeof METHODS)[number] = {
  value: "keyword_search",
  label: "Keyword",
  description: "Economy knowledge bases match the query's words in a keyword index.",
};

/** Economy knowledge bases have no embeddings: keyword search is their only method. */
export function methodsFor(technique: IndexingTechnique | null) {
  return technique === "economy" ? [KEYWORD] : METHODS;
}

export function methodLabel(method: string | null | undefined): string {
  return [...METHODS, KEYWORD].find((m) => m.value === method)?.label ?? "Default";
}

export function fromRetrievalModel(m: RetrievalModel | null | undefined, technique: IndexingTechnique | null): RetrievalSettings {
  const allowed = methodsFor(technique).map((x) => x.value);
  const method = m && allowed.includes(m.search_method) ? m.search_method : allowed[0]!;
  return {
    method,
    topK: m?.top_k ?? 4,
    thresholdEnabled: m?.score_threshold_enabled ?? false,
    threshold: m?.score_threshold ?? 0.5,
    hybridMode: m?.reranking_mode === "reciprocal_rank_fusion" ? "reciprocal_rank_fusion" : "weighted_score",
    semanticWeight: m?.weights?.vector_setting?.vector_weight ?? 0.7,
  };
}

export function toRetrievalModel(s: RetrievalSettings): RetrievalModel {
  const hybrid = s.method === "hybrid_search";
  const weight = Math.round(s.semanticWeight * 10) / 10;
  return {
    search_method: s.method,
    reranking_enable: false,
    reranking_mode: hybrid ? s.hybridMode : null,
    weights:
      hybrid && s.hybridMode === "weighted_score"
        ? {
            weight_type: "customized",
            vector_setting: { vector_weight: weight },
            keyword_setting: { keyword_weight: Math.round((1 - weight) * 10) / 10 },
          }
        : null,
    top_k: s.topK,
    score_threshold_enabled: s.thresholdEnabled,
    score_threshold: s.thresholdEnabled ? s.threshold : null,
  };
}
