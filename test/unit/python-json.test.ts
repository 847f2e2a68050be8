// Dify's SSE frames and blocking bodies are Python's json.dumps output; clients that compare
// bytes (or split on ", ") see the same text from Kiln. Expected strings are json.dumps' own.
import { describe, expect, it } from "vitest";
import { pythonJson } from "../../src/lib/sse";

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
