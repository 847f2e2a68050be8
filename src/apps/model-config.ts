// An easy-UI app's configuration in Dify's `model_config` shape — what the prompt IDE edits, the
// DSL carries and a published version freezes. Unknown keys are kept, so Dify exports round-trip.
import { z } from "zod";

const enabled = z.looseObject({ enabled: z.boolean().default(false) });
const off = () => ({ enabled: false });

const variableFields = z.looseObject({
  variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, "variable names are letters, digits and _"),
  label: z.string().max(200).default(""),
  required: z.boolean().default(false),
  max_length: z.number().int().positive().nullish(),
  default: z.union([z.string(), z.number()]).nullish(),
  options: z.array(z.string()).default([]),
  hide: z.boolean().optional(),
});
export type VariableFields = z.infer<typeof variableFields>;

export const VARIABLE_KINDS = ["text-input", "paragraph", "select", "number", "checkbox", "json_object"] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** One entry of `user_input_form`: `{ "<kind>": { variable, label, … } }`. */
export const userInputItem = z
  .record(z.string(), variableFields)
  .refine((o) => Object.keys(o).length === 1 && VARIABLE_KINDS.includes(Object.keys(o)[0] as VariableKind), {
    message: `each form item is one of ${VARIABLE_KINDS.join(", ")}`,
  });

export const completionParams = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().max(200_000).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  stop: z.array(z.string()).max(4).optional(),
});

/** One tool an agent may call, in Dify's `agent_mode.tools[]` fields. */
export const agentToolSchema = z.looseObject({
  /** builtin | api | mcp | workflow; other Dify kinds (plugins) are kept but not callable here. */
  provider_type: z.string().min(1).max(64),
  provider_id: z.string().min(1).max(255),
  provider_name: z.string().max(255).nullish(),
  tool_name: z.string().min(1).max(255),
  tool_label: z.string().max(255).nullish(),
  /** The tool's form settings (parameters set once, not by the model). */
  tool_parameters: z.preprocess((v) => v ?? {}, z.record(z.string(), z.unknown())),
  enabled: z.boolean().default(true),
});
export type AgentToolConfig = z.infer<typeof agentToolSchema>;

// Dify's older spellings of the strategy; anything else (old "router" configs) means "pick by model".
const STRATEGY_ALIASES: Record<string, "function_call" | "react"> = {
  function_call: "function_call",
  "function-call": "function_call",
  "function-calling": "function_call",
  react: "react",
  cot: "react",
  "chain-of-thought": "react",
};

const legacyAgentTool = z
  .looseObject({})
  .refine((o) => !("tool_name" in o) && !("provider_type" in o), { message: "a tool needs provider_type, provider_id and tool_name" });

export const agentModeSchema = z.looseObject({
  enabled: z.boolean().default(false),
  strategy: z.preprocess((v) => (typeof v === "string" ? (STRATEGY_ALIASES[v] ?? null) : v), z.enum(["function_call", "react"]).nullish()),
  /** At most this many tool-calling rounds (the runner's default is 5); left out, Dify exports stay as they were. */
  max_iteration: z.number().int().min(1).max(99).optional(),
  // Legacy Dify entries (`{dataset: {...}}`, `{"web_search": {...}}`) have fewer fields; Dify ignores them and so does Kiln.
  tools: z.array(z.union([agentToolSchema, legacyAgentTool])).max(50).default([]),
  prompt: z.unknown().nullish(),
});
export type AgentMode = z.infer<typeof agentModeSchema>;

export const modelConfigSchema = z.looseObject({
  model: z
    .looseObject({
      provider: z.string().default("offline"),
      name: z.string().default("kiln-echo"),
      mode: z.enum(["chat", "completion"]).default("chat"),
      completion_params: completionParams.default({}),
    })
    .default({ provider: "offline", name: "kiln-echo", mode: "chat", completion_params: {} }),
  pre_prompt: z.string().max(100_000).default(""),
  prompt_type: z.enum(["simple", "advanced"]).default("simple"),
  chat_prompt_config: z.looseObject({}).nullish(),
  completion_prompt_config: z.looseObject({}).nullish(),
  user_input_form: z.array(userInputItem).default([]),
  opening_statement: z.string().max(10_000).nullish(),
  suggested_questions: z.array(z.string()).default([]),
  suggested_questions_after_answer: enabled.default(off),
  speech_to_text: enabled.default(off),
  text_to_speech: enabled.default(off),
  retriever_resource: enabled.default(off),
  annotation_reply: enabled.default(off),
  more_like_this: enabled.default(off),
  sensitive_word_avoidance: z
    .looseObject({
      enabled: z.boolean().default(false),
      type: z.string().default(""),
      configs: z.unknown().optional(),
    })
    .default({ enabled: false, type: "" }),
  /** Kiln: how many earlier turns of the conversation the model sees. */
  memory: z
    .looseObject({ window: z.looseObject({ enabled: z.boolean().default(true), size: z.number().int().min(0).max(100).default(10) }) })
    .default({ window: { enabled: true, size: 10 } }),
  dataset_configs: z.looseObject({}).nullish(),
  dataset_query_variable: z.string().nullish(),
  file_upload: z.looseObject({}).nullish(),
  /** Agent apps: the tools, strategy and iteration limit (chat and completion apps ignore it). */
  agent_mode: agentModeSchema.nullish(),
  external_data_tools: z.array(z.unknown()).nullish(),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;

export function defaultModelConfig(model?: { provider: string; name: string }): ModelConfig {
  return modelConfigSchema.parse(model ? { model: { provider: model.provider, name: model.name } } : {});
}

export interface FormVariable extends VariableFields {
  kind: VariableKind;
}

export function formVariables(config: ModelConfig): FormVariable[] {
  return config.user_input_form.map((item) => {
    const [kind, fields] = Object.entries(item)[0];
    return { ...fields, kind: kind as VariableKind };
  });
}

interface KeywordModeration {
  keywords: string[];
  inputsReply: string | null;
  outputsReply: string | null;
}

/** The keyword moderation settings (Dify's `sensitive_word_avoidance` of type `keywords`). */
export function keywordModeration(config: ModelConfig): KeywordModeration | null {
  const s = config.sensitive_word_avoidance;
  if (!s.enabled || s.type !== "keywords") return null;
  const c = (s.configs ?? {}) as {
    keywords?: string;
    inputs_config?: { enabled?: boolean; preset_response?: string };
    outputs_config?: { enabled?: boolean; preset_response?: string };
  };
  const keywords = (c.keywords ?? "")
    .split(/\r?\n/)
    .map((k) => k.trim())
    .filter(Boolean);
  if (keywords.length === 0) return null;
  return {
    keywords,
    inputsReply: c.inputs_config?.enabled ? (c.inputs_config.preset_response ?? "") : null,
    outputsReply: c.outputs_config?.enabled ? (c.outputs_config.preset_response ?? "") : null,
  };
}
