// Dify's SSE transport. Frames and blocking bodies are Python's json.dumps output, so clients
// that compare bytes (or split on ", ") see the same text from Kiln (expected strings are
// json.dumps' own); frames the producer already has share a chunk, the others are not held back.
import { describe, expect, it } from "vitest";
import { pythonJson, SSE_HEADERS, sseResponse } from "../../src/lib/sse";

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

describe("sseResponse framing", () => {
  it("sends the first event at once, then events that are ready together in one chunk, and one that needs a timer in the next", async () => {
    async function* events() {
      yield { event: "workflow_started" };
      yield { event: "node_started" };
      yield { event: "node_finished" };
      await tick();
      yield { event: "workflow_finished" };
    }
    expect(await chunksOf((await sseResponse(events())).body!)).toEqual([
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
    const reader = (await sseResponse(events())).body!.getReader();
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
    const reader = (await sseResponse(events())).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"event": "message", "answer": "partial"}\n\n');
    await expect(reader.read()).rejects.toThrow("provider went away");
  });
});

describe("sseResponse", () => {
  it("answers with the SSE headers (or the caller's) and the first event alone in the first chunk", async () => {
    async function* events() {
      yield { event: "workflow_started" };
      yield { event: "node_started" };
      await tick();
      yield { event: "workflow_finished" };
    }
    const res = await sseResponse(events());
    expect(Object.fromEntries(res.headers)).toMatchObject(Object.fromEntries(Object.entries(SSE_HEADERS).map(([k, v]) => [k.toLowerCase(), v])));
    expect(await chunksOf(res.body!)).toEqual([
      'data: {"event": "workflow_started"}\n\n',
      'data: {"event": "node_started"}\n\n',
      'data: {"event": "workflow_finished"}\n\n',
    ]);
    const custom = await sseResponse(events(), { headers: { "Content-Type": "text/event-stream", "X-Conversation-Id": "c1" } });
    expect(custom.headers.get("x-conversation-id")).toBe("c1");
    await custom.body!.cancel();
  });

  it("waits for a first event the producer does not have yet, and still sends it alone", async () => {
    async function* events() {
      await tick();
      yield { event: "message", answer: "Hi" };
      yield { event: "message_end" };
    }
    expect(await chunksOf((await sseResponse(events())).body!)).toEqual([
      'data: {"event": "message", "answer": "Hi"}\n\n',
      'data: {"event": "message_end"}\n\n',
    ]);
  });

  it("turns a producer that fails before its first event into an errored stream, not a thrown handler", async () => {
    // biome-ignore lint/correctness/useYield: fails before yielding, on purpose
    async function* events(): AsyncGenerator<object> {
      throw new Error("no model configured");
    }
    const res = await sseResponse(events());
    await expect(res.body!.getReader().read()).rejects.toThrow("no model configured");
    async function* none(): AsyncGenerator<object> {}
    expect(await chunksOf((await sseResponse(none())).body!)).toEqual([]);
  });

  it("stops taking events from the producer while the client leaves 64 KB unread, and goes on when it reads", async () => {
    let produced = 0;
    const big = "x".repeat(10_000);
    async function* events() {
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 0));
        produced++;
        yield { event: "message", answer: big };
      }
    }
    const res = await sseResponse(events());
    await new Promise((r) => setTimeout(r, 150));
    expect(produced).toBeGreaterThan(3);
    expect(produced).toBeLessThan(12);
    const chunks = await chunksOf(res.body!);
    expect(produced).toBe(40);
    expect(chunks.join("").split("data: ").length - 1).toBe(40);
  });

  it("on cancel, runs onCancel, closes the producer and stops reading it", async () => {
    let closed = false;
    let produced = 0;
    async function* events() {
      try {
        for (;;) {
          produced++;
          yield { event: "message", answer: "." };
          await tick();
        }
      } finally {
        closed = true;
      }
    }
    let cancelled = 0;
    const res = await sseResponse(events(), { onCancel: () => cancelled++ });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const at = produced;
    await new Promise((r) => setTimeout(r, 30));
    expect(cancelled).toBe(1);
    expect(closed).toBe(true);
    expect(produced).toBe(at);
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
