import { describe, expect, it } from "vitest";
import { rememberOriginal, takeOriginal } from "../../src/knowledge/recent-originals";

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe("recent originals", () => {
  it("hands a remembered original back once, and only when it is whole", () => {
    rememberOriginal("a", bytes(10, 7));
    expect(takeOriginal("a", 10)).toEqual(bytes(10, 7));
    expect(takeOriginal("a", 10)).toBeNull();
    rememberOriginal("b", bytes(10));
    // A copy of another size than the document records is not trusted (and is dropped).
    expect(takeOriginal("b", 11)).toBeNull();
    expect(takeOriginal("b", 10)).toBeNull();
    expect(takeOriginal("never", 1)).toBeNull();
  });

  it("skips files over 2 MB and evicts the oldest beyond 16 MB", () => {
    rememberOriginal("big", bytes(2 * 1024 * 1024 + 1));
    expect(takeOriginal("big", 2 * 1024 * 1024 + 1)).toBeNull();
    const mb = 1024 * 1024;
    for (let i = 0; i < 18; i++) rememberOriginal(`f${i}`, bytes(mb, i));
    expect(takeOriginal("f0", mb)).toBeNull();
    expect(takeOriginal("f1", mb)).toBeNull();
    expect(takeOriginal("f2", mb)).toEqual(bytes(mb, 2));
    expect(takeOriginal("f17", mb)).toEqual(bytes(mb, 17));
  });
});
