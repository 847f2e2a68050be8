// Dify's SSE transport. Frames and blocking bodies are Python's json.dumps output, so clients
// that compare bytes (or split on ", ") see the same text from Kiln (expected strings are
// json.dumps' own); frames the producer already has share a chunk, the others are not held back.
import { describe, expect, it } from "vitest";
import { difySseStream, pythonJson } from "../../src/lib/sse";

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  const out: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(decoder.decode(value));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("difySseStream", () => {
  it("sends the first event at once, then events that are ready together in one chunk, and one that needs a timer in the next", async () => {
    async function* events() {
      yield { event: "workflow_started" };
      yield { event: "node_started" };
      yield { event: "node_finished" };
      await tick();
      yield { event: "workflow_finished" };
    }
    expect(await chunksOf(difySseStream(events()))).toEqual([
      'data: {"event": "workflow_started"}\n\n',
      'data: {"event": "node_started"}\n\ndata: {"event": "node_finished"}\n\n',
      'data: {"event": "workflow_finished"}\n\n',
    ]);
  });

  it("does not hold the first event back while the producer waits", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* events() {
      yield { event: "message", answer: "Hi" };
      await gate;
      yield { event: "message_end" };
    }
    const reader = difySseStream(events()).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"event": "message", "answer": "Hi"}\n\n');
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"event": "message_end"}\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it("delivers the frames it had before the producer failed, then errors the stream", async () => {
    async function* events() {
      yield { event: "message", answer: "partial" };
      throw new Error("provider went away");
    }
    const reader = difySseStream(events()).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"event": "message", "answer": "partial"}\n\n');
    await expect(reader.read()).rejects.toThrow("provider went away");
  });
});

describe("pythonJson", () => {
  it("spaces separators outside strings only", () => {
    expect(pythonJson({ a: 1, b: [1, 2, { c: "x:y,z" }], d: null, e: true })).toBe('{"a": 1, "b": [1, 2, {"c": "x:y,z"}], "d": null, "e": true}');
    expect(pythonJson([])).toBe("[]");
    expect(pythonJson({})).toBe("{}");
    expect(pythonJson([[], {}, [{}]])).toBe("[[], {}, [{}]]");
  });

  it("escapes non-ASCII as \\uXXXX, astral characters as surrogate pairs, keys too", () => {
    expect(pythonJson("héllo 😀")).toBe('"h\\u00e9llo \\ud83d\\ude00"');
    expect(pythonJson({ "kéy": "日本" })).toBe('{"k\\u00e9y": "\\u65e5\\u672c"}');
  });

  it("keeps escapes intact, including quotes and backslashes next to separators", () => {
    expect(pythonJson('quote " and \\ backslash: ok, fine')).toBe('"quote \\" and \\\\ backslash: ok, fine"');
    expect(pythonJson({ 'a"b': "c\\", d: "\n\t" })).toBe('{"a\\"b": "c\\\\", "d": "\\n\\t"}');
  });

  it("writes numbers as Python does for JSON values, drops undefined members, nulls non-finite numbers", () => {
    expect(pythonJson({ n: 1.5, z: 0, big: 1e21, small: 0.1, gone: undefined, inf: Number.POSITIVE_INFINITY })).toBe(
      '{"n": 1.5, "z": 0, "big": 1e+21, "small": 0.1, "inf": null}',
    );
    expect(pythonJson(undefined)).toBe("null");
    expect(pythonJson([undefined, Number.NaN])).toBe("[null, null]");
  });
});
