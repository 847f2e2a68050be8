// Retrieval from one of the caller's knowledge bases, with the dataset's own retrieval settings
// (the same search the retrieval testing page runs). Another workspace's dataset is not found.
import { Invalid } from "../../../lib/errors";
import { getDataset, retrievalModelOf } from "../../../knowledge/datasets";
import { retrieve } from "../../../knowledge/retrieve";
import type { BuiltinHandler } from "../define";

export const MAX_TOP_K = 20;

export const knowledgeSearch: BuiltinHandler = async (ctx, args, { signal }) => {
  const query = args.string("query").trim();
  if (!query) throw Invalid("query is required", ["query"]);
  const dataset = await getDataset(ctx, args.string("dataset_id").trim());
  const model = retrievalModelOf(dataset);
  const topK = args.optionalNumber("top_k");
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K)) {
    throw Invalid(`top_k must be a whole number from 1 to ${MAX_TOP_K}`, ["top_k"]);
  }
  signal.throwIfAborted();
  const records = await retrieve(ctx, [dataset], query, { ...model, top_k: topK ?? model.top_k });
  signal.throwIfAborted();
  const results = records.map((r) => ({
    segment_id: r.segment.id,
    content: r.segment.content,
    ...(r.segment.answer ? { answer: r.segment.answer } : {}),
    score: Math.round(r.score * 10_000) / 10_000,
    position: r.segment.position,
    document_id: r.document.id,
    document_name: r.document.name,
    dataset_id: r.dataset.id,
    dataset_name: r.dataset.name,
  }));
  if (!results.length) return { text: `No results in the knowledge base "${dataset.name}" for "${query}".`, json: [] };
  const text = results
    .map((r, i) => {
      const answer = r.answer ? `\nAnswer: ${r.answer}` : "";
      return `[${i + 1}] ${r.document_name} (score ${r.score})\n${r.content}${answer}`;
    })
    .join("\n\n");
  return { text, json: results };
};
