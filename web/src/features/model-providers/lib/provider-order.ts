// The order cards appear in: what runs now (offline, system) first, then OpenAI, then endpoints.
import type { Provider } from "../api/types";

const RANK: Record<string, number> = { offline: 0, system: 1, workers_ai: 2, openai: 3, openai_api_compatible: 4 };

export interface ProviderSections {
  builtIn: Provider[];
  openai: Provider | null;
  compatible: Provider[];
}

export function sortProviders(providers: Provider[]): ProviderSections {
  const sorted = [...providers].sort(
    (a, b) => (RANK[a.provider_type] ?? 9) - (RANK[b.provider_type] ?? 9) || a.label.localeCompare(b.label),
  );
  return {
    builtIn: sorted.filter((p) => p.is_offline || p.is_system || p.provider_type === "workers_ai"),
    openai: sorted.find((p) => p.provider_type === "openai" && !p.is_system) ?? null,
    compatible: sorted.filter((p) => p.provider_type === "openai_api_compatible" && !p.is_system),
  };
}
