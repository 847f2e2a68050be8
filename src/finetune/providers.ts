// Providers a workspace can fine-tune on: its own OpenAI and OpenAI-compatible providers (both
// speak /v1/files + /v1/fine_tuning/jobs), each with the base models the picker offers. The
// operator's `system` provider and the offline one cannot train, and a fine-tuned model must be
// registered on a provider whose model list the workspace owns.
import type { TenantCtx } from "../context";
import { Invalid } from "../lib/errors";
import { listStoredProviders, storedProviderInfo } from "../models/credentials";
import { OPENAI_FINE_TUNABLE } from "./base-models";

export interface FinetuneProvider {
  provider: string;
  label: string;
  provider_type: "openai" | "openai_api_compatible";
  base_models: string[];
}

export async function listFinetuneProviders(ctx: TenantCtx): Promise<FinetuneProvider[]> {
  return (await listStoredProviders(ctx)).map((row) => {
    const info = storedProviderInfo(row);
    const own = info.models.filter((m) => m.model_type === "llm").map((m) => m.model);
    const known = row.providerType === "openai" ? OPENAI_FINE_TUNABLE : [];
    return { provider: row.provider, label: row.label, provider_type: row.providerType, base_models: [...new Set([...own, ...known])] };
  });
}

/** Throws 400 unless `provider` can fine-tune `baseModel` in this workspace. */
export async function assertFineTunable(ctx: TenantCtx, provider: string, baseModel: string): Promise<void> {
  const found = (await listFinetuneProviders(ctx)).find((p) => p.provider === provider);
  if (!found) {
    throw Invalid(`provider: "${provider}" is not an OpenAI or OpenAI-compatible provider of this workspace, so it cannot fine-tune`, ["provider"]);
  }
  if (!found.base_models.includes(baseModel)) {
    throw Invalid(`base_model: "${baseModel}" is not a model of ${found.label}; choose one of ${found.base_models.join(", ")}`, ["base_model"]);
  }
}
