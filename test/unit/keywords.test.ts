import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { extractKeywords, ftsMatchQuery } from "../../src/knowledge/keywords";
import { forEachAsciiWord, isAscii } from "../../src/lib/ascii-words";
import { seededRandom } from "../support/random";

describe("extractKeywords", () => {
  it("ranks lower-cased terms by frequency, skipping stopwords and one-letter tokens", () => {
    const text =
      "The Worker reads the queue. A worker acks the queue message; the WORKER retries a failed message. " +
      "Queues and workers: x y z.";
    expect(extractKeywords(text, 3)).toEqual(["worker", "queue", "message"]);
    const all = extractKeywords(text, 50);
    for (const stop of ["the", "a", "and", "x"]) expect(all).not.toContain(stop);
    expect(all).toContain("queues");
  });

  it("breaks ties by first appearance and honours the limit", () => {
    expect(extractKeywords("delta alpha delta alpha beta", 10)).toEqual(["delta", "alpha", "beta"]);
    expect(extractKeywords("one two three four five six seven", 2)).toEqual(["one", "two"]);
    expect(extractKeywords("anything at all", 0)).toEqual([]);
    expect(extractKeywords("")).toEqual([]);
  });

  it("indexes unspaced CJK runs as bigrams and keeps accented words whole", () => {
    const keywords = extractKeywords("知识库检索。知识库切分。Café naïve café", 10);
    expect(keywords.slice(0, 3)).toEqual(["知识", "识库", "café"]);
    expect(keywords).toContain("检索");
    expect(keywords).toContain("naïve");
  });

  it("finds the same words in ASCII text as the Unicode word pattern does", () => {
    const rand = seededRandom(5);
    const chars = "aaeeiioouubcdfghjklmnpqrstvwxyzAEIOUTHE0123456789_-'.,;:!?#* \t\n";
    for (let t = 0; t < 100; t++) {
      const text = Array.from({ length: rand(2000) }, () => chars[rand(chars.length)]).join("");
      const found: string[] = [];
      forEachAsciiWord(text, (start, end) => found.push(text.slice(start, end)));
      expect(found).toEqual(text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []);
      // A one-letter non-ASCII word is never a keyword but sends the text down the regex path.
      expect(extractKeywords(text, 10)).toEqual(extractKeywords(`${text} é`, 10));
    }
    expect(isAscii("plain text 123")).toBe(true);
    expect(isAscii("café")).toBe(false);
    expect(isAscii("😀")).toBe(false);
  });
});

describe("ftsMatchQuery", () => {
  it("quotes each searchable word and ORs them, dropping stopwords", () => {
    expect(ftsMatchQuery("How do I configure the Queue retries?")).toBe('"configure" OR "queue" OR "retries"');
    expect(ftsMatchQuery("queue queue QUEUE")).toBe('"queue"');
    expect(ftsMatchQuery("知识库 检索")).toBe('"知识库" OR "检索"');
  });

  it("keeps stopwords when the query has nothing else", () => {
    expect(ftsMatchQuery("the and or")).toBe('"the" OR "and" OR "or"');
  });

  it("returns null when nothing is searchable", () => {
    for (const q of ["", "   ", '"', "()*-:^", "😀🔥", "+++ --- ***"]) expect(ftsMatchQuery(q)).toBeNull();
  });

  it("turns FTS5 operators typed by the user into plain words", () => {
    expect(ftsMatchQuery('kiln AND "edge" NEAR(worker, 2) -d1 col:value pre* ^start')).toBe(
      '"kiln" OR "edge" OR "near" OR "worker" OR "2" OR "d1" OR "col" OR "value" OR "pre" OR "start"',
    );
  });

  describe("against a real FTS5 table", () => {
    beforeAll(async () => {
      await env.DB.exec(
        "CREATE VIRTUAL TABLE IF NOT EXISTS t_fts_test USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')",
      );
      await env.DB.prepare("DELETE FROM t_fts_test").run();
      await env.DB.batch(
        [
          "Configuring queue retries for the ingest worker",
          "Café menus and naïve résumés",
          "NEAR and AND are operators in FTS5",
          "知识库 检索",
        ].map((content) => env.DB.prepare("INSERT INTO t_fts_test (content) VALUES (?)").bind(content)),
      );
    });

    const search = async (query: string) => {
      const match = ftsMatchQuery(query);
      if (match === null) return [];
      const { results } = await env.DB.prepare("SELECT content FROM t_fts_test WHERE t_fts_test MATCH ? ORDER BY rank")
        .bind(match)
        .all<{ content: string }>();
      return results.map((r) => r.content);
    };

    it("never produces a syntax error, whatever the user types", async () => {
      const adversarial = [
        '"',
        '""',
        '"unterminated',
        "a\"b'c",
        "(",
        ")",
        "((queue)",
        "AND",
        "OR",
        "NOT",
        "queue AND",
        "NEAR",
        "NEAR(a b, 3)",
        "NEAR/2",
        "*",
        "queue*",
        "-queue",
        "content:queue",
        "{content}: queue",
        "^queue",
        "a + b",
        ":::",
        "😀 emoji 👍🏽 family 👨‍👩‍👧",
        "e\u0301",
        "\u0301\u0302",
        "\u0000\u0001 nul",
        "DROP TABLE t_fts_test; --",
        "x".repeat(3000),
        Array.from({ length: 500 }, (_, i) => `w${i}`).join(" "),
        "",
      ];
      for (const q of adversarial) {
        await expect(search(q), `query ${JSON.stringify(q.slice(0, 40))}`).resolves.toBeInstanceOf(Array);
      }
    });

    it("finds rows by stemmed, case- and accent-insensitive terms", async () => {
      expect(await search("how to configure retry?")).toEqual(["Configuring queue retries for the ingest worker"]);
      expect(await search("CAFE resume")).toEqual(["Café menus and naïve résumés"]);
      expect(await search("near")).toEqual(["NEAR and AND are operators in FTS5"]);
      expect(await search("检索")).toEqual(["知识库 检索"]);
    });
  });
});
