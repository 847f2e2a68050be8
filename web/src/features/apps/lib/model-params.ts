// The model parameters the IDE offers, with the ranges the server accepts (apps/model-config.ts).
// A parameter switched off is left out, so the provider's own default applies.
import type { CompletionParams } from "../api/types";

export type NumericParam = "temperature" | "top_p" | "max_tokens" | "presence_penalty" | "frequency_penalty";

export interface ParamSpec {
  key: NumericParam;
  label: string;
  hint: string;
  min: number;
  max: number;
  step: number;
  /** The value a parameter starts at when switched on. */
  initial: number;
}

export const PARAM_SPECS: ParamSpec[] = [
  { key: "temperature", label: "Temperature", hint: "Higher is more varied, lower more focused.", min: 0, max: 2, step: 0.1, initial: 0.7 },
  { key: "top_p", label: "Top P", hint: "Samples only from the most likely tokens adding up to this share.", min: 0, max: 1, step: 0.05, initial: 1 },
  { key: "max_tokens", label: "Max tokens", hint: "The longest answer the model may write.", min: 1, max: 200_000, step: 1, initial: 512 },
  { key: "presence_penalty", label: "Presence penalty", hint: "Above 0 nudges the model towards new topics.", min: -2, max: 2, step: 0.1, initial: 0 },
  { key: "frequency_penalty", label: "Frequency penalty", hint: "Above 0 makes repeating the same words less likely.", min: -2, max: 2, step: 0.1, initial: 0 },
];

export const MAX_STOP_SEQUENCES = 4;

/** The params with one switched on (at `value`) or off (`undefined`). */
export function setParam(params: CompletionParams, key: keyof CompletionParams, value: unknown): CompletionParams {
  const next = { ...params };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Keeps a typed number inside the parameter's range; integers for max_tokens. */
export function clampParam(spec: ParamSpec, value: number): number {
  if (Number.isNaN(value)) return spec.initial;
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  return spec.key === "max_tokens" ? Math.round(clamped) : Math.round(clamped * 100) / 100;
}

/** Stop sequences as the API takes them: no blanks, no repeats, at most four. */
export function cleanStops(stops: string[]): string[] {
  return [...new Set(stops.filter((s) => s.length > 0))].slice(0, MAX_STOP_SEQUENCES);
}
