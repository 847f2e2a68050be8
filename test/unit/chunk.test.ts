import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chunkDocument, previewChunks, splitText } from "../../src/knowledge/chunk";
import { cleanText } from "../../src/knowledge/clean";
import { processRuleSchema, resolveRule } from "../../src/knowledge/process-rule";
import { allNarrow, estimateTokens, tokenUnits } from "../../src/knowledge/tokens";

const VOCABULARY = (
  "edge worker queue dataset segment retrieval vector embedding index latency cache region durable " +
  "object binding request response stream token model prompt answer question knowledge document chunk " +
  "parent child overlap separator markdown heading table list paragraph sentence"
).split(" ");

/** Deterministic Markdown: headings, paragraphs of sentences, blank lines between blocks. */
function markdown(targetChars: number, seed = 7): string {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const blocks: string[] = [];
  let size = 0;
  for (let section = 1; size < targetChars; section++) {
    const block: string[] = [`## Section ${section}`];
    for (let p = 0, paragraphs = 1 + next(4); p < paragraphs; p++) {
      const sentences: string[] = [];
      for (let s = 0, n = 2 + next(5); s < n; s++) {
        const words = Array.from({ length: 5 + next(12) }, () => VOCABULARY[next(VOCABULARY.length)]);
        sentences.push(`${words.join(" ")} ${section}.${p}.${s}.`);
      }
      block.push(sentences.join(" "));
    }
    const text = block.join("\n\n");
    blocks.push(text);
    size += text.length + 2;
  }
  return blocks.join("\n\n");
}

/**
 * Asserts the chunks are slices of `text` in order whose union covers every character except
 * whitespace (and `separator`) between them; returns each chunk's [start, end).
 */
