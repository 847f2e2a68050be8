// A model's JSON reply as the nodes read it: strictly for the parameter extractor and the question
// classifier, and mended for an LLM node's structured output, as Dify reads that with json_repair.
import { describe, expect, it } from "vitest";
import { parseJsonObject } from "../../src/workflow/nodes/model/invoke";

describe("a model's JSON reply", () => {
  it("finds the object bare, fenced or inside prose", () => {
    expect(parseJsonObject('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonObject('Here:\n```json\n{"a": 2}\n```')).toEqual({ a: 2 });
    expect(parseJsonObject('Sure! {"a": 3} Anything else?')).toEqual({ a: 3 });
    expect(parseJsonObject("[1, 2]")).toBeNull();
  });

  it("mends a reply with a slip only when asked, taking a list's first object", () => {
    const slip = '{"name": "Ada", "age": 36,}';
    expect(parseJsonObject(slip)).toBeNull();
    expect(parseJsonObject(slip, { repair: true })).toEqual({ name: "Ada", age: 36 });
    expect(parseJsonObject("{'name': 'Ada' 'age': 36}", { repair: true })).toEqual({ name: "Ada", age: 36 });
    expect(parseJsonObject('[{"a": 1}, {"b": 2}]', { repair: true })).toEqual({ a: 1 });
    expect(parseJsonObject("no JSON here", { repair: true })).toBeNull();
  });
});
