import { cosineSimilarity, embed, embedMany, generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createOfflineEmbeddingModel,
  createOfflineLanguageModel,
  OFFLINE_EMBEDDING_DIMENSIONS,
  offlineEmbedding,
} from "../../src/models/offline";
import { seededRandom } from "../support/random";

const llm = createOfflineLanguageModel();
const embedder = createOfflineEmbeddingModel();

describe("offline:kiln-echo", () => {
  it("answers generateText by quoting the last user message and saying it is the offline model", async () => {
    const r = await generateText({
      model: llm,
      system: "You are helpful.",
      messages: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { role: "user", content: "What is the capital of France?" },
      ],
    });
    expect(r.text).toContain('"What is the capital of France?"');
    expect(r.text).not.toContain("first question");
    expect(r.text).toMatch(/offline/i);
    expect(r.finishReason).toBe("stop");
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(r.usage.totalTokens).toBe(r.usage.inputTokens! + r.usage.outputTokens!);
  });

  it("gives the same answer to the same prompt and a different one to a different prompt", async () => {
    const a = await generateText({ model: llm, prompt: "hello there" });
    const b = await generateText({ model: llm, prompt: "hello there" });
    const c = await generateText({ model: llm, prompt: "goodbye now" });
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe(c.text);
  });

  it("streams the answer word by word and ends with usage", async () => {
    const r = streamText({ model: llm, prompt: "stream me please" });
    const chunks: string[] = [];
    for await (const chunk of r.textStream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(5);
    const whole = await generateText({ model: llm, prompt: "stream me please" });
    expect(chunks.join("")).toBe(whole.text);
    expect((await r.usage).outputTokens).toBeGreaterThan(0);
    expect(await r.finishReason).toBe("stop");
  });

  it("stops at maxOutputTokens with finish reason length", async () => {
    const r = await generateText({ model: llm, prompt: "a long question about many things", maxOutputTokens: 5 });
    expect(r.finishReason).toBe("length");
    expect(r.usage.outputTokens).toBeLessThanOrEqual(5);
    expect(r.text.length).toBeGreaterThan(0);
  });

  it("answers structured output with JSON of the requested shape", async () => {
    const r = await generateText({
      model: llm,
      prompt: "Extract the city",
      output: Output.object({ schema: z.object({ city: z.string(), count: z.number(), ok: z.boolean() }) }),
    });
    expect(r.output).toEqual({ city: expect.any(String), count: 0, ok: false });
  });
});

describe("offline:kiln-embed", () => {
  it("embeds many texts deterministically into unit vectors", async () => {
    const texts = ["The cat sat on the mat.", "Quarterly revenue grew in Europe.", ""];
    const a = await embedMany({ model: embedder, values: texts });
    const b = await embedMany({ model: embedder, values: texts });
    expect(a.embeddings).toEqual(b.embeddings);
    expect(a.usage.tokens).toBeGreaterThan(0);
    for (const v of a.embeddings) {
      expect(v).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
      expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    }
  });

  it("places texts that share words closer than unrelated texts", async () => {
    const [query, related, unrelated] = (
      await embedMany({
        model: embedder,
        values: [
          "How do I reset my account password?",
          "To reset a forgotten password, open account settings and choose reset.",
          "The orchestra performed Beethoven's ninth symphony last night.",
        ],
      })
    ).embeddings;
    const near = cosineSimilarity(query, related);
    const far = cosineSimilarity(query, unrelated);
    expect(near).toBeGreaterThan(far + 0.2);
    expect(near).toBeGreaterThan(0.3);
  });

  it("matches word variants through shared character trigrams", async () => {
    const [a, b, c] = (await embedMany({ model: embedder, values: ["embedding vectors", "embeddings vector", "banana bread"] }))
      .embeddings;
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c));
    expect(cosineSimilarity(a, b)).toBeGreaterThan(0.4);
  });

  it("works with embed for a single value", async () => {
    const { embedding } = await embed({ model: embedder, value: "ping" });
    expect(embedding).toHaveLength(OFFLINE_EMBEDDING_DIMENSIONS);
  });
});

describe("offlineEmbedding", () => {
  // The embedding as first defined, hashing each feature's string: vectors already stored by
  // earlier versions must keep matching the queries embedded now.
  const STOP = new Set(
    "a an and are as at be but by for from has have he her his i in is it its me my not of on or our she so that the their them they this to was we were what when which who will with you your".split(" "),
  );
  function fnv1a(text: string): number {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }
  function byStrings(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
    const features = new Map<string, number>();
    const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
    for (const word of text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []) {
      const stop = STOP.has(word);
      add(`w:${word}`, stop ? 0.15 : 1);
      if (stop) continue;
      const padded = `#${word}#`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.5);
    }
    const v = new Array<number>(dimensions).fill(0);
    for (const [feature, weight] of features) {
      const h = fnv1a(feature);
      v[h % dimensions] += (h & 0x80000000 ? -1 : 1) * (weight >= 1 ? 1 + Math.log(weight) : weight);
    }
    const norm = Math.hypot(...v);
    if (norm === 0) {
      v[0] = 1;
      return v;
    }
    return v.map((x) => x / norm);
  }

  it("equals string-keyed feature hashing, bit for bit, on varied text", () => {
    const alphabet = [..."abcdefghijklmnopqrstuvwxyzéüßøñ0123456789", "日", "本", "語", "한", "국", "😀", "𝔘", "Ω", "Ж"];
    const rand = seededRandom(7);
    const texts = [
      "",
      "   ",
      "The cat and the hat. THE CAT!",
      "Refunds take five business days; invoices are sent monthly.",
      "ｆｕｌｌｗｉｄｔｈ ＡＢＣ ligature ﬁle",
      "a an the",
      "x",
    ];
    for (let t = 0; t < 200; t++) {
      const words = Array.from({ length: 1 + rand(120) }, () => {
        if (rand(5) === 0) return [...STOP][rand(STOP.size)];
        return Array.from({ length: 1 + rand(12) }, () => alphabet[rand(alphabet.length)]).join("");
      });
      texts.push(words.join(rand(3) === 0 ? "\n" : " "));
    }
    for (const text of texts) {
      expect(offlineEmbedding(text), text).toEqual(byStrings(text));
      expect(offlineEmbedding(text, 64), text).toEqual(byStrings(text, 64));
    }
  });

  it("scans plain ASCII text to the same vector, and keeps it across long and short texts", () => {
    const rand = seededRandom(11);
    const ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.,;:!?()[]{}#*/\\ \t\n";
    const randomText = (chars: number) => Array.from({ length: chars }, () => ascii[rand(ascii.length)]).join("");
    // A long text grows the reused feature table mid-text; the short ones after it reuse it.
    const texts = [randomText(60_000), "The cat and the hat.", randomText(300), "9 lives, 1 cat", randomText(60_000), "x"];
    for (let t = 0; t < 100; t++) texts.push(randomText(1 + rand(3000)));
    for (const text of texts) expect(offlineEmbedding(text), text.slice(0, 80)).toEqual(byStrings(text));
  });
});
