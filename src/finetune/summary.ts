// What a training set would cost and whether it can be trained: counts per split, estimated
// training tokens, the estimated price on each known base model, and the first problem found.
import type { WorkspaceCtx } from "../context";
import { DEFAULT_EPOCHS, estimateTrainingCost, PRICED_BASE_MODELS } from "./base-models";
import { loadSetLines } from "./examples";
import { lineTokens, trainingProblem } from "./jsonl";
import { getSet } from "./sets";

export async function setSummary(ctx: WorkspaceCtx, setId: string, baseModel: string, epochs = DEFAULT_EPOCHS) {
  const set = await getSet(ctx, setId);
  const lines = await loadSetLines(ctx, set);
  const tokens = (list: typeof lines.train) => list.reduce((n, l) => n + lineTokens(l.line), 0);
  const trainTokens = tokens(lines.train);
  return {
    base_model: baseModel,
    n_epochs: epochs,
    train_count: lines.train.length,
    validation_count: lines.validation.length,
    train_tokens: trainTokens,
    validation_tokens: tokens(lines.validation),
    estimated_cost: estimateTrainingCost(baseModel, trainTokens, epochs),
    estimates: PRICED_BASE_MODELS.map((model) => ({ model, cost: estimateTrainingCost(model, trainTokens, epochs) ?? 0 })),
    problem: trainingProblem(lines.train, lines.validation, baseModel),
  };
}
