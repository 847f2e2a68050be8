// Knowledge for chat and completion apps: the datasets attached in Dify's `dataset_configs`, the
// retrieval that runs before the model is called, the context block it yields for the prompt and
// the `retriever_resources` (citations) the answer carries.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { TenantCtx } from "../context";
import { datasets } from "../db/schema";
import { retrievalModelOf } from "../knowledge/datasets";
import { retrieve } from "../knowledge/retrieve";
import type { ModelConfig } from "./model-config";

/** Dify's dataset_configs as the prompt IDE saves it; unknown keys are kept by model-config. */
export const datasetConfigsSchema = z
  .object({
    retrieval_model: z.enum(["single", "multiple"]).catch("multiple"),
    top_k: z.coerce.number().int().min(1).max(20).catch(4),
    score_threshold: z.coerce.number().min(0).max(1).nullish().catch(null),
    score_threshold_enabled: z.boolean().optional(),
    reranking_mode: z.string().nullish(),
    weights: z.any().optional(),
    datasets: z
      .object({
        datasets: z
          .array(z.object({ dataset: z.object({ id: z.string(), enabled: z.boolean().default(true) }).loose() }).loose())
          .catch([]),
      })
      .loose()
      .catch({ datasets: [] }),
  })
  .loose();

export interface RetrieverResource {
  position: number;
  dataset_id: string;
  dataset_name: string;
  document_id: string;
  document_name: string;
  data_source_type: string;
  segment_id: string;
  retriever_from: string;
  score: number;
  hit_count: number;
  word_count: number;
  segment_position: number;
  index_node_hash: string;
  content: string;
  page: null;
  doc_metadata: Record<string, unknown> | null;
  title: string;
  files: null;
}

export function attachedDatasetIds(config: ModelConfig): string[] {
  const parsed = datasetConfigsSchema.safeParse(config.dataset_configs ?? {});
  if (!parsed.success) return [];
  return parsed.data.datasets.datasets.filter((d) => d.dataset.enabled !== false).map((d) => d.dataset.id);
}

/** The text retrieval runs on: the chat query, or the completion app's dataset query variable. */
export function retrievalQuery(config: ModelConfig, mode: "chat" | "completion", query: string, inputs: Record<string, unknown>): string {
  if (mode === "chat") return query;
  const variable = config.dataset_query_variable;
  return variable ? String(inputs[variable] ?? "") : query;
}

export async function retrieveForApp(
  ctx: TenantCtx,
  config: ModelConfig,
  query: string,
  retrieverFrom: "api" | "dev" | "web",
): Promise<{ context: string; resources: RetrieverResource[] }> {
  const ids = attachedDatasetIds(config);
  if (!ids.length || !query.trim()) return { context: "", resources: [] };
  const settings = datasetConfigsSchema.parse(config.dataset_configs ?? {});
  const rows = await ctx.db
    .select()
    .from(datasets)
    .where(and(eq(datasets.workspaceId, ctx.workspace.id), inArray(datasets.id, ids)))
    .all();
  if (!rows.length) return { context: "", resources: [] };
  const thresholdOn = settings.score_threshold_enabled ?? settings.score_threshold != null;
  // Each dataset searches with its own method; the app decides how many results and how good.
  const perDataset = await Promise.all(
    rows.map((d) =>
      retrieve(ctx, [d], query, {
        ...retrievalModelOf(d),
        top_k: settings.top_k,
        score_threshold_enabled: thresholdOn,
        score_threshold: settings.score_threshold ?? 0,
      }),
    ),
  );
  // Dify's "single" mode answers from one dataset (its router picks it); here the best-scoring one.
  const candidates =
    settings.retrieval_model === "single"
      ? (perDataset.filter((r) => r.length).sort((a, b) => b[0].score - a[0].score)[0] ?? [])
      : perDataset.flat();
  const merged = candidates.sort((a, b) => b.score - a.score).slice(0, settings.top_k);
  const resources = merged.map((r, i) => ({
    position: i + 1,
    dataset_id: r.dataset.id,
    dataset_name: r.dataset.name,
    document_id: r.document.id,
    document_name: r.document.name,
    data_source_type: r.document.dataSourceType,
    segment_id: r.segment.id,
    retriever_from: retrieverFrom,
    score: r.score,
    hit_count: r.segment.hitCount,
    word_count: r.segment.wordCount,
    segment_position: r.segment.position,
    index_node_hash: r.segment.contentHash,
    content: r.segment.content,
    page: null,
    doc_metadata: JSON.parse(r.document.docMetadata),
    title: r.document.name,
    files: null,
  }));
  return { context: resources.map((r) => r.content).join("\n\n"), resources };
}
