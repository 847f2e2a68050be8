// The WebApp passport: an anonymous bearer token a browser gets for one app's public site
// (`/chat/:code`). It is a JWT (HS256, key derived from APP_SECRET) naming the app, its workspace,
// the site code it was issued for and a random per-browser session, so every request behind it
// resolves its end user with no session table, and two browsers never share conversations.
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context";
import { apps } from "../db/schema";
import { fromBase64Url, hmacKey, toBase64Url } from "../lib/crypto";
import { KilnError, Unauthorized } from "../lib/errors";
import type { AppRow } from "./apps";

export const PASSPORT_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface PassportClaims {
  sub: "Web API Passport";
  app_id: string;
  workspace_id: string;
  app_code: string;
  session_id: string;
  iat: number;
  exp: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

// A key of its own (a passport label), so a passport can never be confused with any other value
// Kiln derives from APP_SECRET.
const passportKey = (appSecret: string) => hmacKey(appSecret, "kiln/passport/v1");
const HEADER = toBase64Url(enc.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

export async function signPassport(appSecret: string, claims: PassportClaims): Promise<string> {
  const body = `${HEADER}.${toBase64Url(enc.encode(JSON.stringify(claims)))}`;
  const sig = await crypto.subtle.sign("HMAC", await passportKey(appSecret), enc.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(sig))}`;
}

const invalid = () => Unauthorized("The passport is invalid or has expired; get a new one from /api/passport.");

/** The claims of a passport Kiln signed and that has not expired; 401 otherwise. */
export async function verifyPassport(appSecret: string, token: string, nowMs: number): Promise<PassportClaims> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) throw invalid();
  let claims: Partial<PassportClaims>;
  try {
    // crypto.subtle.verify compares in constant time.
    const ok = await crypto.subtle.verify(
      "HMAC",
      await passportKey(appSecret),
      fromBase64Url(parts[2]),
      enc.encode(`${parts[0]}.${parts[1]}`),
    );
    if (!ok) throw invalid();
    claims = JSON.parse(dec.decode(fromBase64Url(parts[1])));
  } catch {
    throw invalid();
  }
  const fields = [claims.app_id, claims.workspace_id, claims.app_code, claims.session_id];
  if (fields.some((f) => typeof f !== "string" || !f) || typeof claims.exp !== "number") throw invalid();
  if (claims.exp * 1000 <= nowMs) throw invalid();
  return claims as PassportClaims;
}

/** The app behind a public site code, refused as Dify does when unknown, disabled or unpublished. */
export async function findSiteApp(ctx: Ctx, code: string): Promise<AppRow> {
  const app = await ctx.db.select().from(apps).where(eq(apps.siteCode, code)).get();
  if (!app) throw new KilnError("not_found", 404, "This WebApp does not exist. Check the link you were given.");
  if (!app.enableSite) throw new KilnError("forbidden", 403, "Site is disabled.");
  if (!app.publishedConfigId) {
    throw new KilnError("app_unavailable", 400, "App unavailable, please check your app configurations: it has not been published yet.");
  }
  return app;
}

/**
 * A passport for the site `code`. An earlier, still valid passport of the same app keeps its
 * session (the browser's conversations stay its own); anything else starts a new session.
 */
export async function issuePassport(ctx: Ctx, code: string, existingToken?: string): Promise<{ access_token: string }> {
  const app = await findSiteApp(ctx, code);
  const secret = ctx.config.APP_SECRET;
  const now = ctx.now();
  let sessionId: string | null = null;
  if (existingToken) {
    const previous = await verifyPassport(secret, existingToken, now).catch(() => null);
    if (previous && previous.app_id === app.id && previous.workspace_id === app.workspaceId) sessionId = previous.session_id;
  }
  const iat = Math.floor(now / 1000);
  const claims: PassportClaims = {
    sub: "Web API Passport",
    app_id: app.id,
    workspace_id: app.workspaceId,
    app_code: app.siteCode,
    session_id: sessionId ?? crypto.randomUUID(),
    iat,
    exp: iat + PASSPORT_TTL_SECONDS,
  };
  return { access_token: await signPassport(secret, claims) };
}

/** The app a verified passport names, if it still belongs to the workspace the passport says. */
export async function getPassportApp(ctx: Ctx, claims: PassportClaims): Promise<AppRow | undefined> {
  return ctx.db
    .select()
    .from(apps)
    .where(and(eq(apps.id, claims.app_id), eq(apps.workspaceId, claims.workspace_id)))
    .get();
}
