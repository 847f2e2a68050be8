// Checks for provider forms, matching what the server accepts, so mistakes are named before a
// (slow, real) validation call is made.
import type { ModelType, ProviderModel } from "../api/types";

export interface ModelRow {
  key: number;
  model: string;
  model_type: ModelType;
  /** The id sent to the endpoint, when it is not the name apps use. */
  endpointName?: string;
}

let nextKey = 1;
export function newModelRow(model_type: ModelType = "llm", model = ""): ModelRow {
  return { key: nextKey++, model, model_type };
}

/** Rows the user actually filled in, trimmed and de-duplicated. */
export function modelsFromRows(rows: ModelRow[]): ProviderModel[] {
  const seen = new Set<string>();
  const out: ProviderModel[] = [];
  for (const row of rows) {
    const model = row.model.trim();
    const id = `${row.model_type}:${model}`;
    if (!model || seen.has(id)) continue;
    seen.add(id);
    const endpointName = row.endpointName?.trim();
    out.push(endpointName ? { model, model_type: row.model_type, endpoint_model_name: endpointName } : { model, model_type: row.model_type });
  }
  return out;
}

export function baseUrlProblem(url: string, required: boolean): string | null {
  const value = url.trim();
  if (!value) return required ? "Enter the endpoint's base URL." : null;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "The URL must start with https:// or http://.";
  } catch {
    return "Enter a full URL, like https://api.example.com/v1.";
  }
  return null;
}

export function endpointNameProblem(name: string): string | null {
  if (!name) return "Enter a short name.";
  if (!/^[a-z0-9_-]+$/.test(name)) return "Use only lowercase letters, digits, - and _.";
  if (name.length > 32) return "Keep the name to 32 characters or fewer.";
  return null;
}

/** A name suggestion from a label: "My Ollama" → "my-ollama". */
export function slugify(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
}
