// The per-isolate cache of what the Service API resolves on every request: fresh for 2.5 s, then
// served while it reloads in the background, and reloaded before use once 5 s old.
import { describe, expect, it } from "vitest";
import { cachedForApp, forgetKey } from "../../src/apps/app-cache";

function caller(start: number) {
  const pending: Promise<unknown>[] = [];
  const c = {
    t: start,
    now: () => c.t,
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    settle: () => Promise.all(pending.splice(0)),
  };
  return c;
}

let n = 0;
const uniqueKey = () => `test:${Date.now()}:${++n}`;

describe("cachedForApp", () => {
  it("serves a fresh entry without loading, a stale one while it reloads in the background, an expired one after reloading", async () => {
    const key = uniqueKey();
    const c = caller(1_000_000);
    let version = 0;
    const load = async () => ({ appId: "app", value: ++version });
    expect(await cachedForApp(key, c, load)).toBe(1);
    c.t += 2_000;
    expect(await cachedForApp(key, c, load)).toBe(1);
    expect(version).toBe(1);
    c.t += 2_000; // 4 s old: stale, served, reloaded once in the background
    expect(await cachedForApp(key, c, load)).toBe(1);
    await cachedForApp(key, c, load);
    await c.settle();
    expect(version).toBe(2); // one background reload for both requests

    expect(await cachedForApp(key, c, load)).toBe(2);
    c.t += 6_000; // past the TTL: the caller waits for the reload
    expect(await cachedForApp(key, c, load)).toBe(3);
  });

  it("drops an entry whose background reload fails, so the next request sees the refusal", async () => {
    const key = uniqueKey();
    const c = caller(2_000_000);
    let revoked = false;
    const load = async () => {
      if (revoked) throw new Error("key revoked");
      return { appId: "app", value: "ok" };
    };
    expect(await cachedForApp(key, c, load)).toBe("ok");
    revoked = true;
    c.t += 4_500;
    expect(await cachedForApp(key, c, load)).toBe("ok");
    await c.settle();
    await expect(cachedForApp(key, c, load)).rejects.toThrow("key revoked");
  });

  it("does not bring back an entry evicted while its reload was in flight", async () => {
    const key = uniqueKey();
    const c = caller(3_000_000);
    let version = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const load = async () => {
      const v = ++version;
      if (v === 2) await gate;
      return { appId: "app", value: v };
    };
    expect(await cachedForApp(key, c, load)).toBe(1);
    c.t += 4_500;
    expect(await cachedForApp(key, c, load)).toBe(1);
    // A second request while the reload is in flight is served too, without another reload.
    expect(await cachedForApp(key, c, load)).toBe(1);
    expect(version).toBe(2);
    forgetKey(key);
    release();
    await c.settle();
    expect(await cachedForApp(key, c, load)).toBe(3);
  });
});
