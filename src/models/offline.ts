// The built-in offline provider: real ai-SDK models (spec v4) that answer deterministically and
// locally, so the whole platform runs, and is testable, with no provider key.
// `kiln-echo` quotes the last user message back; `kiln-embed` hashes words and character
// trigrams into a unit vector, so texts that share words lie close together.
import type {
  EmbeddingModelV4,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";

export const OFFLINE_PROVIDER = "offline";
export const OFFLINE_LLM = "kiln-echo";
export const OFFLINE_EMBEDDING = "kiln-embed";
export const OFFLINE_EMBEDDING_DIMENSIONS = 256;

/** A rough token count (about four characters per token, as for English with GPT tokenizers). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function partsText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((p): p is { type: "text"; text: string } => p?.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join(" ");
}

/** The last user message's text; a prompt of system messages only is answered from its last one. */
function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i].role === "user") return partsText(prompt[i].content);
  }
  const system = prompt.findLast((m) => m.role === "system");
  return system ? partsText(system.content) : "";
}

function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The reply kiln-echo gives to a prompt: the same prompt always gets the same words. */
export function echoReply(prompt: LanguageModelV4Prompt): string {
  const said = quote(lastUserText(prompt));
  const opening = said ? `You said: "${said}".` : "You did not say anything I can quote.";
  return `${opening} This is kiln-echo, Kiln's offline model: it repeats your message instead of calling an AI provider. Add a model provider in Settings to get real answers.`;
}

interface SchemaShape {
  const?: unknown;
  enum?: unknown[];
  anyOf?: SchemaShape[];
  oneOf?: SchemaShape[];
  type?: string | string[];
  properties?: Record<string, SchemaShape>;
}

/** A value of the right shape for a JSON schema, so structured output works offline too. */
function sampleFor(raw: unknown, text: string): unknown {
  if (!raw || typeof raw !== "object") return text;
  const schema = raw as SchemaShape;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (alternative !== undefined) return sampleFor(alternative, text);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleFor(s, text)]));
    case "array":
      return [];
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return text;
  }
}

function usageOf(prompt: LanguageModelV4Prompt, output: string): LanguageModelV4Usage {
  const input = prompt.reduce((n, m) => n + estimateTokens(partsText(m.content)), 0);
  const out = estimateTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: out, text: out, reasoning: 0 },
  };
}

/** The reply as words (each with its trailing space), cut at maxOutputTokens or a stop sequence. */
function answer(options: LanguageModelV4CallOptions): { words: string[]; finish: "stop" | "length" } {
  let text = echoReply(options.prompt);
  if (options.responseFormat?.type === "json") {
    text = JSON.stringify(sampleFor(options.responseFormat.schema, quote(lastUserText(options.prompt))));
  }
  for (const stop of options.stopSequences ?? []) {
    const at = stop ? text.indexOf(stop) : -1;
    if (at >= 0) text = text.slice(0, at);
  }
  const words = text.match(/\S+\s*/g) ?? [];
  const limit = options.maxOutputTokens;
  if (limit === undefined) return { words, finish: "stop" };
  const kept: string[] = [];
  let tokens = 0;
  for (const w of words) {
    tokens += estimateTokens(w);
    if (tokens > limit) return { words: kept, finish: "length" };
    kept.push(w);
  }
  return { words: kept, finish: "stop" };
}

export function createOfflineLanguageModel(modelId = OFFLINE_LLM): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const { words, finish } = answer(options);
      const text = words.join("");
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: finish, raw: finish },
        usage: usageOf(options.prompt, text),
        response: { id: `offline-${Date.now().toString(36)}`, modelId, timestamp: new Date() },
        warnings: [],
      };
    },
    async doStream(options) {
      const { words, finish } = answer(options);
      const usage = usageOf(options.prompt, words.join(""));
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: `offline-${Date.now().toString(36)}`, modelId, timestamp: new Date() },
        { type: "text-start", id: "0" },
        ...words.map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "0", delta })),
        { type: "text-end", id: "0" },
        { type: "finish", usage, finishReason: { unified: finish, raw: finish } },
      ];
      let next = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        pull(controller) {
          if (options.abortSignal?.aborted) return controller.error(options.abortSignal.reason);
          if (next < parts.length) controller.enqueue(parts[next++]);
          else controller.close();
        },
      });
      return { stream };
    },
  };
}

