// A workspace's credentials for the built-in providers that need them (Tavily's API key…), as
// Dify authorizes a built-in provider per workspace: checked with a real call before they are
// saved, stored AES-GCM encrypted, shown back only as masked hints.
import { and, eq } from "drizzle-orm";
import { assertCan } from "../../auth/roles";
import type { TenantCtx, WorkspaceCtx } from "../../context";
import { builtinToolCredentials } from "../../db/schema";
import { decryptSecret, encryptSecret, maskSecret } from "../../lib/crypto";
import { Invalid, KilnError, NotFound } from "../../lib/errors";
import { HIDDEN } from "../api/credentials";
import type { BuiltinProvider } from "../types";

type Credentials = Readonly<Record<string, string>>;

const VALIDATION_TIMEOUT_MS = 15_000;

const mine = (ctx: TenantCtx, provider: string) =>
  and(eq(builtinToolCredentials.workspaceId, ctx.workspace.id), eq(builtinToolCredentials.provider, provider));

/** The names of the built-in providers this workspace has given credentials for. */
export async function authorizedBuiltins(ctx: TenantCtx): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ provider: builtinToolCredentials.provider })
    .from(builtinToolCredentials)
    .where(eq(builtinToolCredentials.workspaceId, ctx.workspace.id))
    .all();
  return new Set(rows.map((r) => r.provider));
}

/** The workspace's credentials for a provider, decrypted; null when it has given none. */
export async function loadBuiltinCredentials(ctx: TenantCtx, provider: string): Promise<Credentials | null> {
  const row = await ctx.db
    .select({ credentials: builtinToolCredentials.credentials })
    .from(builtinToolCredentials)
    .where(mine(ctx, provider))
    .get();
  if (!row) return null;
  return JSON.parse(await decryptSecret(ctx.config.APP_SECRET, row.credentials)) as Credentials;
}

/** The masked values for the Tools page (secret fields masked, others as given). */
export async function builtinCredentialHints(ctx: TenantCtx, provider: BuiltinProvider): Promise<Record<string, string>> {
  const row = await ctx.db.select({ hints: builtinToolCredentials.hints }).from(builtinToolCredentials).where(mine(ctx, provider.name)).get();
  return row ? (JSON.parse(row.hints) as Record<string, string>) : {};
}

function hintsOf(provider: BuiltinProvider, values: Credentials): Record<string, string> {
  const fields = provider.credentials ?? [];
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const secret = fields.find((f) => f.name === name)?.type !== "text-input";
      return [name, secret ? maskSecret(value) : value];
    }),
  );
}

/**
 * Checks the values against the provider's fields, proves them with the provider's own real call,
 * and stores them. A value sent back as its masked hint keeps the stored one (the form shows hints).
 */
export async function saveBuiltinCredentials(ctx: WorkspaceCtx, provider: BuiltinProvider, input: Record<string, unknown>): Promise<Record<string, string>> {
  assertCan(ctx.workspace.role, "admin");
  const fields = provider.credentials ?? [];
  if (fields.length === 0) throw Invalid(`credentials: ${provider.label} needs no credentials`, ["credentials"]);
  const unknown = Object.keys(input).filter((k) => !fields.some((f) => f.name === k));
  if (unknown.length) throw Invalid(`credentials: ${provider.label} takes no ${unknown.join(", ")}`, ["credentials"]);

  for (const field of fields) {
    const raw = input[field.name];
    if (raw !== undefined && raw !== null && typeof raw !== "string") throw Invalid(`credentials.${field.name}: must be a string`, ["credentials"]);
  }
  const given = (name: string) => ((input[name] as string | null | undefined) ?? "").trim();
  const [stored, hints] = await Promise.all([loadBuiltinCredentials(ctx, provider.name), builtinCredentialHints(ctx, provider)]);
  // A stored secret sent back masked is kept only while the plain fields (a server's URL) stay as
  // they were: otherwise a changed URL would carry a key the caller never saw to a new server.
  const plainUnchanged = fields.filter((f) => f.type === "text-input").every((f) => given(f.name) === (stored?.[f.name] ?? ""));
  const values: Record<string, string> = {};
  for (const field of fields) {
    let value = given(field.name);
    // Masked as shown (its hint), or as Dify's clients send an unchanged secret (HIDDEN).
    const masked = value === HIDDEN || (value !== "" && value === hints[field.name]);
    if (masked && field.type !== "text-input" && stored?.[field.name]) {
      if (!plainUnchanged) throw Invalid(`credentials.${field.name}: enter the ${field.label} again to use it with changed settings`, ["credentials"]);
      value = stored[field.name]!;
    }
    if (value.length > 4096) throw Invalid(`credentials.${field.name}: at most 4096 characters`, ["credentials"]);
    if (!value) {
      if (field.required) throw Invalid(`credentials.${field.name}: ${field.label} is required`, ["credentials"]);
      continue;
    }
    values[field.name] = value;
  }

  if (provider.validateCredentials) {
    try {
      await provider.validateCredentials(ctx, values, AbortSignal.timeout(VALIDATION_TIMEOUT_MS));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new KilnError("invalid_credentials", 400, `${provider.label} refused these credentials: ${reason}`);
    }
  }

  const now = ctx.now();
  const fieldsToSet = {
    credentials: await encryptSecret(ctx.config.APP_SECRET, JSON.stringify(values)),
    hints: JSON.stringify(hintsOf(provider, values)),
    updatedAt: now,
  };
  await ctx.db
    .insert(builtinToolCredentials)
    .values({ id: ctx.newId(), workspaceId: ctx.workspace.id, provider: provider.name, createdBy: ctx.actor.accountId, createdAt: now, ...fieldsToSet })
    .onConflictDoUpdate({ target: [builtinToolCredentials.workspaceId, builtinToolCredentials.provider], set: fieldsToSet });
  return hintsOf(provider, values);
}

export async function deleteBuiltinCredentials(ctx: WorkspaceCtx, provider: BuiltinProvider): Promise<void> {
  assertCan(ctx.workspace.role, "admin");
  const gone = await ctx.db.delete(builtinToolCredentials).where(mine(ctx, provider.name)).returning({ id: builtinToolCredentials.id });
  if (gone.length === 0) throw NotFound("Credentials");
}
