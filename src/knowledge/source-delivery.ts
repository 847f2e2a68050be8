// Receiving a data-source delivery (POST /webhooks/datasets/{id}): find the source, check the
// signature (source-signature.ts), claim the delivery id against replays, apply the documents
// (source-sync.ts; GitHub pushes mapped by source-github.ts) and log the outcome.
import { and, eq, gt, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Ctx, forTenant, type TenantCtx } from "../context";
import { datasetSources, webhookDeliveries } from "../db/schema";
import { decryptSecret } from "../lib/crypto";
import { Invalid, KilnError, NotFound, TooLarge, Unauthorized } from "../lib/errors";
import { type DatasetRow, getDataset } from "./datasets";
import { documentsOfPush, GITHUB_RAW_BASE_URL, pushSchema } from "./source-github";
import { githubSignatureProblem, kilnSignatureProblem } from "./source-signature";
import { type SyncSummary, syncDocuments, webhookPayloadSchema } from "./source-sync";

export type DeliveryResult =
  | { result: "pong" }
  | { result: "success"; duplicate: true }
  | ({ result: "success"; ignored?: string } & SyncSummary);

/** What the route hands over: the request's headers and raw body (a Request fits). */
export interface IncomingDelivery {
  headers: Headers;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const NOTHING: SyncSummary = { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: [] };

async function readBody(ctx: Ctx, request: IncomingDelivery): Promise<Uint8Array> {
  const limit = ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB * 1024 * 1024;
  const tooLarge = () => TooLarge(`The delivery is larger than ${ctx.config.UPLOAD_FILE_SIZE_LIMIT_MB} MB.`);
  if (Number(request.headers.get("content-length")) > limit) throw tooLarge();
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > limit) throw tooLarge();
  return body;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const params = parsed.error.issues.map((i) => i.path.map(String).join(".") || "body");
  throw Invalid(parsed.error.issues.map((i, n) => `${params[n]}: ${i.message}`).join("; "), [...new Set(params)]);
}

/** The JSON payload; GitHub can also be set to send it form-encoded as `payload=`. */
function payloadOf(headers: Headers, body: Uint8Array): unknown {
  let text = new TextDecoder().decode(body);
  if ((headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    text = new URLSearchParams(text).get("payload") ?? "";
  }
  try {
    return JSON.parse(text);
  } catch {
    throw Invalid("The body is not valid JSON.", ["body"]);
  }
}

/** GitHub's raw-file host; GITHUB_RAW_BASE_URL (tests, GitHub Enterprise) points elsewhere. */
const rawBaseOf = (ctx: Ctx) => ctx.env.GITHUB_RAW_BASE_URL || GITHUB_RAW_BASE_URL;

async function apply(ctx: TenantCtx, dataset: DatasetRow, githubEvent: string | null, headers: Headers, body: Uint8Array): Promise<DeliveryResult> {
  if (githubEvent === "ping") return { result: "pong" };
  if (githubEvent && githubEvent !== "push") return { result: "success", ignored: `GitHub event ${githubEvent} is not used`, ...NOTHING };
  const payload = payloadOf(headers, body);
  if (githubEvent === "push") {
    const mapped = documentsOfPush(parseWith(pushSchema, payload), rawBaseOf(ctx));
    if ("ignored" in mapped) return { result: "success", ignored: mapped.ignored, ...NOTHING };
    return { result: "success", ...(await syncDocuments(ctx, dataset, mapped.documents)) };
  }
  const { documents } = parseWith(webhookPayloadSchema, payload);
  return { result: "success", ...(await syncDocuments(ctx, dataset, documents)) };
}

type NewDelivery = Omit<typeof webhookDeliveries.$inferInsert, "id" | "workspaceId" | "datasetId" | "createdAt">;

/** Inserts the log row; with a delivery id already taken, inserts nothing and returns null. */
async function logDelivery(ctx: TenantCtx, datasetId: string, row: NewDelivery): Promise<string | null> {
  const inserted = await ctx.db
    .insert(webhookDeliveries)
    .values({ id: ctx.newId(), workspaceId: ctx.workspace.id, datasetId, createdAt: ctx.now(), ...row })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id })
    .get();
  return inserted?.id ?? null;
}

// Refused deliveries can come from anyone who knows the URL: log enough of them to debug a
// misconfigured sender, not a flood.
const REFUSALS_LOGGED_PER_MINUTE = 20;

async function logRefusal(ctx: TenantCtx, datasetId: string, row: NewDelivery): Promise<void> {
  const recent = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.datasetId, datasetId), eq(webhookDeliveries.status, 401), gt(webhookDeliveries.createdAt, ctx.now() - 60_000)))
    .get();
  if ((recent?.n ?? 0) < REFUSALS_LOGGED_PER_MINUTE) await logDelivery(ctx, datasetId, row);
}

export async function receiveDelivery(ctx: Ctx, datasetId: string, request: IncomingDelivery): Promise<DeliveryResult> {
  const source = await ctx.db.select().from(datasetSources).where(eq(datasetSources.datasetId, datasetId)).get();
  if (!source?.enabled) throw NotFound("Data source");
  const tctx = forTenant(ctx, source.workspaceId);
  const dataset = await getDataset(tctx, datasetId);
  const body = await readBody(ctx, request);
  const { headers } = request;
  const githubEvent = headers.get("x-github-event")?.trim() || null;
  const kind = githubEvent ? `github.${githubEvent}`.slice(0, 64) : "documents";
  const deliveryId = (headers.get("x-kiln-delivery") ?? headers.get("x-github-delivery"))?.trim().slice(0, 200) || null;

  const secret = await decryptSecret(ctx.config.APP_SECRET, source.secret);
  const problem = githubEvent
    ? await githubSignatureProblem(headers, body, secret)
    : await kilnSignatureProblem(headers, body, secret, ctx.now());
  if (problem) {
    // Logged for whoever debugs the sender, but without taking the delivery id: a refused
    // delivery must not make the genuine one carrying that id look like a replay.
    await logRefusal(tctx, datasetId, { deliveryId: null, kind, status: 401, summary: JSON.stringify({ delivery_id: deliveryId }), error: problem });
    throw Unauthorized(problem);
  }

  // Claiming the id first (unique per dataset) makes concurrent replays lose the race cleanly.
  const logId = await logDelivery(tctx, datasetId, { deliveryId, kind, status: 202, summary: "{}" });
  if (!logId) return { result: "success", duplicate: true };
  const finish = (set: Partial<NewDelivery>) => ctx.db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, logId));
  try {
    const result = await apply(tctx, dataset, githubEvent, headers, body);
    const { result: _, ...summary } = result;
    const failed = "failed" in result ? result.failed.length : 0;
    await finish({ status: 200, summary: JSON.stringify(summary), error: failed ? `${failed} document(s) failed` : null });
    return result;
  } catch (err) {
    // Only a delivery that succeeded keeps its id, so the sender's retry of a failed one runs.
    const message = err instanceof Error ? err.message : String(err);
    await finish({ status: err instanceof KilnError ? err.status : 500, deliveryId: null, summary: JSON.stringify({ delivery_id: deliveryId }), error: message.slice(0, 1000) });
    throw err;
  }
}
