// Each workspace's default model per model type: what apps and knowledge bases use when they do
// not name one. Unset, the offline models stand in (see registry.resolveDefaultModel).
import { assertCan } from "../auth/roles";
import type { WorkspaceCtx } from "../context";
import { defaultModels } from "../db/schema";
import { Invalid, KilnError } from "../lib/errors";
import { assertModelExists, type ModelType, resolveDefaultModel, resolveSpeechModel } from "./registry";

/** The model a type resolves to; null for a speech type no provider of the workspace offers. */
export async function getDefaultModel(ctx: WorkspaceCtx, type: ModelType) {
  if (type === "speech2text" || type === "tts") {
    const ref = await resolveSpeechModel(ctx, type);
    return ref && { model_type: type, ...ref, is_offline: false };
  }
  const { provider, model, is_offline } = await resolveDefaultModel(ctx, type);
  return { model_type: type, provider, model, is_offline };
}

export async function setDefaultModels(
  ctx: WorkspaceCtx,
  settings: { model_type: ModelType; provider: string; model: string }[],
): Promise<void> {
  assertCan(ctx.workspace.role, "admin");
  // One setting per type; the last one given wins.
  const byType = new Map(settings.map((s) => [s.model_type, s]));
  for (const s of byType.values()) {
    try {
      await assertModelExists(ctx, s, s.model_type);
    } catch (err) {
      if (err instanceof KilnError) throw Invalid(`model_settings: ${err.message}`, ["model_settings"]);
      throw err;
    }
  }
  const now = ctx.now();
  const writes = [...byType.values()].map((s) =>
    ctx.db
      .insert(defaultModels)
      .values({ workspaceId: ctx.workspace.id, modelType: s.model_type, provider: s.provider, model: s.model, updatedAt: now })
      .onConflictDoUpdate({
        target: [defaultModels.workspaceId, defaultModels.modelType],
        set: { provider: s.provider, model: s.model, updatedAt: now },
      }),
  );
  const [first, ...rest] = writes;
  if (first) await ctx.db.batch([first, ...rest]);
}