// Function words carry little meaning; down-weighting them keeps unrelated sentences apart.
const STOPWORDS = new Set(
  "a an and are as at be but by for from has have he her his i in is it its me my not of on or our she so that the their them they this to was we were what when which who will with you your".split(
    " ",
  ),
);

const FNV_PRIME = 16777619;
const fnvFrom = (h: number, text: string) => {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
};
/** fnv1a states after the feature prefixes, so a feature's hash is computed without building it. */
const WORD_FNV = fnvFrom(2166136261, "w:");
const TRIGRAM_FNV = fnvFrom(2166136261, "c:");
/** A second, independent hash of the same feature: together with fnv1a it tells features apart. */
const WORD_DJB = Math.imul(Math.imul(5381, 33) + 119, 33) + 58;
const TRIGRAM_DJB = Math.imul(Math.imul(5381, 33) + 99, 33) + 58;
const KEY_SPLIT = 2 ** 21;

/**
 * A deterministic, L2-normalised embedding of `text`: signed feature hashing of words ("w:word")
 * and character trigrams of "#word#" ("c:tri"), each feature weighted once by its sublinear
 * frequency. Features are told apart by two hashes (53 bits) instead of by their strings, so
 * none is ever built: the result equals hashing the strings unless two features of one text
 * collide in both hashes.
 */
export function offlineEmbedding(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  // Key (fnv1a * 2^21 + 21 bits of the second hash) → summed weight, in first-seen order.
  const features = new Map<number, number>();
  const add = (fnv: number, djb: number, weight: number) => {
    const key = (fnv >>> 0) * KEY_SPLIT + ((djb >>> 0) >>> 11);
    features.set(key, (features.get(key) ?? 0) + weight);
  };
  for (const word of text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []) {
    const stop = STOPWORDS.has(word);
    let fnv = WORD_FNV;
    let djb = WORD_DJB;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      fnv = Math.imul(fnv ^ c, FNV_PRIME);
      djb = (Math.imul(djb, 33) + c) | 0;
    }
    add(fnv, djb, stop ? 0.15 : 1);
    if (stop) continue;
    // Trigrams of "#word#", by code unit.
    const n = word.length + 2;
    const at = (i: number) => (i === 0 || i === n - 1 ? 35 : word.charCodeAt(i - 1));
    for (let i = 0; i + 3 <= n; i++) {
      let f = TRIGRAM_FNV;
      let d = TRIGRAM_DJB;
      for (let j = i; j < i + 3; j++) {
        const c = at(j);
        f = Math.imul(f ^ c, FNV_PRIME);
        d = (Math.imul(d, 33) + c) | 0;
      }
      add(f, d, 0.5);
    }
  }
  const v = new Array<number>(dimensions).fill(0);
  for (const [key, weight] of features) {
    const h = Math.floor(key / KEY_SPLIT);
    // Sublinear term frequency: a word said ten times is not ten times as important.
    v[h % dimensions] += (h & 0x80000000 ? -1 : 1) * (weight >= 1 ? 1 + Math.log(weight) : weight);
  }
  const norm = Math.hypot(...v);
  if (norm === 0) {
    // Empty text still gets a unit vector: zero vectors break cosine search.
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

export function createOfflineEmbeddingModel(modelId = OFFLINE_EMBEDDING): EmbeddingModelV4 {
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId,
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    async doEmbed({ values, dimensions }) {
      return {
        embeddings: values.map((value) => offlineEmbedding(value, dimensions ?? OFFLINE_EMBEDDING_DIMENSIONS)),
        usage: { tokens: values.reduce((n, value) => n + estimateTokens(value), 0) },
        warnings: [],
      };
    },
  };
}
