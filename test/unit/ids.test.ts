import { describe, expect, it } from "vitest";
import { fromBase64, sha256Hex, toBase64 } from "../../src/lib/crypto";
import { toHex } from "../../src/lib/hex";
import { idTime, newId } from "../../src/lib/ids";
import { youngRunDeadline } from "../../src/workflow/run-records";

describe("ids and hex", () => {
  it("formats bytes as lowercase hex, with a range", () => {
    expect(toHex(new Uint8Array([0, 15, 16, 171, 255]))).toBe("000f10abff");
    expect(toHex(new Uint8Array([1, 2, 3, 4]), 1, 3)).toBe("0203");
    expect(toHex(new Uint8Array([]))).toBe("");
  });

  it("encodes and decodes base64 as btoa and atob do, at every padding length", () => {
    expect(toBase64(new Uint8Array([1, 2, 250, 255]))).toBe("AQL6/w==");
    expect(Array.from(fromBase64("AQL6/w=="))).toEqual([1, 2, 250, 255]);
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n * 31) & 255);
      const viaBtoa = btoa(String.fromCharCode(...bytes));
      expect(toBase64(bytes)).toBe(viaBtoa);
      expect(Array.from(fromBase64(viaBtoa))).toEqual(Array.from(bytes));
    }
  });

  it("hashes with SHA-256 as the standard test vectors say", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex(new Uint8Array([]))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("makes UUID v7 ids that carry their time and never repeat across the random pool's refills", () => {
    const at = Date.UTC(2026, 10, 27, 10, 0, 0);
    const ids = Array.from({ length: 1000 }, () => newId(at));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number.parseInt(ids[0].replace("-", "").slice(0, 12), 16)).toBe(at);
    expect(newId(at + 1) > newId(at)).toBe(true);
  });

  it("reads the time back from a UUID v7, and nothing from any other id", () => {
    const at = Date.UTC(2026, 10, 29, 3, 0, 0);
    expect(idTime(newId(at))).toBe(at);
    expect(idTime(newId(at).toUpperCase())).toBe(at);
    expect(idTime("01a22545-3ee3-47a5-8000-000000000000")).toBeNull(); // v4
    expect(idTime("not-an-id")).toBeNull();
  });
});

describe("how long a run lookup waits for the run's row", () => {
  const now = Date.UTC(2026, 10, 29, 3, 0, 0);
  it("waits for an id minted a moment ago, never longer than it used to", () => {
    const just = youngRunDeadline(newId(now - 100), now);
    expect(just).toBeGreaterThan(now);
    expect(just).toBeLessThanOrEqual(now + 1_500);
  });
  it("answers at once for an old id, one from the future, a nil id or a non-UUID", () => {
    expect(youngRunDeadline(newId(now - 60_000), now)).toBeLessThanOrEqual(now);
    expect(youngRunDeadline(newId(now + 60_000), now)).toBe(0);
    expect(youngRunDeadline("00000000-0000-7000-8000-000000000000", now)).toBeLessThanOrEqual(now);
    expect(youngRunDeadline("run-1", now)).toBe(0);
  });
});
