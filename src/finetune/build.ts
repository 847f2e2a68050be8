// Builds a training set's examples from real use: logged messages picked by the set's filters are
// copied with the prompt exactly as it was sent. Rows a member edited or dropped are kept as they
// are; every other row is rebuilt, so changing the filters and building again follows them.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { finetuneExamples, finetuneSets } from "../db/schema";
import { runBatch } from "../lib/d1-batch";
import { parseModelName } from "../models/registry";
import { addAnnotationExamples, annotationsAvailable } from "./annotation-examples";
import type { SetFilters } from "./filters";
import { parseFilters } from "./filters";
import { getSet } from "./sets";

/** The most messages one build takes (newest first): a set is reviewed by people, row by row. */
export const MAX_BUILD_MESSAGES = 5_000;

function messageConditions(ctx: WorkspaceCtx, f: SetFilters, withAnnotations: boolean): SQL[] {
  const where: SQL[] = [
    sql`m.workspace_id = ${ctx.workspace.id}`,
    sql`m.status = 'normal'`,
    // A moderation reply is a canned refusal, not an answer to learn from.
    sql`m.reply_source != 'moderation'`,
  ];
  if (f.app_id) where.push(sql`m.app_id = ${f.app_id}`);
  if (f.start != null) where.push(sql`m.created_at >= ${f.start * 1000}`);
  if (f.end != null) where.push(sql`m.created_at < ${f.end * 1000}`);
  if (f.feedback === "like") {
    where.push(sql`EXISTS (SELECT 1 FROM message_feedbacks f WHERE f.message_id = m.id AND f.rating = 'like')`);
  }
  if (f.model) {
    const ref = parseModelName(f.model);
    where.push(sql`m.provider = ${ref.provider} AND m.model = ${ref.model}`);
  }
  if (f.min_tokens != null) where.push(sql`m.message_tokens + m.answer_tokens >= ${f.min_tokens}`);
  if (f.max_tokens != null) where.push(sql`m.message_tokens + m.answer_tokens <= ${f.max_tokens}`);
  if (f.annotated && withAnnotations) where.push(sql`EXISTS (SELECT 1 FROM message_annotations a WHERE a.message_id = m.id)`);
  return where;
}

export interface BuildResult {
  added: number;
  kept: number;
  total: number;
  notes: string[];
}

export async function buildSet(ctx: WorkspaceCtx, setId: string): Promise<BuildResult> {
  const set = await getSet(ctx, setId);
  const filters = parseFilters(set.filters);
  const notes: string[] = [];
  const withAnnotations = await annotationsAvailable(ctx);
  if (!withAnnotations && (filters.annotated || filters.include_annotations)) {
    notes.push("Annotations are not available in this installation: the annotated filter and include annotations were skipped.");
  }
  const now = ctx.now();
  // An annotated message teaches its improved answer, not the one the model gave.
  const annotation = sql`(SELECT a.content FROM message_annotations a WHERE a.message_id = m.id)`;
  const answer = withAnnotations ? sql`coalesce(${annotation}, m.answer)` : sql`m.answer`;
  const answerTokens = withAnnotations
    ? sql`CASE WHEN ${annotation} IS NULL THEN m.answer_tokens ELSE max(1, (length(${annotation}) + 3) / 4) END`
    : sql`m.answer_tokens`;
  const curated = and(eq(finetuneExamples.setId, set.id), eq(finetuneExamples.isEdited, false), eq(finetuneExamples.isDropped, false));
  // One transaction: readers never see the set half rebuilt.
  await runBatch(ctx.env.DB, [
    ctx.db.delete(finetuneExamples).where(curated),
    sql`INSERT INTO finetune_examples (id, workspace_id, set_id, source, source_id, app_id, prompt_messages, answer,
          original_answer, is_edited, is_dropped, prompt_tokens, answer_tokens, source_created_at, created_at, updated_at)
        SELECT 'fte_' || lower(hex(randomblob(12))), m.workspace_id, ${set.id}, 'message', m.id, m.app_id, m.prompt_messages,
          ${answer}, m.answer, 0, 0, m.message_tokens, ${answerTokens}, m.created_at, ${now}, ${now}
        FROM messages m
        WHERE ${sql.join(messageConditions(ctx, filters, withAnnotations), sql` AND `)}
        ORDER BY m.created_at DESC
        LIMIT ${MAX_BUILD_MESSAGES}
        ON CONFLICT (set_id, source, source_id) DO NOTHING`,
    ctx.db.update(finetuneSets).set({ builtAt: now, updatedAt: now }).where(eq(finetuneSets.id, set.id)),
  ]);
  if (withAnnotations && filters.include_annotations) await addAnnotationExamples(ctx, set.id, filters, now);
  const counts = await ctx.db
    .select({
      total: sql<number>`count(*)`,
      added: sql<number>`coalesce(sum(${finetuneExamples.createdAt} = ${now}), 0)`,
    })
    .from(finetuneExamples)
    .where(eq(finetuneExamples.setId, set.id))
    .get();
  const total = counts?.total ?? 0;
  const added = counts?.added ?? 0;
  return { added, kept: total - added, total, notes };
}
