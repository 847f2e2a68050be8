// The draft's knowledge settings (Dify's `dataset_configs`, `dataset_query_variable` and the
// `retriever_resource` citations switch), read with defaults and edited as pure functions.
import type { DatasetConfigs, EasyMode, ModelConfig } from "../api/types";
import type { FormVariable } from "./variables";

export const TOP_K_MAX = 10;
export const DEFAULT_SCORE_THRESHOLD = 0.5;

export interface RetrievalSettings {
  mode: "multiple" | "single";
  topK: number;
  thresholdEnabled: boolean;
  threshold: number;
}

export interface Knowledge extends RetrievalSettings {
  datasetIds: string[];
  citations: boolean;
  queryVariable: string | null;
}

const DEFAULT_CONFIGS: DatasetConfigs = {
  retrieval_model: "multiple",
  top_k: 4,
  score_threshold: null,
  score_threshold_enabled: false,
  datasets: { datasets: [] },
};

function configsOf(c: ModelConfig): DatasetConfigs {
  const d = c.dataset_configs;
  return { ...DEFAULT_CONFIGS, ...d, datasets: { ...DEFAULT_CONFIGS.datasets, ...d?.datasets } };
}

export function knowledgeOf(c: ModelConfig): Knowledge {
  const d = configsOf(c);
  const topK = Number(d.top_k);
  return {
    datasetIds: (d.datasets.datasets ?? []).filter((x) => x?.dataset?.id && x.dataset.enabled !== false).map((x) => x.dataset.id),
    mode: d.retrieval_model === "single" ? "single" : "multiple",
    topK: Number.isFinite(topK) && topK >= 1 ? Math.round(topK) : 4,
    // As the server reads it: without the explicit switch, a threshold that is set is on.
    thresholdEnabled: d.score_threshold_enabled ?? d.score_threshold != null,
    threshold: d.score_threshold ?? DEFAULT_SCORE_THRESHOLD,
    citations: Boolean(c.retriever_resource?.enabled),
    queryVariable: c.dataset_query_variable || null,
  };
}

/** Variables a completion app can search with: the ones holding text. */
export function queryVariableChoices(vars: FormVariable[]): FormVariable[] {
  return vars.filter((v) => v.kind === "text-input" || v.kind === "paragraph" || v.kind === "select");
}

/**
 * The draft using exactly these knowledge bases, in this order. Attaching the first one also turns
 * citations on and, in a completion app, picks a query variable when none is chosen yet.
 */
export function withDatasets(c: ModelConfig, ids: string[], vars: FormVariable[], mode: EasyMode): ModelConfig {
  const d = configsOf(c);
  const had = knowledgeOf(c).datasetIds.length > 0;
  // Entries that are switched off stay (a Dify export may carry them); the chosen ones follow.
  const off = d.datasets.datasets.filter((x) => x?.dataset?.enabled === false && !ids.includes(x.dataset.id));
  const next: ModelConfig = {
    ...c,
    dataset_configs: { ...d, datasets: { ...d.datasets, datasets: [...ids.map((id) => ({ dataset: { enabled: true, id } })), ...off] } },
  };
  if (had || ids.length === 0) return next;
  const choices = queryVariableChoices(vars);
  const names = choices.map((v) => v.variable);
  // Free text is the likely question; a select's options rarely are.
  const proposed = (choices.find((v) => v.kind !== "select") ?? choices[0])?.variable;
  const query = c.dataset_query_variable && names.includes(c.dataset_query_variable) ? c.dataset_query_variable : proposed;
  return {
    ...next,
    retriever_resource: { ...c.retriever_resource, enabled: true },
    ...(mode === "completion" && query ? { dataset_query_variable: query } : {}),
  };
}

export function withRetrieval(c: ModelConfig, s: RetrievalSettings): ModelConfig {
  return {
    ...c,
    dataset_configs: {
      ...configsOf(c),
      retrieval_model: s.mode,
      top_k: s.topK,
      score_threshold_enabled: s.thresholdEnabled,
      score_threshold: s.threshold,
    },
  };
}

export const withCitations = (c: ModelConfig, enabled: boolean): ModelConfig => ({
  ...c,
  retriever_resource: { ...c.retriever_resource, enabled },
});

export const withQueryVariable = (c: ModelConfig, variable: string): ModelConfig => ({ ...c, dataset_query_variable: variable || null });

/** Whether the prompt places the retrieved context itself (`{{#context#}}`). */
export const placesContext = (c: ModelConfig): boolean => (c.pre_prompt ?? "").includes("{{#context#}}");
