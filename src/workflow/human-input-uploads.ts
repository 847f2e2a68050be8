// Uploads for a Human Input form's file inputs (Dify 1.15+): the page that opens a form by its
// token has no passport, so it asks for an upload token (`POST /api/form/human_input/:token/
// upload-token`) and sends each file with it as a bearer (`POST /api/human-input-forms/files`).
// Kiln's upload token is signed rather than stored: `hitl_upload_<form id>.<nonce>.<HMAC>`, valid
// while its form is open. The file belongs to the run's initiator, as in Dify, so the run goes on
// with a file of its own user.
import { and, eq } from "drizzle-orm";
import { type UploadOwner, uploadFileAs, uploadRemoteFileAs } from "../apps/upload-files";
import { type Ctx, forTenant } from "../context";
import { workflowHumanInputForms, workflowRuns } from "../db/schema";
import { hmacKey, timingSafeEqual, toBase64Url } from "../lib/crypto";
import { KilnError } from "../lib/errors";
import { ensureActive, type FormRow } from "./human-input-forms";

export const UPLOAD_TOKEN_PREFIX = "hitl_upload_";

const enc = new TextEncoder();

async function signature(appSecret: string, formId: string, nonce: string): Promise<string> {
  const key = await hmacKey(appSecret, "kiln/hitl-upload/v1");
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(`hitl-upload|${formId}|${nonce}`))));
}

/** Dify's upload token for an open form: `{upload_token, expires_at}` (the form's expiry, in seconds). */
export async function issueUploadToken(ctx: Ctx, form: FormRow): Promise<{ upload_token: string; expires_at: number }> {
  ensureActive(ctx, form);
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  const sign = await signature(ctx.config.APP_SECRET, form.id, nonce);
  return { upload_token: `${UPLOAD_TOKEN_PREFIX}${form.id}.${nonce}.${sign}`, expires_at: Math.floor(form.expiresAt / 1000) };
}

const tokenError = (status: 400 | 401 | 403, message: string) => new KilnError("invalid_upload_token", status, message);

/**
 * The open form an `Authorization: Bearer hitl_upload_…` header names, with Dify's answers: 401
 * without a token, 400 for another scheme or kind of token, 403 for a token that is not Kiln's or
 * whose form is answered, past its time or gone.
 */
export async function formOfUploadToken(ctx: Ctx, authorization: string | undefined): Promise<FormRow> {
  if (authorization === undefined) throw tokenError(401, "Upload token is required.");
  const parts = authorization.split(/\s+/).filter(Boolean);
  if (parts.length !== 2) throw tokenError(401, "Upload token is required.");
  const [scheme, token] = parts;
  if (scheme.toLowerCase() !== "bearer" || !token.startsWith(UPLOAD_TOKEN_PREFIX)) throw tokenError(400, "Invalid upload token.");
  const refused = () => tokenError(403, "Upload token is invalid or expired.");
  const [formId, nonce, sign, extra] = token.slice(UPLOAD_TOKEN_PREFIX.length).split(".");
  if (!formId || !nonce || !sign || extra !== undefined) throw refused();
  if (!timingSafeEqual(await signature(ctx.config.APP_SECRET, formId, nonce), sign)) throw refused();
  const form = await ctx.db.select().from(workflowHumanInputForms).where(eq(workflowHumanInputForms.id, formId)).get();
  if (!form) throw refused();
  try {
    ensureActive(ctx, form);
  } catch {
    throw refused();
  }
  return form;
}

/** Who a form's uploads belong to: the user who started its run, in the form's app. */
async function ownerOf(ctx: Ctx, form: FormRow): Promise<UploadOwner> {
  const run = await ctx.db
    .select({ role: workflowRuns.createdByRole, by: workflowRuns.createdBy })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.id, form.workflowRunId), eq(workflowRuns.workspaceId, form.workspaceId)))
    .get();
  if (!run) throw tokenError(403, "Upload token is invalid or expired.");
  return { appId: form.appId, role: run.role, createdBy: run.by };
}

/** Stores a form's upload: the multipart `file`, or the file at `url` when one is given. */
export async function uploadForForm(ctx: Ctx, form: FormRow, upload: { file: () => File; url: string | null }) {
  const tctx = forTenant(ctx, form.workspaceId);
  const owner = await ownerOf(ctx, form);
  return upload.url ? uploadRemoteFileAs(tctx, owner, upload.url) : uploadFileAs(tctx, owner, upload.file());
}
