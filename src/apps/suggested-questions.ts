// Follow-up questions after an answer (Dify's suggested_questions_after_answer): the app's model
// reads the last turns and proposes three short questions. Models do not always answer in the
// asked-for JSON, so the reply is parsed leniently; a failed model call yields none, as in Dify.
import { generateText } from "ai";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { messages } from "../db/schema";
import { KilnError } from "../lib/errors";
import { getLanguageModel } from "../models/registry";
import type { AppRow } from "./apps";
import type { ConversationOwner } from "./conversations";
import { getOwnedMessage } from "./messages";
import type { ModelConfig } from "./model-config";

const HISTORY_TURNS = 3;
const MAX_QUESTIONS = 3;
const MAX_QUESTION_CHARS = 200;
const MAX_TURN_CHARS = 2_000;

const INSTRUCTION =
  "Please help me predict the three most likely questions that human would ask, and keep each question under 20 characters.\n" +
  "MAKE SURE your output is the SAME language as the Assistant's latest response. " +
  'The output must be an array in JSON format following the specified schema:\n["question1","question2","question3"]\n';

const clean = (q: string) =>
  q
    .replace(/^\s*(?:[-*•]|\d+[.)]|Q\d*[:.])\s*/i, "")
    .replace(/^["'“”‘’`]+|["'“”‘’`,]+$/g, "")
    .trim()
    .slice(0, MAX_QUESTION_CHARS);

/** The questions in a model's reply: a JSON array of strings if there is one, else question lines. */
export function parseSuggestedQuestions(text: string): string[] {
  let found: string[] = [];
  const start = text.indexOf("[");
  const end = text.lastIndexOf("]");
  if (start >= 0 && end > start) {
    try {
      const parsed: unknown = JSON.parse(text.slice(start, end + 1));
      if (Array.isArray(parsed)) found = parsed.filter((q): q is string => typeof q === "string");
    } catch {
      // Not JSON after all; fall back to reading lines.
    }
  }
  if (found.length === 0) {
    found = text.split(/\r?\n/).filter((line) => /[?？]\s*["'”’]?\s*$/.test(line));
  }
  return [...new Set(found.map(clean).filter(Boolean))].slice(0, MAX_QUESTIONS);
}

export async function suggestQuestions(
  ctx: TenantCtx,
  app: AppRow,
  config: ModelConfig,
  messageId: string,
  owner: ConversationOwner,
): Promise<string[]> {
  const message = await getOwnedMessage(ctx, app.id, messageId, owner);
  if (!config.suggested_questions_after_answer.enabled) {
    throw new KilnError("bad_request", 400, "Suggested Questions Is Disabled.");
  }
  const turns = await ctx.db
    .select({ query: messages.query, answer: messages.answer })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, message.conversationId),
        lte(messages.createdAt, message.createdAt),
        sql`${messages.status} != 'error'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_TURNS)
    .all();
  const transcript = turns
    .reverse()
    .map((t) => `Human: ${t.query.slice(0, MAX_TURN_CHARS)}\nAssistant: ${t.answer.slice(0, MAX_TURN_CHARS)}`)
    .join("\n\n");
  const model = await getLanguageModel(ctx, { provider: config.model.provider, model: config.model.name });
  try {
    const { text } = await generateText({
      model,
      messages: [{ role: "user", content: `${transcript}\n\n${INSTRUCTION}` }],
      temperature: 0,
      maxOutputTokens: 256,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(ctx.config.PROVIDER_TIMEOUT_MS),
    });
    return parseSuggestedQuestions(text);
  } catch (err) {
    ctx.log.warn("suggested questions failed", { appId: app.id, messageId, error: String(err) });
    return [];
  }
}