function expectCoverage(text: string, chunks: string[], separator = "") {
  const ranges: [number, number][] = [];
  let reach = 0;
  let from = 0;
  for (const chunk of chunks) {
    const start = text.indexOf(chunk, from);
    expect(start, `chunk not found in order: ${chunk.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
    let gap = text.slice(reach, Math.max(reach, start));
    if (separator) gap = gap.replaceAll(separator, "");
    expect(gap.trim(), "text lost between chunks").toBe("");
    ranges.push([start, start + chunk.length]);
    reach = Math.max(reach, start + chunk.length);
    from = start + 1;
  }
  let tail = text.slice(reach);
  if (separator) tail = tail.replaceAll(separator, "");
  expect(tail.trim(), "text lost at the end").toBe("");
  return ranges;
}

describe("estimateTokens", () => {
  it("counts about four Latin characters per token and one token per CJK, Kana or Hangul character", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("a")).toBe(1);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(estimateTokens("知识库")).toBe(3);
    expect(estimateTokens("カタカナ")).toBe(4);
    expect(estimateTokens("한국어")).toBe(3);
    expect(estimateTokens("Kiln 知识库")).toBe(2 + 3);
    expect(estimateTokens("hello world, this is a test")).toBe(7);
  });
});

describe("cleanText", () => {
  const off = { removeExtraSpaces: false, removeUrlsEmails: false };

  it("always normalises line ends and drops control characters, U+FFFE and chat-template markers", () => {
    expect(cleanText("a\r\nb\rc", off)).toBe("a\nb\nc");
    expect(cleanText("x\u0000y\u0007z\u001b\u007f\ufffe!", off)).toBe("xyz!");
    expect(cleanText("tab\tand\nnewline stay", off)).toBe("tab\tand\nnewline stay");
    expect(cleanText("<|im_start|>system", off)).toBe("<im_start>system");
    expect(cleanText("naïve ¿qué? ¾", off)).toBe("naïve ¿qué? ¾");
  });

  it("collapses three or more newlines and runs of horizontal whitespace when remove_extra_spaces is on", () => {
    const r = { removeExtraSpaces: true, removeUrlsEmails: false };
    expect(cleanText("a\n\n\n\nb\n\nc\nd", r)).toBe("a\n\nb\n\nc\nd");
    expect(cleanText("a  b\t\tc \u3000d\u00a0 e f", r)).toBe("a b c d e f");
    expect(cleanText("a  b\n\n\n\nc", off)).toBe("a  b\n\n\n\nc");
  });

  it("removes URLs and e-mail addresses but keeps Markdown image URLs when remove_urls_emails is on", () => {
    const r = { removeExtraSpaces: false, removeUrlsEmails: true };
    const text =
      "Mail ops@example.com or see https://example.com/docs?a=1 (and http://x.io/a).\n" +
      "![diagram](https://cdn.example.com/img/arch.png) and [link](https://example.com/page)";
    expect(cleanText(text, r)).toBe(
      "Mail  or see  (and ).\n![diagram](https://cdn.example.com/img/arch.png) and [link]()",
    );
    expect(cleanText(text, off)).toBe(text);
  });
});

describe("splitText", () => {
  const doc = markdown(40_000);

  it("keeps every word, in order, in chunks within the token limit", () => {
    const chunks = splitText(doc, { separator: "\n\n", maxTokens: 200, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) {
      expect(c).toBe(c.trim());
      expect(c.length).toBeGreaterThan(0);
      expect(estimateTokens(c)).toBeLessThanOrEqual(200);
    }
    const ranges = expectCoverage(doc, chunks, "\n\n");
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThanOrEqual(ranges[i - 1][1]);
    expect(chunks.join(" ").split(/\s+/)).toEqual(doc.split(/\s+/));
  });

  it("merges small pieces up to the limit, so chunks are reasonably full", () => {
    const chunks = splitText(doc, { separator: "\n\n", maxTokens: 500, overlap: 0 });
    const tokens = chunks.map(estimateTokens);
    const average = tokens.reduce((a, b) => a + b, 0) / tokens.length;
    expect(average).toBeGreaterThan(300);
  });

  it("starts each chunk with text from the end of the previous one when an overlap is set", () => {
    const chunks = splitText(doc, { separator: "\n", maxTokens: 120, overlap: 30 });
    const ranges = expectCoverage(doc, chunks, "\n");
    let overlapping = 0;
    for (let i = 1; i < chunks.length; i++) {
      expect(estimateTokens(chunks[i])).toBeLessThanOrEqual(120);
      const shared = ranges[i - 1][1] - ranges[i][0];
      if (shared > 0) {
        overlapping++;
        expect(estimateTokens(doc.slice(ranges[i][0], ranges[i - 1][1]))).toBeLessThanOrEqual(30);
        // Overlap begins at a word boundary.
        expect(/\s/.test(doc[ranges[i][0] - 1])).toBe(true);
      }
    }
    expect(overlapping).toBeGreaterThan(chunks.length * 0.8);
  });

  it("prefers the user's separator: pieces that fit are never cut inside", () => {
    const text = ["alpha one two three", "beta four five six", "gamma seven eight nine"].join("###");
    expect(splitText(text, { separator: "###", maxTokens: 8, overlap: 0 })).toEqual([
      "alpha one two three",
      "beta four five six",
      "gamma seven eight nine",
    ]);
    expect(splitText(text, { separator: "###", maxTokens: 50, overlap: 0 })).toEqual([text]);
  });

  it("falls back to sentences, words and finally characters for pieces over the limit", () => {
    const sentences = "One two three four five. Six seven eight nine ten. Eleven twelve thirteen.";
    const bySentence = splitText(sentences, { separator: "\n\n", maxTokens: 8, overlap: 0 });
    expect(bySentence).toEqual(["One two three four five.", "Six seven eight nine ten.", "Eleven twelve thirteen."]);

    const word = "x".repeat(1000);
    const byChar = splitText(`start ${word} end`, { separator: "\n", maxTokens: 50, overlap: 0 });
    for (const c of byChar) expect(estimateTokens(c)).toBeLessThanOrEqual(50);
    expect(byChar.join("")).toBe(`start${word}end`);
  });

  it("splits unspaced CJK text by 。 and by characters, never inside a surrogate pair", () => {
    const cjk = "知识库把文档切成片段。".repeat(40);
    const chunks = splitText(cjk, { separator: "\n", maxTokens: 50, overlap: 0 });
    for (const c of chunks) expect(estimateTokens(c)).toBeLessThanOrEqual(50);
    expect(chunks[0].endsWith("。")).toBe(true);
    expect(chunks.join("")).toBe(cjk);

    const emoji = "😀".repeat(300);
    const pieces = splitText(emoji, { separator: "\n", maxTokens: 50, overlap: 10 });
    for (const p of pieces) {
      expect(estimateTokens(p)).toBeLessThanOrEqual(50);
      expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
  });

  it("returns no chunks for empty or blank text", () => {
    expect(splitText("", { separator: "\n", maxTokens: 100, overlap: 10 })).toEqual([]);
    expect(splitText(" \n\n \t\n", { separator: "\n", maxTokens: 100, overlap: 10 })).toEqual([]);
    expect(splitText("\n\nhello\n\n", { separator: "\n", maxTokens: 100, overlap: 10 })).toEqual(["hello"]);
  });
});

describe("chunkDocument", () => {
  const rule = (input: unknown) => resolveRule(processRuleSchema.parse(input));

  it("cleans, then splits by the automatic rule into flat segments", () => {
    const text = `${markdown(20_000)}\n\n\n\n\nContact   me at someone@example.com`;
    const chunks = chunkDocument(text, resolveRule(null));
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.children).toBeNull();
      expect(c.tokens).toBe(estimateTokens(c.content));
      expect(c.tokens).toBeLessThanOrEqual(500);
    }
    expect(chunks.at(-1)!.content).toContain("Contact me at someone@example.com");
    expect(chunks.some((c) => c.content.includes("\n\n\n"))).toBe(false);
  });

  it("builds paragraph parents by segmentation, each with children by the sub-chunk rule", () => {
    const text = markdown(30_000);
    const chunks = chunkDocument(
      text,
      rule({
        mode: "hierarchical",
        rules: {
          pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }],
          segmentation: { separator: "\\n\\n", max_tokens: 400 },
          parent_mode: "paragraph",
          subchunk_segmentation: { separator: ". ", max_tokens: 60, chunk_overlap: 0 },
        },
      }),
    );
    expect(chunks.length).toBeGreaterThan(10);
    expectCoverage(
      text,
      chunks.map((c) => c.content),
      "\n\n",
    );
    for (const parent of chunks) {
      expect(parent.tokens).toBeLessThanOrEqual(400);
      expect(parent.children!.length).toBeGreaterThan(0);
      for (const child of parent.children!) expect(child.tokens).toBeLessThanOrEqual(60);
      expectCoverage(
        parent.content,
        parent.children!.map((c) => c.content),
        ". ",
      );
    }
  });

  it("uses the whole document as the one parent in full-doc mode", () => {
    const text = markdown(8_000);
    const chunks = chunkDocument(
      text,
      rule({
        mode: "hierarchical",
        rules: { parent_mode: "full-doc", subchunk_segmentation: { separator: "\\n", max_tokens: 100 } },
      }),
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0].content).toBe(text.trim());
    expect(chunks[0].children!.length).toBeGreaterThan(10);
    expectCoverage(
      text,
      chunks[0].children!.map((c) => c.content),
      "\n",
    );
  });

  it("splits a full-doc parent over 10,000 tokens into several parents instead of truncating", () => {
    const text = markdown(100_000);
    const chunks = chunkDocument(text, rule({ mode: "hierarchical", rules: { parent_mode: "full-doc" } }));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(10_000);
    expectCoverage(
      text,
      chunks.map((c) => c.content),
    );
  });
});

describe("previewChunks", () => {
  it("returns the first chunks with the count and tokens of the whole document", () => {
    const text = markdown(50_000);
    const rule = resolveRule(null);
    const all = chunkDocument(text, rule);
    const preview = previewChunks(text, rule, 3);
    expect(preview.chunks).toEqual(all.slice(0, 3));
    expect(preview.total).toBe(all.length);
    expect(preview.totalTokens).toBe(all.reduce((n, c) => n + c.tokens, 0));
    expect(previewChunks(text, rule).chunks).toHaveLength(10);
  });
});

describe("chunking speed", () => {
  it("chunks 5 MB of Markdown quickly (sanity bound; the figure is printed)", async () => {
    const text = markdown(5 * 1024 * 1024, 11);
    const rules = {
      automatic: resolveRule(null),
      hierarchical: resolveRule(processRuleSchema.parse({ mode: "hierarchical" })),
    };
    for (const [name, rule] of Object.entries(rules)) {
      // workerd only advances the clock across I/O, so a D1 round trip brackets the measured work.
      await env.DB.prepare("SELECT 1").first();
      const started = performance.now();
      const chunks = chunkDocument(text, rule);
      await env.DB.prepare("SELECT 1").first();
      const ms = performance.now() - started;
      console.log(`chunked ${(text.length / 1048576).toFixed(1)} MB (${name}) into ${chunks.length} chunks in ${ms.toFixed(0)} ms`);
      expect(chunks.length).toBeGreaterThan(1000);
      expect(ms).toBeLessThan(5000);
    }
  });
});

describe("narrow text fast path", () => {
  // Code units on each side of every wide range's edges.
  const EDGES = [0x41, 0x10ff, 0x1100, 0x11ff, 0x1200, 0x2e7f, 0x2e80, 0x9fff, 0xa000, 0xa95f, 0xa960, 0xa97f, 0xa980, 0xabff, 0xac00, 0xd7ff, 0xd800, 0xf8ff, 0xf900, 0xfaff, 0xfb00, 0xfeff, 0xff00, 0xffef, 0xfff0];

  it("calls a text narrow exactly when every code unit weighs one quarter token", () => {
    for (const c of EDGES) {
      const text = `ab${String.fromCharCode(c)}cd`;
      expect(allNarrow(text), c.toString(16)).toBe(tokenUnits(text) === text.length);
    }
  });

  it("sizes chunks of narrow and wide documents the same as the general estimate", () => {
    const rule = resolveRule(processRuleSchema.parse({ mode: "custom", rules: { pre_processing_rules: [], segmentation: { separator: "\n", max_tokens: 60, chunk_overlap: 8 } } }));
    const ascii = Array.from({ length: 400 }, (_, i) => VOCABULARY[(i * 7) % VOCABULARY.length] + (i % 9 === 0 ? ".\n" : " ")).join("");
    const mixed = ascii.replaceAll("token", "トークン").replaceAll("model", "模型");
    for (const text of [ascii, mixed]) {
      const chunks = chunkDocument(text, rule);
      expect(chunks.length).toBeGreaterThan(5);
      for (const c of chunks) {
        expect(c.tokens).toBe(estimateTokens(c.content));
        expect(c.tokens).toBeLessThanOrEqual(60);
      }
    }
  });
});
