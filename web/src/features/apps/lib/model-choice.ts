// Choosing the app's model: a select's value encodes provider and model, the options say which
// models are offline, and a saved model the workspace can no longer call is named as such.
import type { LlmProvider } from "../api/types";

const SEPARATOR = "::";

/** A select's option group (the shape of the Select component's `groups`). */
interface ModelGroup {
  label: string;
  options: { value: string; label: string }[];
}

export function encodeModel(provider: string, model: string): string {
  return `${provider}${SEPARATOR}${model}`;
}

export function decodeModel(value: string): { provider: string; name: string } | null {
  const at = value.indexOf(SEPARATOR);
  if (at < 0) return null;
  return { provider: value.slice(0, at), name: value.slice(at + SEPARATOR.length) };
}

/** The provider that serves this model: one listing it, or one that takes any model id. */
export function findModel(providers: LlmProvider[], provider: string, name: string) {
  const p = providers.find((x) => x.provider === provider);
  if (!p || !(p.accepts_any_model || p.models.some((m) => m.model === name))) return null;
  return { provider: p, isOffline: p.is_offline };
}

export function modelGroups(providers: LlmProvider[], current?: { provider: string; name: string }): ModelGroup[] {
  // A model an imported app names under a provider that takes any id is offered in its group.
  const unlisted = (p: LlmProvider) =>
    current && current.provider === p.provider && p.accepts_any_model && !p.models.some((m) => m.model === current.name)
      ? [current.name]
      : [];
  const groups: ModelGroup[] = providers
    .filter((p) => p.models.length > 0 || unlisted(p).length > 0)
    .map((p) => ({
      label: p.is_offline ? `${p.label} · Offline` : p.label,
      options: [...p.models.map((m) => m.model), ...unlisted(p)].map((model) => ({
        value: encodeModel(p.provider, model),
        label: p.is_offline ? `${model} (Offline)` : model,
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
