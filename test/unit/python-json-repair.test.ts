// Python sandbox: the json_repair package as Dify code nodes call it on a model's answer. Expected
// values follow json_repair's documented behaviour: valid JSON as it is (re-dumped), a broken
// object or list mended, leading prose and fences skipped, "" when nothing can be read.
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";

const run = (body: string, inputs: Record<string, unknown> = {}) => runPython(`import json_repair\nimport json\n\ndef main(s=""):\n${body}\n`, inputs);

describe("Python sandbox: json_repair", () => {
  it("runs a real export's code node: repair_json(llm_string, ensure_ascii=False)", async () => {
    const code = "    return {'result': json_repair.repair_json(s, ensure_ascii=False)}";
    expect(await run(code, { s: "{'名前': 'Kiln', 'tags': ['a', 'b',], count: 3" })).toEqual({ result: '{"名前": "Kiln", "tags": ["a", "b"], "count": 3}' });
    expect(await run(code, { s: '{"ok":true}' })).toEqual({ result: '{"ok": true}' });
  });

  it("skips prose and a fence before the value, and what follows its end", async () => {
    const code = "    return {'obj': json_repair.loads(s), 'text': json_repair.repair_json(s)}";
    const answer = 'Sure! Here it is:\n```json\n{"city": "Lyon", "days": [1, 2]}\n```\nAnything else?';
    expect(await run(code, { s: answer })).toEqual({ obj: { city: "Lyon", days: [1, 2] }, text: '{"city": "Lyon", "days": [1, 2]}' });
  });

  it("answers the object with return_objects=True, and escapes non-ASCII by default", async () => {
    const code = "    o = json_repair.repair_json(s, return_objects=True)\n    return {'type': type(o).__name__, 'n': o['n'] + 1, 'text': json_repair.repair_json(s)}";
    expect(await run(code, { s: '{"n": 41, "word": "été"' })).toEqual({ type: "dict", n: 42, text: '{"n": 41, "word": "\\u00e9t\\u00e9"}' });
  });

  it('answers "" for text with nothing to read, so json.loads of it fails as in Python', async () => {
    const code = "    r = json_repair.repair_json(s)\n    try:\n        json.loads(r)\n        ok = True\n    except json.JSONDecodeError:\n        ok = False\n    return {'r': r, 'ok': ok, 'loads': json_repair.loads(s)}";
    expect(await run(code, { s: "no json here" })).toEqual({ r: "", ok: false, loads: "" });
  });

  it("passes json.dumps options through (indent, sort_keys)", async () => {
    const code = "    return {'r': json_repair.repair_json(s, indent=2, sort_keys=True)}";
    expect(await run(code, { s: '{"b": 1, "a": [true,]}' })).toEqual({ r: '{\n  "a": [\n    true\n  ],\n  "b": 1\n}' });
  });
});
