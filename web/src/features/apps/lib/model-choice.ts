// Choosing the app's model: a select's value encodes provider and model, the options say which
// models are offline, and a saved model the workspace can no longer call is named as such.
import type { SelectGroup } from "../../../components/ui/select";
import type { LlmProvider } from "../api/types";

const SEPARATOR = "::";

export function encodeModel(provider: string, model: string): string {
  return `${provider}${SEPARATOR}${model}`;
}

export function decodeModel(value: string): { provider: string; name: string } | null {
  const at = value.indexOf(SEPARATOR);
  if (at < 0) return null;
  return { provider: value.slice(0, at), name: value.slice(at + SEPARATOR.length) };
}

export function findModel(providers: LlmProvider[], provider: string, name: string) {
  const p = providers.find((x) => x.provider === provider);
  if (!p?.models.some((m) => m.model === name)) return null;
  return { provider: p, isOffline: p.is_offline };
}

export function modelGroups(providers: LlmProvider[], current?: { provider: string; name: string }): SelectGroup[] {
  const groups: SelectGroup[] = providers
    .filter((p) => p.models.length > 0)
    .map((p) => ({
      label: p.is_offline ? `${p.label} · Offline` : p.label,
      options: p.models.map((m) => ({
        value: encodeModel(p.provider, m.model),
        label: p.is_offline ? `${m.model} (Offline)` : m.model,
      })),
    }));
  if (current && !findModel(providers, current.provider, current.name)) {
    groups.unshift({
      label: "Not available in this workspace",
      options: [{ value: encodeModel(current.provider, current.name), label: `${current.provider} / ${current.name} (not configured)` }],
    });
  }
  return groups;
}
