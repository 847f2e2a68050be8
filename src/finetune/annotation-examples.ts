// Annotations (question + ideal answer) as training examples. Read with plain SQL against Dify's
// `message_annotations` table, so fine-tuning works in an installation without annotations too.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "../context";
import { finetuneExamples } from "../db/schema";
import { estimateTokens } from "../models/offline";
import type { SetFilters } from "./filters";
import { type ChatTurn, promptTurns } from "./jsonl";

export async function annotationsAvailable(ctx: WorkspaceCtx): Promise<boolean> {
  const row = await ctx.db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'message_annotations'`,
  );
  return (row?.n ?? 0) > 0;
}

interface AnnotationRow {
  id: string;
  app_id: string;
  question: string;
  content: string;
  created_at: number;
  prompt_messages: string | null;
}

/** The prompt an annotation's question would have been sent with: its message's, else the app's system prompt. */
function promptFor(a: AnnotationRow, systemOfApp: Map<string, string | null>): ChatTurn[] {
  if (a.prompt_messages) {
    const turns = promptTurns(a.prompt_messages);
    const last = turns.findLastIndex((t) => t.role === "user");
    if (last >= 0) return turns.map((t, i) => (i === last ? { role: "user", content: a.question } : t));
  }
  const system = systemOfApp.get(a.app_id);
  return [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user", content: a.question }];
}

/** Adds the workspace's annotations (within the app and period filters) that no message row already covers. */
export async function addAnnotationExamples(ctx: WorkspaceCtx, setId: string, f: SetFilters, now: number): Promise<void> {
  const rows = await ctx.db.all<AnnotationRow>(sql`
    SELECT a.id, a.app_id, a.question, a.content, a.created_at, m.prompt_messages
    FROM message_annotations a LEFT JOIN messages m ON m.id = a.message_id
    WHERE a.workspace_id = ${ctx.workspace.id}
      ${f.app_id ? sql`AND a.app_id = ${f.app_id}` : sql``}
      ${f.start != null ? sql`AND a.created_at >= ${f.start * 1000}` : sql``}
      ${f.end != null ? sql`AND a.created_at < ${f.end * 1000}` : sql``}
      AND NOT EXISTS (SELECT 1 FROM finetune_examples e WHERE e.set_id = ${setId} AND e.source = 'message' AND e.source_id = a.message_id)
    ORDER BY a.created_at DESC LIMIT 5000`);
  if (!rows.length) return;
  const systemOfApp = new Map<string, string | null>();
  for (const appId of new Set(rows.map((r) => r.app_id))) {
    const latest = await ctx.db.get<{ prompt_messages: string }>(
      sql`SELECT prompt_messages FROM messages WHERE app_id = ${appId} AND workspace_id = ${ctx.workspace.id} ORDER BY created_at DESC LIMIT 1`,
    );
    const first = latest ? promptTurns(latest.prompt_messages)[0] : undefined;
    systemOfApp.set(appId, first?.role === "system" ? first.content : null);
  }
  const values = rows.map((a) => {
    const prompt = promptFor(a, systemOfApp);
    return {
      id: `fte_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`,
      workspaceId: ctx.workspace.id,
      setId,
      source: "annotation" as const,
      sourceId: a.id,
      appId: a.app_id,
      promptMessages: JSON.stringify(prompt),
      answer: a.content,
      originalAnswer: a.content,
      promptTokens: prompt.reduce((n, t) => n + estimateTokens(t.content), 0),
      answerTokens: estimateTokens(a.content),
      sourceCreatedAt: a.created_at,
      createdAt: now,
      updatedAt: now,
    };
  });
  // D1 binds at most 100 parameters per statement: 6 rows of 14 columns each, batched.
  const inserts = [];
  for (let i = 0; i < values.length; i += 6) inserts.push(ctx.db.insert(finetuneExamples).values(values.slice(i, i + 6)).onConflictDoNothing());
  for (let i = 0; i < inserts.length; i += 50) {
    const [first, ...rest] = inserts.slice(i, i + 50);
    await ctx.db.batch([first, ...rest]);
  }
}
