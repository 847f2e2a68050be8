import { cosineSimilarity, embed, embedMany, generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createOfflineEmbeddingModel,
  createOfflineLanguageModel,
  OFFLINE_EMBEDDING_DIMENSIONS,
} from "../../src/models/offline";

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
