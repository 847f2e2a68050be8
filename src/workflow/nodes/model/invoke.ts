// One model call for the LLM-backed nodes (llm, question-classifier, parameter-extractor): Dify's
// `model` block resolved through the workspace's registry, streamed with the ai SDK, priced with
// the usage code every chat app uses, and stopped when the run is stopped.
import { jsonrepair } from "jsonrepair";
import { jsonSchema, type ModelMessage, Output, streamText } from "ai";
import { z } from "zod";
import { kilnProviderName } from "../../../apps/dsl";
import { KilnError } from "../../../lib/errors";
import { providerFailure } from "../../../models/errors";
import { costOf, type Usage, usageBlock } from "../../../models/pricing";
import { getLanguageModel, type ModelRef } from "../../../models/registry";
import type { VariablePool } from "../../variables";
import type { NodeRunContext, NodeUsage } from "../types";

const optionalNumber = z.coerce.number().optional().catch(undefined);
/** A text parameter with `{{#node.var#}}` references (Dify 1.14+), resolved when the node runs. */
const variableParam = z.string().regex(/\{\{#[^#]+#\}\}/);
const numberParam = z.union([variableParam, optionalNumber]).optional().catch(undefined);

/** Dify's `model` block: provider (plugin id or plain name), model name, mode, parameters. */
export const modelSchema = z.looseObject({
  provider: z.string().min(1),
  name: z.string().min(1),
  mode: z.enum(["chat", "completion"]).catch("chat").default("chat"),
  completion_params: z
    .looseObject({
      temperature: numberParam,
      top_p: numberParam,
      max_tokens: numberParam,
      presence_penalty: numberParam,
      frequency_penalty: numberParam,
      stop: z.array(z.string()).optional().catch(undefined),
    })
    .nullish()
    .transform((p) => p ?? {}),
});
export type ModelSettings = z.infer<typeof modelSchema>;

/** Characters a resolved parameter keeps, as Dify's MAX_RESOLVED_VALUE_LENGTH. */
const MAX_RESOLVED_PARAM = 1024;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The node's numeric parameters with their variable references resolved, as Dify's
 * resolve_completion_params_variables: the text (capped) read back as a JSON number; a value that
 * is then no number is left out, so the provider's default applies.
 */
export function numericParams(params: ModelSettings["completion_params"], pool: VariablePool) {
  const number = (v: string | number | undefined): number | undefined => {
    if (typeof v !== "string") return v;
    const text = pool.render(v).slice(0, MAX_RESOLVED_PARAM).trim();
    return JSON_NUMBER.test(text) ? Number(text) : undefined;
  };
  return {
    temperature: number(params.temperature),
    topP: number(params.top_p),
    maxOutputTokens: number(params.max_tokens),
    presencePenalty: number(params.presence_penalty),
    frequencyPenalty: number(params.frequency_penalty),
    stopSequences: params.stop?.length ? params.stop : undefined,
  };
}

/** Dify names providers by plugin (`langgenius/openai/openai`); Kiln by the provider alone. */
export const modelRefOf = (model: ModelSettings): ModelRef => ({ provider: kilnProviderName(model.provider), model: model.name });

/** The model a node calls, as Dify's traces name it in `process_data`. */
export const modelTrace = (model: ModelSettings) => ({ model_mode: model.mode, model_provider: model.provider, model_name: model.name });

export interface ModelAnswer {
  text: string;
  finishReason: string;
  /** Dify's usage block (decimal-string prices), as the `usage` output. */
  usage: Usage;
  /** The same figures for the engine's totals. */
  nodeUsage: NodeUsage;
}

export interface InvokeOptions {
  /** Streams text to the engine under [node id, "text"] as it arrives. */
  stream?: boolean;
  /** Asks for JSON matching this schema (OpenAI's json_schema response format). */
  jsonSchema?: Record<string, unknown>;
}

/** Calls the node's model; provider failures become KilnErrors with Dify's codes. */
export async function invokeModel(
  ctx: NodeRunContext,
  model: ModelSettings,
  messages: ModelMessage[],
  options: InvokeOptions = {},
): Promise<ModelAnswer> {
  const ref = modelRefOf(model);
  const languageModel = await getLanguageModel(ctx.tctx, ref);
  const startedAt = Date.now();
  let firstTokenAt: number | null = null;
  let text = "";
  let finishReason = "stop";
  let inputTokens = 0;
  let outputTokens = 0;
  try {
    const result = streamText({
      model: languageModel,
      messages,
      allowSystemInMessages: true,
      maxRetries: 0,
      // Failures arrive as `error` parts below; the default handler would also log them.
      onError: () => {},
      ...numericParams(model.completion_params, ctx.pool),
      abortSignal: AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.tctx.config.PROVIDER_TIMEOUT_MS)]),
      ...(options.jsonSchema ? { output: Output.object({ schema: jsonSchema(options.jsonSchema) }) } : {}),
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && part.text) {
        firstTokenAt ??= Date.now();
        text += part.text;
        if (options.stream) ctx.emit({ text: part.text, selector: [ctx.node.id, "text"] });
      } else if (part.type === "error") {
        throw part.error;
      } else if (part.type === "abort") {
        throw ctx.signal.reason ?? new DOMException("aborted", "AbortError");
      } else if (part.type === "finish") {
        finishReason = part.finishReason;
        inputTokens = part.totalUsage.inputTokens ?? 0;
        outputTokens = part.totalUsage.outputTokens ?? 0;
      }
    }
  } catch (err) {
    // A stopped run is not a provider failure: let the engine see the abort as it is.
    if (ctx.signal.aborted) throw ctx.signal.reason ?? err;
    throw err instanceof KilnError ? err : providerFailure(err);
  }
  const finishedAt = Date.now();
  const seconds = (ms: number) => ms / 1000;
  const usage = usageBlock(ref.provider, ref.model, inputTokens, outputTokens, {
    latency: seconds(finishedAt - startedAt),
    ttft: firstTokenAt === null ? null : seconds(firstTokenAt - startedAt),
    generate: firstTokenAt === null ? null : seconds(finishedAt - firstTokenAt),
  });
  const cost = costOf(ref.provider, ref.model, inputTokens, outputTokens);
  return {
    text,
    finishReason,
    usage,
    nodeUsage: {
      provider: ref.provider,
      model: ref.model,
      promptTokens: inputTokens,
      completionTokens: outputTokens,
      totalTokens: inputTokens + outputTokens,
      totalPrice: cost.total,
      currency: "USD",
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The first JSON object in a model's reply: bare, fenced in ```json, or inside prose. With
 * `repair` (an LLM node's structured output, as Dify's _parse_structured_output does with
 * json_repair), a reply that is no valid JSON is mended first, and of a list the first object
 * is taken.
 */
export function parseJsonObject(text: string, options: { repair?: boolean } = {}): Record<string, unknown> | null {
  const strict = strictJsonObject(text);
  if (strict || !options.repair) return strict;
  try {
    const mended = JSON.parse(jsonrepair(text)) as unknown;
    if (isObject(mended)) return mended;
    if (Array.isArray(mended)) return mended.find(isObject) ?? null;
  } catch {
    // beyond repair
  }
  return null;
}

function strictJsonObject(text: string): Record<string, unknown> | null {
  const candidates = [text.trim()];
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/i);
  if (fenced) candidates.push(fenced[1].trim());
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (isObject(value)) return value;
    } catch {
      // not this one
    }
  }
  return null;
}

/** An empty usage block, for nodes that fail or skip the model. */
export const noUsage = (): NodeUsage => ({
  provider: "",
  model: "",
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  totalPrice: 0,
  currency: "USD",
});
