// A training set's examples as people review them: paged, each with its split and token count;
// an answer can be rewritten and a row dropped (or taken back).
import { and, asc, eq, sql } from "drizzle-orm";
import type { TenantCtx, WorkspaceCtx } from "../context";
import { finetuneExamples, finetuneSets } from "../db/schema";
import { NotFound } from "../lib/errors";
import { offsetOf, type Page, pageOf } from "../lib/pagination";
import { estimateTokens } from "../models/offline";
import { type NamedLine, promptTurns, splitOf, trainingLine } from "./jsonl";
import { getSet, type SetRow } from "./sets";

type ExampleRow = typeof finetuneExamples.$inferSelect;

export function exampleView(e: ExampleRow, validationPercent: number) {
  const turns = promptTurns(e.promptMessages);
  return {
    id: e.id,
    source: e.source,
    source_id: e.sourceId,
    app_id: e.appId,
    messages: turns,
    query: turns.findLast((t) => t.role === "user")?.content ?? "",
    answer: e.answer,
    original_answer: e.originalAnswer,
    is_edited: e.isEdited,
    is_dropped: e.isDropped,
    prompt_tokens: e.promptTokens,
    answer_tokens: e.answerTokens,
    total_tokens: e.promptTokens + e.answerTokens,
    split: splitOf(e.sourceId, validationPercent),
    created_at: Math.floor(e.sourceCreatedAt / 1000),
  };
}

export async function listExamples(ctx: WorkspaceCtx, setId: string, filter: { dropped?: boolean }, page: Page) {
  const set = await getSet(ctx, setId);
  const where = and(
    eq(finetuneExamples.setId, set.id),
    filter.dropped === undefined ? undefined : eq(finetuneExamples.isDropped, filter.dropped),
  );
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(finetuneExamples)
      .where(where)
      .orderBy(asc(finetuneExamples.sourceCreatedAt), asc(finetuneExamples.id))
      .limit(page.limit)
      .offset(offsetOf(page))
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(finetuneExamples).where(where).get(),
  ]);
  return pageOf(page, total?.n ?? 0, rows.map((r) => exampleView(r, set.validationPercent)));
}

export async function updateExample(
  ctx: WorkspaceCtx,
  setId: string,
  exampleId: string,
  patch: { answer?: string; is_dropped?: boolean },
) {
  const set = await getSet(ctx, setId);
  const mine = and(eq(finetuneExamples.id, exampleId), eq(finetuneExamples.setId, set.id));
  const row = await ctx.db.select().from(finetuneExamples).where(mine).get();
  if (!row) throw NotFound("Example");
  const answer = patch.answer ?? row.answer;
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(finetuneExamples)
      .set({
        answer,
        isEdited: answer !== row.originalAnswer,
        answerTokens: answer === row.answer ? row.answerTokens : estimateTokens(answer),
        isDropped: patch.is_dropped ?? row.isDropped,
        updatedAt: ctx.now(),
      })
      .where(mine)
      .returning(),
    ctx.db.update(finetuneSets).set({ updatedAt: ctx.now() }).where(eq(finetuneSets.id, set.id)),
  ]);
  return exampleView(updated[0], set.validationPercent);
}

export interface SetLines {
  train: NamedLine[];
  validation: NamedLine[];
}

/** Every kept example of a set as training lines, oldest first, split by the set's percentage. */
export async function loadSetLines(ctx: TenantCtx, set: SetRow): Promise<SetLines> {
  const rows = await ctx.db
    .select({
      id: finetuneExamples.id,
      source: finetuneExamples.source,
      sourceId: finetuneExamples.sourceId,
      promptMessages: finetuneExamples.promptMessages,
      answer: finetuneExamples.answer,
    })
    .from(finetuneExamples)
    .where(and(eq(finetuneExamples.setId, set.id), eq(finetuneExamples.isDropped, false)))
    .orderBy(asc(finetuneExamples.sourceCreatedAt), asc(finetuneExamples.id))
    .all();
  const out: SetLines = { train: [], validation: [] };
  rows.forEach((r, i) => {
    const label = `Row ${i + 1} (${r.source} ${r.sourceId})`;
    out[splitOf(r.sourceId, set.validationPercent)].push({ label, line: trainingLine(r.promptMessages, r.answer) });
  });
  return out;
}
