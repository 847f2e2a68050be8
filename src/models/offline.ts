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
import { forEachAsciiWord, isAscii } from "../lib/ascii-words";

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

/**
 * The features of one text, keyed by their two hashes (fnv1a, and the top 21 bits of the second),
 * with summed weights in first-seen order: an open-addressed table reused across calls (a call
 * never yields, so one table serves the isolate), emptied by bumping `generation` instead of
 * refilling. Same result as a Map keyed by fnv1a * 2^21 + those bits, without boxing 53-bit keys.
 */
const table = {
  capacity: 0,
  generation: 0,
  stamp: new Uint32Array(0),
  fnv: new Int32Array(0),
  djb: new Int32Array(0),
  weight: new Float64Array(0),
  order: new Int32Array(0),
  size: 0,
};

function allocateTable(capacity: number) {
  const old = { ...table };
  table.capacity = capacity;
  table.stamp = new Uint32Array(capacity);
  table.fnv = new Int32Array(capacity);
  table.djb = new Int32Array(capacity);
  table.weight = new Float64Array(capacity);
  table.order = new Int32Array(capacity);
  table.generation = 1;
  table.size = 0;
  // Growing mid-text: the features so far move over in their first-seen order.
  for (let k = 0; k < old.size; k++) {
    const slot = old.order[k];
    addFeature(old.fnv[slot], old.djb[slot] << 11, old.weight[slot]);
  }
}

function emptyTable() {
  if (table.capacity === 0) return allocateTable(4096);
  table.size = 0;
  table.generation = (table.generation + 1) >>> 0;
  if (table.generation === 0) {
    table.stamp.fill(0);
    table.generation = 1;
  }
}

function addFeature(fnv: number, djb: number, weight: number) {
  // At most half full, so probes stay short.
  if (table.size * 2 >= table.capacity) allocateTable(table.capacity * 2);
  const high = djb >>> 11;
  const mask = table.capacity - 1;
  let slot = (fnv ^ Math.imul(high, 0x9e3779b1)) & mask;
  for (;;) {
    if (table.stamp[slot] !== table.generation) {
      table.stamp[slot] = table.generation;
      table.fnv[slot] = fnv;
      table.djb[slot] = high;
      table.weight[slot] = weight;
      table.order[table.size++] = slot;
      return;
    }
    if (table.fnv[slot] === fnv && table.djb[slot] === high) {
      table.weight[slot] += weight;
      return;
    }
    slot = (slot + 1) & mask;
  }
}

const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

/** Adds the features of the word `s[start, end)`. */
function addWord(s: string, start: number, end: number) {
  const stop = end - start <= LONGEST_STOPWORD && STOPWORDS.has(s.slice(start, end));
  let fnv = WORD_FNV;
  let djb = WORD_DJB;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, FNV_PRIME);
    djb = (Math.imul(djb, 33) + c) | 0;
  }
  addFeature(fnv, djb, stop ? 0.15 : 1);
  if (stop) return;
  // Trigrams of "#word#" (35 is "#"), by code unit: one starting at "#" and at each code unit.
  for (let i = start - 1; i < end - 1; i++) {
    const c0 = i < start ? 35 : s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = i + 2 === end ? 35 : s.charCodeAt(i + 2);
    const f = Math.imul(Math.imul(Math.imul(TRIGRAM_FNV ^ c0, FNV_PRIME) ^ c1, FNV_PRIME) ^ c2, FNV_PRIME);
    const d = (Math.imul((Math.imul((Math.imul(TRIGRAM_DJB, 33) + c0) | 0, 33) + c1) | 0, 33) + c2) | 0;
    addFeature(f, d, 0.5);
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A deterministic, L2-normalised embedding of `text`: signed feature hashing of words ("w:word")
 * and character trigrams of "#word#" ("c:tri"), each feature weighted once by its sublinear
 * frequency. Features are told apart by two hashes (53 bits) instead of by their strings, so
 * none is ever built: the result equals hashing the strings unless two features of one text
 * collide in both hashes.
 */
export function offlineEmbedding(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const lower = text.toLowerCase().normalize("NFKC");
  emptyTable();
  // Words are runs of letters and digits; ASCII text is scanned in place, without substrings.
  if (isAscii(lower)) forEachAsciiWord(lower, (start, end) => addWord(lower, start, end));
  else for (const word of lower.match(WORD) ?? []) addWord(word, 0, word.length);
  const v = new Array<number>(dimensions).fill(0);
  for (let k = 0; k < table.size; k++) {
    const slot = table.order[k];
    const h = table.fnv[slot] >>> 0;
    const weight = table.weight[slot];
    // Sublinear term frequency: a word said ten times is not ten times as important.
    v[h % dimensions] += (h & 0x80000000 ? -1 : 1) * (weight > 1 ? 1 + Math.log(weight) : weight);
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
