// A dataset's data source: the signed webhook that pushes documents into it (its secret, stored
// encrypted and shown once) and the log of the deliveries it received. Receiving a delivery is
// source-delivery.ts.
import { and, desc, eq, sql } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { datasetSources, webhookDeliveries } from "../db/schema";
import { encryptSecret, maskSecret } from "../lib/crypto";
import { NotFound } from "../lib/errors";
import { offsetOf, type Page, pageOf } from "../lib/pagination";
import { getDataset } from "./datasets";

export type SourceRow = typeof datasetSources.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const sec = (ms: number) => Math.floor(ms / 1000);

export const webhookPath = (datasetId: string) => `/webhooks/datasets/${datasetId}`;

export function sourceView(row: SourceRow, origin: string) {
  return {
    enabled: row.enabled,
    url: `${origin}${webhookPath(row.datasetId)}`,
    secret_hint: row.secretHint,
    created_at: sec(row.createdAt),
    updated_at: sec(row.updatedAt),
  };
}

export async function getSource(ctx: TenantCtx, datasetId: string): Promise<SourceRow> {
  await getDataset(ctx, datasetId);
  const row = await ctx.db
    .select()
    .from(datasetSources)
    .where(and(eq(datasetSources.datasetId, datasetId), eq(datasetSources.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw NotFound("Data source");
  return row;
}

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Creates the dataset's source, or gives it a new secret (the old one stops working at once). */
export async function saveSource(ctx: TenantCtx, datasetId: string): Promise<{ source: SourceRow; secret: string }> {
  await getDataset(ctx, datasetId);
  const secret = newSecret();
  const now = ctx.now();
  const stored = { secret: await encryptSecret(ctx.config.APP_SECRET, secret), secretHint: maskSecret(secret), enabled: true, updatedAt: now };
  const source = await ctx.db
    .insert(datasetSources)
    .values({ id: ctx.newId(), workspaceId: ctx.workspace.id, datasetId, createdAt: now, ...stored })
    .onConflictDoUpdate({ target: datasetSources.datasetId, set: stored })
    .returning()
    .get();
  return { source, secret };
}

/** Removes the source; deliveries are refused from then on. Idempotent, like DELETE. */
export async function deleteSource(ctx: TenantCtx, datasetId: string): Promise<void> {
  await getDataset(ctx, datasetId);
  await ctx.db
    .delete(datasetSources)
    .where(and(eq(datasetSources.datasetId, datasetId), eq(datasetSources.workspaceId, ctx.workspace.id)));
}

export function deliveryView(d: DeliveryRow) {
  return {
    id: d.id,
    delivery_id: d.deliveryId,
    kind: d.kind,
    status: d.status,
    summary: JSON.parse(d.summary) as Record<string, unknown>,
    error: d.error,
    created_at: sec(d.createdAt),
  };
}

export async function listDeliveries(ctx: TenantCtx, datasetId: string, page: Page) {
  await getDataset(ctx, datasetId);
  const where = and(eq(webhookDeliveries.datasetId, datasetId), eq(webhookDeliveries.workspaceId, ctx.workspace.id));
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(page.limit)
      .offset(offsetOf(page))
      .all(),
    ctx.db.select({ n: sql<number>`count(*)` }).from(webhookDeliveries).where(where).get(),
  ]);
  return pageOf(page, total?.n ?? 0, rows.map(deliveryView));
}
