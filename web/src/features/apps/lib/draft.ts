// Edits to the draft config, as pure functions: each returns a new config with one thing changed
// and every key it doesn't know kept as it was.
import type { CompletionParams, ModelConfig } from "../api/types";
import { type ModerationForm, writeModeration } from "./moderation";
import { promptVariables } from "./prompt-variables";
import { type FormVariable, newVariable, toFormVariables, toUserInputForm, variableProblem } from "./variables";

export const DEFAULT_MEMORY = { enabled: true, size: 10 };

export function memoryOf(config: ModelConfig): { enabled: boolean; size: number } {
  return { ...DEFAULT_MEMORY, ...config.memory?.window };
}

export function variablesOf(config: ModelConfig): FormVariable[] {
  return toFormVariables(config.user_input_form ?? []);
}

export const withPrompt = (c: ModelConfig, pre_prompt: string): ModelConfig => ({ ...c, pre_prompt });

export const withVariables = (c: ModelConfig, vars: FormVariable[]): ModelConfig => ({ ...c, user_input_form: toUserInputForm(vars) });

export const withModel = (c: ModelConfig, model: { provider: string; name: string }): ModelConfig => ({
  ...c,
  model: { ...c.model, provider: model.provider, name: model.name },
});

export const withParams = (c: ModelConfig, completion_params: CompletionParams): ModelConfig => ({
  ...c,
  model: { ...c.model, completion_params },
});

export const withOpening = (c: ModelConfig, o: { statement: string; questions: string[] }): ModelConfig => ({
  ...c,
  opening_statement: o.statement,
  suggested_questions: o.questions,
});

export const withMemory = (c: ModelConfig, window: { enabled: boolean; size: number }): ModelConfig => ({
  ...c,
  memory: { ...c.memory, window },
});

export const withFollowUps = (c: ModelConfig, enabled: boolean): ModelConfig => ({
  ...c,
  suggested_questions_after_answer: { ...c.suggested_questions_after_answer, enabled },
});

export const withSpeechToText = (c: ModelConfig, enabled: boolean): ModelConfig => ({
  ...c,
  speech_to_text: { ...c.speech_to_text, enabled },
});

export const withTextToSpeech = (c: ModelConfig, patch: { enabled?: boolean; voice?: string }): ModelConfig => ({
  ...c,
  text_to_speech: { enabled: false, ...c.text_to_speech, ...patch },
});

export const withModeration = (c: ModelConfig, form: ModerationForm): ModelConfig => ({
  ...c,
  sensitive_word_avoidance: writeModeration(form),
});

/** Adds a text variable per name the list lacks. */
export function withAddedVariables(c: ModelConfig, names: string[]): ModelConfig {
  const vars = variablesOf(c);
  const have = new Set(vars.map((v) => v.variable));
  return withVariables(c, [...vars, ...names.filter((n) => !have.has(n)).map((n) => newVariable(n))]);
}

const VALID = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** After a variable's key changes, its `{{placeholders}}` in the prompt follow. */
export function withRenamedPlaceholder(c: ModelConfig, from: string, to: string): ModelConfig {
  if (!VALID.test(from) || !VALID.test(to) || !promptVariables(c.pre_prompt).includes(from)) return c;
  return withPrompt(c, c.pre_prompt.split(`{{${from}}}`).join(`{{${to}}}`));
}

/** The config as sent for a compare column: the draft with that column's model and temperature. */
export function withColumnModel(c: ModelConfig, column: { provider: string; name: string; temperature?: number }): ModelConfig {
  const params = { ...c.model.completion_params };
  if (column.temperature === undefined) delete params.temperature;
  else params.temperature = column.temperature;
  return { ...c, model: { ...c.model, provider: column.provider, name: column.name, completion_params: params } };
}

/** Why the server would refuse this draft, in words; null when it can be saved. */
export function draftProblem(c: ModelConfig): string | null {
  const vars = variablesOf(c);
  for (const v of vars) {
    const problem = variableProblem(v, vars);
    // A select without options is flagged on its row, but it saves: the server accepts it.
    if (problem && problem.field !== "options") return `${v.variable ? `variable ${v.variable}` : "a variable"}: ${problem.message}`;
  }
  return null;
}
