// The annotation-reply setting of an app. As in Dify, the setting row is the source of truth: it
// exists exactly while annotation reply is enabled, and the app's `annotation_reply` feature
// (model config, /parameters) is derived from it by `annotationReplyFeature`, never stored.
import { and, eq } from "drizzle-orm";
import { cachedForApp, forgetApp } from "../apps/app-cache";
import type { TenantCtx } from "../context";
import { appAnnotationSettings } from "../db/schema";
import { KilnError } from "../lib/errors";
import type { ModelRef } from "../models/registry";

export type AnnotationSetting = typeof appAnnotationSettings.$inferSelect;

export async function loadSetting(ctx: TenantCtx, appId: string): Promise<AnnotationSetting | null> {
  const row = await ctx.db
    .select()
    .from(appAnnotationSettings)
    .where(and(eq(appAnnotationSettings.appId, appId), eq(appAnnotationSettings.workspaceId, ctx.workspace.id)))
    .get();
  return row ?? null;
}

/**
 * The setting as a run sees it: cached per isolate beside the app's published config, so an app
 * without annotation reply pays nothing per message. Changes here evict at once; other isolates
 * follow within the app cache's TTL (seconds), like a publish.
 */
export function cachedSetting(ctx: TenantCtx, appId: string): Promise<AnnotationSetting | null> {
  return cachedForApp(`annotation-setting:${appId}`, ctx, async () => ({ appId, value: await loadSetting(ctx, appId) }));
}

export function forgetSetting(appId: string) {
  forgetApp(appId);
}

export const embeddingRefOf = (s: AnnotationSetting): ModelRef => ({ provider: s.embeddingProvider, model: s.embeddingModel });

/** Dify's `annotation_reply` feature dict (AppModelConfig.annotation_reply_dict). */
export function settingView(s: AnnotationSetting | null) {
  if (!s) return { enabled: false as const };
  return {
    id: s.id,
    enabled: true as const,
    score_threshold: s.scoreThreshold,
    embedding_model: { embedding_provider_name: s.embeddingProvider, embedding_model_name: s.embeddingModel },
  };
}

export type AnnotationReplyFeature = ReturnType<typeof settingView>;

/** The app's `annotation_reply` feature for its model config and /parameters. */
export async function annotationReplyFeature(ctx: TenantCtx, appId: string): Promise<AnnotationReplyFeature> {
  return settingView(await cachedSetting(ctx, appId));
}

/** Overlays the derived `annotation_reply` on a model config read for display or export. */
export async function withAnnotationReply<T extends object>(ctx: TenantCtx, appId: string, config: T): Promise<T> {
  return { ...config, annotation_reply: await annotationReplyFeature(ctx, appId) };
}

export async function updateScoreThreshold(ctx: TenantCtx, appId: string, settingId: string, scoreThreshold: number, accountId: string) {
  const s = await loadSetting(ctx, appId);
  if (!s || s.id !== settingId) throw new KilnError("not_found", 404, "App annotation not found");
  const now = ctx.now();
  await ctx.db
    .update(appAnnotationSettings)
    .set({ scoreThreshold, updatedBy: accountId, updatedAt: now })
    .where(eq(appAnnotationSettings.id, s.id));
  forgetSetting(appId);
  return settingView({ ...s, scoreThreshold, updatedBy: accountId, updatedAt: now });
}
