// The knowledge retrieval node: searches the node's datasets (only those of the run's workspace;
// other ids are skipped, as Dify drops datasets it cannot see) with the query variable and
// outputs `result` in Dify's shape, ready for an LLM node's context.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { datasets } from "../../db/schema";
import { retrievalModelOf } from "../../knowledge/datasets";
import { retrieve, type RetrievedSegment } from "../../knowledge/retrieve";
import { METADATA_OPERATORS, type RetrievalModel } from "../../knowledge/retrieval-model";
import { textOf } from "../variables";
import type { NodeRunContext, WorkflowNode } from "./types";

const conditionSchema = z.looseObject({
  name: z.string().min(1),
  comparison_operator: z.enum(METADATA_OPERATORS),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])), z.null()]).optional(),
});

const schema = z.looseObject({
  query_variable_selector: z.array(z.string()).min(2),
  dataset_ids: z.array(z.string()).default([]),
  retrieval_mode: z.enum(["single", "multiple"]).catch("multiple").default("multiple"),
  multiple_retrieval_config: z
    .looseObject({
      top_k: z.coerce.number().int().min(1).max(100).default(4),
      score_threshold: z.coerce.number().min(0).max(1).nullish(),
      reranking_enable: z.boolean().nullish(),
      reranking_mode: z.string().nullish(),
      weights: z
        .looseObject({
          vector_setting: z.looseObject({ vector_weight: z.number().min(0).max(1) }).nullish(),
          keyword_setting: z.looseObject({ keyword_weight: z.number().min(0).max(1) }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  single_retrieval_config: z.looseObject({}).nullish(),
  metadata_filtering_mode: z.enum(["disabled", "automatic", "manual"]).catch("disabled").default("disabled"),
  metadata_filtering_conditions: z
    .looseObject({ logical_operator: z.enum(["and", "or"]).default("and"), conditions: z.array(conditionSchema).default([]) })
    .nullish(),
});
type RetrievalData = z.infer<typeof schema>;

/** What the node changes in each dataset's own retrieval settings. */
function overrideFor(ctx: NodeRunContext, data: RetrievalData, own: RetrievalModel): RetrievalModel {
  const config = data.multiple_retrieval_config;
  const model: RetrievalModel = { ...own };
  if (data.retrieval_mode === "multiple" && config) {
    model.top_k = config.top_k;
    model.score_threshold_enabled = config.score_threshold != null;
    model.score_threshold = config.score_threshold ?? 0;
    if (config.reranking_mode === "weighted_score" && config.weights) {
      model.reranking_mode = "weighted_score";
      model.weights = {
        vector_setting: config.weights.vector_setting ? { vector_weight: config.weights.vector_setting.vector_weight } : undefined,
        keyword_setting: config.weights.keyword_setting ? { keyword_weight: config.weights.keyword_setting.keyword_weight } : undefined,
      };
    }
  }
  if (data.metadata_filtering_mode === "manual" && data.metadata_filtering_conditions?.conditions.length) {
    model.metadata_filtering_conditions = {
      logical_operator: data.metadata_filtering_conditions.logical_operator,
      // Condition values may reference variables, as in Dify's manual filter editor.
      conditions: data.metadata_filtering_conditions.conditions.map((c) => ({
        name: c.name,
        comparison_operator: c.comparison_operator,
        value: typeof c.value === "string" ? ctx.pool.render(c.value) : c.value,
      })),
    };
  }
  return model;
}

function resultItem(r: RetrievedSegment, position: number) {
  return {
    content: r.segment.answer ? `question:${r.segment.content} answer:${r.segment.answer}` : r.segment.content,
    title: r.document.name,
    metadata: {
      _source: "knowledge",
      position,
      dataset_id: r.dataset.id,
      dataset_name: r.dataset.name,
      document_id: r.document.id,
      document_name: r.document.name,
      data_source_type: r.document.dataSourceType,
      segment_id: r.segment.id,
      retriever_from: "workflow",
      score: r.score,
      child_chunks: r.childChunks,
      segment_hit_count: r.segment.hitCount,
      segment_word_count: r.segment.wordCount,
      segment_position: r.segment.position,
      segment_index_node_hash: r.segment.contentHash,
      doc_metadata: JSON.parse(r.document.docMetadata) as Record<string, unknown>,
    },
    files: null,
  };
}

export const knowledgeRetrievalNode: WorkflowNode<typeof schema> = {
  type: "knowledge-retrieval",
  schema,
  selectors: (data) => [data.query_variable_selector],
  async run(ctx, data) {
    const query = textOf(ctx.pool.get(data.query_variable_selector));
    ctx.trace?.({ inputs: { query } });
    const rows = data.dataset_ids.length
      ? await ctx.tctx.db
          .select()
          .from(datasets)
          .where(and(eq(datasets.workspaceId, ctx.tctx.workspace.id), inArray(datasets.id, data.dataset_ids)))
          .all()
      : [];
    const notes: string[] = [];
    const skipped = data.dataset_ids.filter((id) => !rows.some((r) => r.id === id));
    if (skipped.length) notes.push(`Datasets not found in this workspace were skipped: ${skipped.join(", ")}`);
    if (data.metadata_filtering_mode === "automatic") notes.push("Automatic metadata filtering is not supported; no metadata filter was applied");
    if (data.retrieval_mode === "single") notes.push("Single retrieval answers from the best-scoring dataset (no model router)");
    if (!query.trim() || !rows.length) {
      return { outputs: { result: [] }, inputs: { query }, processData: { notes } };
    }
    // Each dataset searches with its own method; the node sets how many results and how good.
    const perDataset = await Promise.all(rows.map((d) => retrieve(ctx.tctx, [d], query, overrideFor(ctx, data, retrievalModelOf(d)))));
    const candidates =
      data.retrieval_mode === "single"
        ? (perDataset.filter((r) => r.length).sort((a, b) => b[0].score - a[0].score)[0] ?? [])
        : perDataset.flat();
    const topK = data.retrieval_mode === "multiple" ? (data.multiple_retrieval_config?.top_k ?? 4) : candidates.length;
    const merged = [...candidates].sort((a, b) => b.score - a.score).slice(0, topK);
    return {
      outputs: { result: merged.map((r, i) => resultItem(r, i + 1)) },
      inputs: { query },
      processData: { notes, datasets: rows.map((d) => ({ id: d.id, name: d.name })) },
    };
  },
};
