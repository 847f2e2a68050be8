// A default-model select's value encodes both provider and model.
import type { SelectGroup } from "../../../components/ui/select";
import type { ModelsOfType } from "../api/types";

const SEPARATOR = "::";

export function encodeChoice(provider: string, model: string): string {
  return `${provider}${SEPARATOR}${model}`;
}

export function decodeChoice(value: string): { provider: string; model: string } | null {
  const at = value.indexOf(SEPARATOR);
  if (at < 0) return null;
  return { provider: value.slice(0, at), model: value.slice(at + SEPARATOR.length) };
}

export function choiceGroups(providers: ModelsOfType[]): SelectGroup[] {
  return providers
    .filter((p) => p.models.length > 0)
    .map((p) => ({
      label: p.is_offline ? `${p.label} (offline)` : p.label,
      options: p.models.map((m) => ({ value: encodeChoice(p.provider, m.model), label: m.model })),
    }));
}
