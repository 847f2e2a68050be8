// A chatflow conversation's variables through the Service API (Dify's ConversationService
// get_conversational_variable / update_conversation_variable): list them in creation order with
// last_id paging and a name filter, and set one's value, checked against its declared type. The
// next run of the conversation starts from the value set here.
import { and, asc, eq, gt, or } from "drizzle-orm";
import { type ConversationOwner, getOwnedConversation } from "../apps/conversations";
import type { TenantCtx } from "../context";
import { workflowConversationVariables } from "../db/schema";
import { KilnError } from "../lib/errors";
import { containsPattern, likeEscaped } from "../lib/like";

type VariableRow = typeof workflowConversationVariables.$inferSelect;

const sec = (ms: number) => Math.floor(ms / 1000);
const variableNotFound = () => new KilnError("not_found", 404, "Conversation Variable Not Exists.");

/** Python's repr of a JSON value: what flask-restx's String field prints for nested values. */
function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    let body = "";
    for (const c of v) {
      const code = c.charCodeAt(0);
      if (c === "\\" || c === quote) body += `\\${c}`;
      else if (c === "\n") body += "\\n";
      else if (c === "\r") body += "\\r";
      else if (c === "\t") body += "\\t";
      else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, "0")}`;
      else body += c;
    }
    return quote + body + quote;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(", ")}}`;
}

/** Dify's `value` field is `fields.String`: Python's str() of the value (null stays null). */
function valueText(json: string): string | null {
  const v = JSON.parse(json) as unknown;
  if (v === null) return null;
  return typeof v === "string" ? v : pyRepr(v);
}

function variableView(r: VariableRow) {
  return {
    id: r.id,
    name: r.name,
    value_type: r.valueType,
    value: valueText(r.value),
    description: r.description,
    created_at: sec(r.createdAt),
    updated_at: sec(r.updatedAt),
  };
}

export type ConversationVariableView = ReturnType<typeof variableView>;

/** The segment type Dify infers for a value, named as in its type-mismatch message. */
function inferredType(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (Array.isArray(v)) {
    const kinds = new Set(v.map(inferredType).map((t) => (t === "integer" || t === "float" ? "number" : t)));
    return kinds.size === 1 ? `array[${[...kinds][0]}]` : "array[any]";
  }
  return "object";
}

const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);

/** Dify's SegmentType.is_valid for the types a conversation variable can be declared with. */
function fitsType(valueType: string, v: unknown): boolean {
  switch (valueType) {
    case "string":
    case "secret":
      return typeof v === "string";
    case "number":
    case "integer":
    case "float":
      return isNumber(v);
    case "boolean":
      return typeof v === "boolean";
    case "object":
      return isObject(v);
    case "array[string]":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "array[number]":
      return Array.isArray(v) && v.every(isNumber);
    case "array[object]":
      return Array.isArray(v) && v.every(isObject);
    case "array[boolean]":
      return Array.isArray(v) && v.every((x) => typeof x === "boolean");
    case "array[any]":
      return Array.isArray(v);
    default:
      return true;
  }
}

const ofConversation = (appId: string, conversationId: string) =>
  and(eq(workflowConversationVariables.appId, appId), eq(workflowConversationVariables.conversationId, conversationId));

export async function listConversationVariables(
  ctx: TenantCtx,
  appId: string,
  conversationId: string,
  owner: ConversationOwner,
  opts: { lastId?: string; limit: number; variableName?: string },
) {
  const conversation = await getOwnedConversation(ctx, appId, conversationId, owner);
  const conditions = [ofConversation(appId, conversation.id)];
  if (opts.variableName) {
    // Dify matches a part of the name, case-insensitively (names are ASCII: LIKE ignores case).
    conditions.push(likeEscaped(workflowConversationVariables.name, containsPattern(opts.variableName)));
  }
  if (opts.lastId) {
    const last = await ctx.db
      .select({ createdAt: workflowConversationVariables.createdAt, name: workflowConversationVariables.name })
      .from(workflowConversationVariables)
      .where(and(ofConversation(appId, conversation.id), eq(workflowConversationVariables.id, opts.lastId)))
      .get();
    if (!last) throw variableNotFound();
    // After it in (created_at, name) order: a conversation's variables are created together, so
    // created_at alone (Dify's cursor) would skip those sharing the last one's time.
    conditions.push(
      or(
        gt(workflowConversationVariables.createdAt, last.createdAt),
        and(eq(workflowConversationVariables.createdAt, last.createdAt), gt(workflowConversationVariables.name, last.name)),
      )!,
    );
  }
  const rows = await ctx.db
    .select()
    .from(workflowConversationVariables)
    .where(and(...conditions))
    .orderBy(asc(workflowConversationVariables.createdAt), asc(workflowConversationVariables.name))
    .limit(opts.limit + 1)
    .all();
  return { limit: opts.limit, has_more: rows.length > opts.limit, data: rows.slice(0, opts.limit).map(variableView) };
}

export async function updateConversationVariable(
  ctx: TenantCtx,
  appId: string,
  conversationId: string,
  variableId: string,
  owner: ConversationOwner,
  value: unknown,
): Promise<ConversationVariableView> {
  const conversation = await getOwnedConversation(ctx, appId, conversationId, owner);
  const where = and(ofConversation(appId, conversation.id), eq(workflowConversationVariables.id, variableId));
  const row = await ctx.db.select().from(workflowConversationVariables).where(where).get();
  if (!row) throw variableNotFound();
  if (!fitsType(row.valueType, value)) {
    const expected = row.valueType === "integer" ? "number" : row.valueType;
    throw new KilnError(
      "bad_request",
      400,
      `Type mismatch: variable '${row.name}' expects ${expected}, but got ${inferredType(value)} type`,
    );
  }
  const updated = { ...row, value: JSON.stringify(value ?? null), updatedAt: ctx.now() };
  await ctx.db.update(workflowConversationVariables).set({ value: updated.value, updatedAt: updated.updatedAt }).where(where);
  return variableView(updated);
}
