// Embeddings for segments and queries through the dataset's embedding model (the offline embedder
// when no key is configured), in batches the provider accepts, in parallel when it allows.
import type { TenantCtx } from "../context";
import { providerFailure } from "../models/errors";
import { getEmbeddingModel, type ModelRef } from "../models/registry";

const BATCH = 96;
const PARALLEL = 4;

export interface Embedded {
  vectors: number[][];
  tokens: number;
}

export async function embedTexts(ctx: TenantCtx, ref: ModelRef, texts: string[]): Promise<Embedded> {
  if (!texts.length) return { vectors: [], tokens: 0 };
  const model = await getEmbeddingModel(ctx, ref);
  const size = Math.max(1, Math.min(BATCH, Number(model.maxEmbeddingsPerCall ?? BATCH)));
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
  const results: { embeddings: number[][]; tokens: number }[] = new Array(batches.length);
  const parallel = (await model.supportsParallelCalls) ? PARALLEL : 1;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      try {
        const out = await model.doEmbed({
          values: batches[i],
          abortSignal: AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS * 4),
        });
        if (out.embeddings.length !== batches[i].length) throw new Error("The embedding model returned a wrong number of vectors.");
        results[i] = { embeddings: out.embeddings, tokens: out.usage?.tokens ?? 0 };
      } catch (e) {
        throw providerFailure(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return { vectors: results.flatMap((r) => r.embeddings), tokens: results.reduce((n, r) => n + r.tokens, 0) };
}

export async function embedQuery(ctx: TenantCtx, ref: ModelRef, query: string): Promise<number[]> {
  return (await embedTexts(ctx, ref, [query])).vectors[0];
}
