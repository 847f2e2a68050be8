import { describe, expect, it } from "vitest";
import { ByteGate } from "../../src/lib/byte-gate";

/** A task that records when it runs and finishes when released. */
function task(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
  };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe("byte gate", () => {
  it("runs small tasks side by side, holds a big one until the budget frees, and keeps arrival order", async () => {
    const gate = new ByteGate(10);
    const log: string[] = [];
    const [a, b, big, c] = [task(log, "a"), task(log, "b"), task(log, "big"), task(log, "c")];
    const results = [gate.run(3, a.run), gate.run(3, b.run), gate.run(8, big.run), gate.run(1, c.run)];
    await turns();
    // a and b fit (6 of 10); big does not, and c, though it would fit, waits behind it.
    expect(log).toEqual(["start a", "start b"]);
    a.release();
    await turns();
    expect(log).toEqual(["start a", "start b", "end a"]);
    b.release();
    await turns();
    // With nothing running, big starts; c (8 + 1 ≤ 10) starts beside it.
    expect(log).toEqual(["start a", "start b", "end a", "end b", "start big", "start c"]);
    big.release();
    c.release();
    expect(await Promise.all(results)).toEqual(["a", "b", "big", "c"]);
  });

  it("runs a task bigger than the whole budget alone, and frees its share when it fails", async () => {
    const gate = new ByteGate(10);
    const log: string[] = [];
    const huge = task(log, "huge");
    const small = task(log, "small");
    const first = gate.run(50, huge.run);
    const second = gate.run(1, small.run);
    await turns();
    expect(log).toEqual(["start huge"]);
    huge.release();
    await first;
    await turns();
    expect(log).toEqual(["start huge", "end huge", "start small"]);
    small.release();
    await second;
    await expect(gate.run(5, async () => Promise.reject(new Error("parser broke")))).rejects.toThrow("parser broke");
    // The failed task's bytes are back: a full-budget task starts at once.
    const full = task(log, "full");
    const last = gate.run(10, full.run);
    await turns();
    expect(log.at(-1)).toBe("start full");
    full.release();
    await last;
  });
});
