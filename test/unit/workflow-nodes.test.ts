// Each logic node through the engine (start → node): its Dify outputs, and the errors it gives
// for bad settings or bad values.
import { describe, expect, it } from "vitest";
import { VariablePool } from "../../src/workflow/variables";
import type { RunWorkflowInput } from "../../src/workflow/engine";
import { NODES } from "../../src/workflow/nodes";
import { type Collected, graphOf, type NodeSpec, runGraph } from "./workflow-support";

const start = { id: "start", type: "start", variables: [] };

/** Runs start → `node` (→ extra nodes in a chain) and returns the run. */
function runNode(node: { type: string; [key: string]: unknown }, options: Partial<RunWorkflowInput> = {}): Promise<Collected> {
  const chain: NodeSpec[] = [start, { id: "x", title: "X", ...node }];
  return runGraph(
    graphOf(
      chain,
      chain.slice(1).map((n, i) => [chain[i].id, n.id] as [string, string]),
    ),
    options,
  );
}

const outputsOf = async (...args: Parameters<typeof runNode>) => {
  const run = await runNode(...args);
  if (run.finished.status !== "succeeded") throw new Error(`run ${run.finished.status}: ${run.finished.error}`);
  return run.finishedNode("x").outputs;
};

const errorOf = async (...args: Parameters<typeof runNode>) => {
  const run = await runNode(...args);
  expect(run.finished.status).toBe("failed");
  return run.finished.error;
};

describe("the node registry", () => {
  it("has every Dify node type Kiln runs, including the legacy variable-assigner name", () => {
    expect([...NODES.keys()].sort()).toEqual(
      [
        "agent", "answer", "assigner", "code", "document-extractor", "end", "http-request", "human-input", "if-else", "iteration", "iteration-start",
        "knowledge-retrieval", "list-operator", "llm", "loop", "loop-end", "loop-start", "parameter-extractor",
        "question-classifier", "start", "template-transform", "tool", "trigger-schedule", "trigger-webhook", "variable-aggregator", "variable-assigner",
      ].sort(),
    );
    for (const [type, node] of NODES) expect(node.type).toBe(type);
  });
});

describe("start", () => {
  const form = (variables: unknown[]) => ({ id: "start", type: "start", variables });

  async function startOutputs(variables: unknown[], inputs: Record<string, unknown>) {
    const run = await runGraph(graphOf([form(variables) as NodeSpec], []), { inputs });
    return run;
  }

  it("outputs the declared inputs, coerced, plus sys.* — and drops undeclared inputs", async () => {
    const run = await startOutputs(
      [
        { variable: "q", type: "text-input", required: true },
        { variable: "n", type: "number" },
        { variable: "ok", type: "checkbox" },
        { variable: "cfg", type: "json_object" },
        { variable: "color", type: "select", options: ["red", "blue"] },
        { variable: "opt", type: "paragraph", default: "fallback" },
      ],
      { q: "hi\u0000", n: "2.5", ok: "yes", cfg: '{"a":1}', color: "blue", extra: "dropped" },
    );
    expect(run.finishedNode("start").outputs).toEqual({
      q: "hi",
      n: 2.5,
      ok: true,
      cfg: { a: 1 },
      color: "blue",
      opt: "fallback",
      "sys.user_id": "u1",
      "sys.app_id": "app1",
      "sys.workflow_id": "wf1",
      "sys.workflow_run_id": "run1",
    });
  });

  it.each([
    [{ variable: "q", type: "text-input", required: true }, {}, "q is required in input form"],
    [{ variable: "q", type: "text-input", required: true }, { q: "" }, "q is required in input form"],
    [{ variable: "q", type: "text-input" }, { q: 5 }, "q in input form must be a string"],
    [{ variable: "q", type: "text-input", max_length: 3 }, { q: "abcd" }, "q in input form must be less than 3 characters"],
    [{ variable: "n", type: "number" }, { n: "twelve" }, "n in input form must be a valid number"],
    [{ variable: "s", type: "select", options: ["a", "b"] }, { s: "c" }, "s in input form must be one of the following: a, b"],
    [{ variable: "c", type: "checkbox" }, { c: "maybe" }, "c in input form must be a boolean"],
    [{ variable: "j", type: "json_object" }, { j: "[1]" }, "j in input form must be a valid JSON object"],
    [{ variable: "j", type: "json_object" }, { j: "{nope" }, "j in input form must be a valid JSON object"],
    [{ variable: "fl", type: "file-list", max_length: 1 }, { fl: [{}, {}] }, "fl in input form must be less than 1 files"],
    // Files against the input's settings, as Dify's file factory checks them.
    [
      { variable: "f", type: "file", allowed_file_types: ["image"] },
      { f: { type: "document", transfer_method: "local_file", upload_file_id: "x" } },
      "f in input form: a document file is not allowed; it takes image files",
    ],
    [
      { variable: "f", type: "file", allowed_file_types: ["custom"], allowed_file_extensions: [".py", "SQL"] },
      { f: { type: "custom", transfer_method: "local_file", upload_file_id: "x", filename: "run.sh" } },
      "f in input form: a .sh file is not allowed; it takes .py, .sql",
    ],
    [
      { variable: "fl", type: "file-list", allowed_file_upload_methods: ["local_file"] },
      { fl: [{ type: "image", transfer_method: "remote_url", url: "https://example.com/a.png" }] },
      "fl in input form: files sent by remote_url are not allowed; it takes local_file",
    ],
    [{ variable: "fl", type: "file-list" }, { fl: ["not a file"] }, "fl in input form must be a list of files"],
  ])("rejects %j given %j", async (variable, inputs, message) => {
    const run = await startOutputs([variable], inputs);
    expect(run.finished.status).toBe("failed");
    expect(run.finished.error).toBe(`Node start run failed: ${message}`);
  });

  it("takes files the input allows, and a custom file whatever its type list says, as Dify does", async () => {
    const run = await startOutputs(
      [
        { variable: "doc", type: "file", allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file", "remote_url"] },
        { variable: "code", type: "file-list", allowed_file_types: ["document"], allowed_file_extensions: [".py"] },
        { variable: "any", type: "file", allowed_file_types: [] },
      ],
      {
        doc: { type: "document", transfer_method: "remote_url", url: "https://example.com/a.pdf" },
        code: [
          { type: "custom", transfer_method: "local_file", upload_file_id: "u1", extension: ".PY" },
          { type: "custom", transfer_method: "local_file", upload_file_id: "u2" },
        ],
        any: { type: "video", transfer_method: "local_file", upload_file_id: "u3" },
      },
    );
    expect(run.finished.status).toBe("succeeded");
    expect(run.finishedNode("start").outputs).toMatchObject({ code: [expect.any(Object), expect.any(Object)] });
  });

  it("checks a JSON object input against its JSON schema (editor text or an object), as Dify", async () => {
    const schema = { type: "object", properties: { n: { type: "integer", minimum: 1 } }, required: ["n"] };
    for (const json_schema of [JSON.stringify(schema), schema]) {
      const variables = [{ variable: "o", type: "json_object", json_schema }];
      const ok = await startOutputs(variables, { o: '{"n": 2}' });
      expect(ok.finished.status).toBe("succeeded");
      const bad = await startOutputs(variables, { o: { n: 0 } });
      expect(bad.finished.status).toBe("failed");
      expect(bad.finished.error).toMatch(/JSON object for 'o' does not match schema: /);
    }
    // No schema, an empty one or broken editor text: any object.
    for (const json_schema of [undefined, "", "{not json"]) {
      expect((await startOutputs([{ variable: "o", type: "json_object", json_schema }], { o: { x: 1 } })).finished.status).toBe("succeeded");
    }
  });

  it("rejects an unknown field type in its settings", async () => {
    const run = await startOutputs([{ variable: "x", type: "color-picker" }], {});
    expect(run.finished.error).toMatch(/^Node start has invalid settings: variables\.0\.type/);
  });
});

describe("end and answer", () => {
  it("end outputs each selector's value, null when missing, and keeps non-text values", async () => {
    const outputs = await outputsOf(
      { type: "end", outputs: [{ variable: "a", value_selector: ["sys", "user_id"] }, { variable: "b", value_selector: ["nowhere", "x"] }, { variable: "c", value_selector: ["conversation", "obj"] }] },
      { conversation: { obj: { k: [1] } } },
    );
    expect(outputs).toEqual({ a: "u1", b: null, c: { k: [1] } });
  });

  it("answer renders its template as Dify's Markdown: missing variables as their selector, objects as indented JSON, lists as items", async () => {
    const outputs = await outputsOf(
      { type: "answer", answer: "<{{#sys.query#}}|{{#missing.v#}}|{{#conversation.o#}}|{{#env.k#}}|{{#conversation.l#}}|{{#conversation.b#}}>" },
      {
        mode: "advanced-chat",
        sys: { query: "q" },
        conversation: { o: { a: 1, "é": [1.5, null] }, l: ["x", { k: true }, 2, null], b: false },
        environment: { k: 3 },
      },
    );
    // Python's json.dumps(indent=2, ensure_ascii=False), and f"- {item}" for each list item
    expect(outputs).toEqual({ answer: '<q|missing.v|{\n  "a": 1,\n  "é": [\n    1.5,\n    null\n  ]\n}|3|- x\n- {\'k\': True}\n- 2\n- None|False>', files: [] });
  });

  it("prints a reference to nothing as its selector and a null variable as nothing, as Dify's convert_template", () => {
    const pool = new VariablePool();
    pool.setOutputs("n", { none: null, o: { a: 1, z: null }, l: [] });
    expect(pool.render("[{{#n.none#}}][{{#n.gone#}}][{{#other.x#}}][{{#n.o.a#}}][{{#n.o.b#}}][{{#n.o.z#}}][{{#n.l#}}]")).toBe(
      "[][n.gone][other.x][1][n.o.b][n.o.z][]",
    );
    expect(pool.renderMarkdown("{{#sys.query#}}!")).toBe("sys.query!");
    // A child scope (an iteration's item) finds its parent's variables.
    const child = pool.child();
    child.set("it", "item", "x");
    expect(child.render("{{#it.item#}}{{#n.o.a#}}{{#it.index#}}")).toBe("x1it.index");
  });

  it("renders variables in other templates as Dify's text: JSON with Python's spacing, lists of other values as Python prints them", () => {
    const pool = new VariablePool();
    pool.setOutputs("n", { o: { a: "ü", b: [1, 2.5] }, s: ["a", "b"], m: [1, "x", null, true], e: [], t: true, f: 0.1 + 0.2, big: 1e21 });
    expect(pool.render("{{#n.o#}}|{{#n.s#}}|{{#n.m#}}|{{#n.e#}}|{{#n.t#}}|{{#n.f#}}|{{#n.big#}}")).toBe(
      '{"a": "ü", "b": [1, 2.5]}|["a", "b"]|[1, \'x\', None, True]||True|0.30000000000000004|1000000000000000000000',
    );
  });
});

describe("if-else", () => {
  const cond = (comparison_operator: string, value: unknown, variable_selector = ["conversation", "v"]) => ({
    type: "if-else",
    cases: [{ case_id: "hit", logical_operator: "and", conditions: [{ variable_selector, comparison_operator, value }] }],
  });

  it("picks the first matching case and reports result and selected_case_id", async () => {
    const run = await runNode(cond("contains", "ell"), { conversation: { v: "hello" } });
    expect(run.finishedNode("x").outputs).toEqual({ result: true, selected_case_id: "hit" });
    const miss = await runNode(cond("contains", "xyz"), { conversation: { v: "hello" } });
    expect(miss.finishedNode("x").outputs).toEqual({ result: false, selected_case_id: "false" });
  });

  it("renders variable templates in the expected value", async () => {
    const run = await runNode(cond("is", "{{#sys.query#}}"), { conversation: { v: "same" }, sys: { query: "same" } });
    expect(run.finishedNode("x").outputs?.result).toBe(true);
  });

  it("supports the legacy top-level conditions form", async () => {
    const run = await runNode(
      { type: "if-else", logical_operator: "or", conditions: [{ variable_selector: ["conversation", "v"], comparison_operator: "=", value: "3" }] },
      { conversation: { v: 3 } },
    );
    expect(run.finishedNode("x").outputs).toEqual({ result: true, selected_case_id: "true" });
  });

  it("fails on a comparison that does not fit the value's type", async () => {
    expect(await errorOf(cond(">", "3"), { conversation: { v: "three" } })).toBe("Node X run failed: Invalid actual value type: number");
    expect(await errorOf(cond(">", "three"), { conversation: { v: 3 } })).toBe('Node X run failed: Invalid expected value: "three" is not a number');
  });

  it("rejects an unknown operator and a node without conditions", async () => {
    expect(await errorOf(cond("looks like", "x"))).toMatch(/^Node X has invalid settings: cases\.0\.conditions\.0\.comparison_operator/);
    expect(await errorOf({ type: "if-else", cases: [] })).toMatch(/^Node X has invalid settings: data: an if-else node needs cases/);
  });
});

describe("template-transform", () => {
  it("renders Jinja2 with loops and filters over its variables", async () => {
    const outputs = await outputsOf(
      {
        type: "template-transform",
        template: "{% for i in items %}{{ i | upper }}{% if not loop.last %},{% endif %}{% endfor %} by {{ who }}",
        variables: [{ variable: "items", value_selector: ["conversation", "items"] }, { variable: "who", value_selector: ["sys", "user_id"] }],
      },
      { conversation: { items: ["a", "b"] } },
    );
    expect(outputs).toEqual({ output: "A,B by u1" });
  });

  it("fails with a clear message on a broken template", async () => {
    expect(await errorOf({ type: "template-transform", template: "{% for %}", variables: [] })).toMatch(/^Node X run failed: Invalid Jinja2 template: /);
  });
});

describe("variable aggregator", () => {
  it("outputs the first variable that has a value, under both of its type names", async () => {
    for (const type of ["variable-aggregator", "variable-assigner"]) {
      const outputs = await outputsOf({ type, variables: [["nowhere", "x"], ["sys", "user_id"], ["sys", "app_id"]] });
      expect(outputs).toEqual({ output: "u1" });
    }
  });

  it("takes a variable set to None (its node ran) over the ones after it, as Dify", async () => {
    const outputs = await outputsOf({ type: "variable-aggregator", variables: [["nowhere", "x"], ["conversation", "none"], ["sys", "user_id"]] }, { conversation: { none: null } });
    expect(outputs).toEqual({ output: null });
  });

  it("aggregates each group separately when groups are enabled", async () => {
    const outputs = await outputsOf({
      type: "variable-aggregator",
      variables: [],
      advanced_settings: {
        group_enabled: true,
        groups: [
          { group_name: "g1", variables: [["sys", "app_id"]] },
          { group_name: "g2", variables: [["nowhere", "x"]] },
        ],
      },
    });
    expect(outputs).toEqual({ g1: { output: "app1" } });
  });
});

describe("assigner", () => {
  const v2 = (items: unknown[]) => ({ type: "assigner", version: "2", items });
  const assign = async (items: unknown[], conversation: Record<string, unknown>) => {
    const run = await runNode(v2(items), { conversation, sys: { query: "q" } });
    if (run.finished.status !== "succeeded") throw new Error(run.finished.error ?? "failed");
    return run.conversation;
  };
  const op = (name: string, operation: string, value?: unknown, input_type = "constant") => ({
    variable_selector: ["conversation", name],
    operation,
    input_type,
    value,
  });

  it("applies every version 2 operation to conversation variables", async () => {
    const result = await assign(
      [
        op("s", "over-write", ["sys", "query"], "variable"),
        op("n", "-=", 2),
        op("m", "*=", "3"),
        op("d", "/=", 4),
        op("arr", "append", 3),
        op("ext", "extend", [2, 3]),
        op("first", "remove-first"),
        op("last", "remove-last"),
        op("c", "clear"),
        op("o", "set", '{"k":2}'),
      ],
      { s: "", n: 5, m: 2, d: 10, arr: [1], ext: [1], first: [1, 2], last: [1, 2], c: "text", o: { k: 1 } },
    );
    expect(result).toEqual({ s: "q", n: 3, m: 6, d: 2.5, arr: [1, 3], ext: [1, 2, 3], first: [2], last: [1], c: "", o: { k: 2 } });
  });

  it("leaves a variable as it is when a version 2 source holds None, as Dify does", async () => {
    const result = await assign(
      [op("s", "over-write", ["conversation", "none"], "variable"), op("arr", "append", ["conversation", "none"], "variable"), op("t", "over-write", ["sys", "query"], "variable")],
      { s: "kept", arr: [1], t: "", none: null },
    );
    expect(result).toMatchObject({ s: "kept", arr: [1], t: "q" });
  });

  it("supports version 1's assigned_variable_selector and write_mode", async () => {
    const node = (write_mode: string) => ({
      type: "assigner",
      assigned_variable_selector: ["conversation", "log"],
      write_mode,
      input_variable_selector: ["sys", "query"],
    });
    expect((await runNode(node("append"), { conversation: { log: ["a"] }, sys: { query: "b" } })).conversation).toEqual({ log: ["a", "b"] });
    expect((await runNode(node("over-write"), { conversation: { log: ["a"] }, sys: { query: ["z"] } })).conversation).toEqual({ log: ["z"] });
    expect((await runNode(node("clear"), { conversation: { log: ["a"] } })).conversation).toEqual({ log: [] });
  });

  it.each([
    [[op("nope", "set", 1)], {}, "Variable conversation.nope not found"],
    [[op("n", "/=", 0)], { n: 1 }, "Cannot divide conversation.n by zero"],
    [[op("n", "append", 1)], { n: 1 }, 'Operation "append" is not supported for variable conversation.n of type number'],
    [[op("s", "+=", 1)], { s: "a" }, 'Operation "+=" is not supported for variable conversation.s of type string'],
    [[op("n", "over-write", "abc")], { n: 1 }, "Value for conversation.n must be of type number, got string"],
    [[op("a", "extend", 1)], { a: [] }, "Value to extend conversation.a with must be an array"],
    [[{ variable_selector: ["sys", "query"], operation: "set", input_type: "constant", value: "x" }], {}, "Variable sys.query is read-only"],
  ])("rejects %j", async (items, conversation, message) => {
    expect(await errorOf(v2(items), { conversation })).toBe(`Node X run failed: ${message}`);
  });

  it("rejects a version 2 node without items and an unknown operation", async () => {
    expect(await errorOf({ type: "assigner", version: "2" })).toMatch(/^Node X has invalid settings: .*needs items/);
    expect(await errorOf(v2([op("n", "pow")]))).toMatch(/^Node X has invalid settings: items\.0\.operation/);
  });
});

describe("list operator", () => {
  const files = [
    { name: "b.pdf", extension: "pdf", size: 30, transfer_method: "local_file" },
    { name: "a.png", extension: ".png", size: 10, transfer_method: "local_file" },
    { name: "c.pdf", extension: "pdf", size: 20, transfer_method: "local_file" },
  ];
  const list = (settings: Record<string, unknown>, selector = ["conversation", "list"]) => ({ type: "list-operator", variable: selector, ...settings });

  it("filters, sorts and limits numbers, with first and last records", async () => {
    const outputs = await outputsOf(
      list({
        filter_by: { enabled: true, conditions: [{ comparison_operator: ">", value: "2" }] },
        order_by: { enabled: true, value: "desc" },
        limit: { enabled: true, size: 2 },
      }),
      { conversation: { list: [5, 1, 9, 3, 2] } },
    );
    expect(outputs).toEqual({ result: [9, 5], first_record: 9, last_record: 5 });
  });

  it("filters files by attribute (extensions with or without the dot) and orders by a key", async () => {
    const outputs = await outputsOf(
      list({
        filter_by: { enabled: true, conditions: [{ key: "extension", comparison_operator: "is", value: "pdf" }] },
        order_by: { enabled: true, key: "size", value: "asc" },
      }),
      { conversation: { list: files } },
    );
    expect(((outputs?.result ?? []) as { name: string }[]).map((f) => f.name)).toEqual(["c.pdf", "b.pdf"]);
  });

  it("extracts the n-th element (1-based, from a template) and outputs null records for an empty result", async () => {
    expect(await outputsOf(list({ extract_by: { enabled: true, serial: "{{#conversation.n#}}" } }), { conversation: { list: ["a", "b", "c"], n: 2 } })).toEqual({
      result: ["b"],
      first_record: "b",
      last_record: "b",
    });
    expect(await outputsOf(list({ filter_by: { enabled: true, conditions: [{ comparison_operator: "contains", value: "z" }] } }), { conversation: { list: ["a"] } })).toEqual({
      result: [],
      first_record: null,
      last_record: null,
    });
  });

  it("reads a Dify file's name as its filename, for filters, ordering and templates", async () => {
    const dify = (filename: string, size: number) => ({ dify_model_identity: "__dify__file__", type: "document", transfer_method: "local_file", filename, extension: ".pdf", size });
    const outputs = await outputsOf(
      list({
        filter_by: { enabled: true, conditions: [{ key: "name", comparison_operator: "contains", value: "report" }] },
        order_by: { enabled: true, key: "name", value: "desc" },
      }),
      { conversation: { list: [dify("a-report.pdf", 1), dify("notes.pdf", 2), dify("b-report.pdf", 3)] } },
    );
    expect(((outputs?.result ?? []) as { filename: string }[]).map((f) => f.filename)).toEqual(["b-report.pdf", "a-report.pdf"]);
    const pool = new VariablePool();
    pool.set("start", "f", { ...dify("q3.pdf", 9), remote_url: "https://example.com/q3.pdf" });
    expect(pool.render("{{#start.f.name#}} {{#start.f.url#}} {{#start.f.size#}}")).toBe("q3.pdf https://example.com/q3.pdf 9");
  });

  it("answers an empty result for a null or empty list before any operation, as Dify (an optional input left empty)", async () => {
    const empty = { result: [], first_record: null, last_record: null };
    expect(await outputsOf(list({ extract_by: { enabled: true, serial: "1" } }), { conversation: { list: null } })).toEqual(empty);
    expect(await outputsOf(list({ extract_by: { enabled: true, serial: "2" } }), { conversation: { list: [] } })).toEqual(empty);
  });

  it.each([
    [list({}), { list: "not a list" }, "Variable conversation.list is not an array"],
    [list({}, ["conversation", "missing"]), {}, "Variable conversation.missing not found"],
    [list({ extract_by: { enabled: true, serial: "5" } }), { list: [1] }, 'Invalid serial index "5": must be between 1 and 1'],
    [list({ filter_by: { enabled: true, conditions: [{ comparison_operator: "start with", value: "a" }] } }), { list: [1] }, "Invalid actual value type: string"],
  ])("rejects %j", async (node, conversation, message) => {
    expect(await errorOf(node, { conversation })).toBe(`Node X run failed: ${message}`);
  });
});

describe("code", () => {
  const code = (source: string, outputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: "code",
    code_language: "javascript",
    code: source,
    variables: [{ variable: "q", value_selector: ["sys", "query"] }],
    outputs,
    ...extra,
  });

  it("runs a python3 main(**args) as Dify does, outputs checked the same way", async () => {
    const source = [
      "import json",
      "",
      "def main(q: str) -> dict:",
      '    """Counts letters."""',
      "    counts = {}",
      "    for ch in q:",
      "        counts[ch] = counts.get(ch, 0) + 1",
      '    return {"upper": q.upper(), "len": len(q), "counts": json.dumps(counts), "ratio": len(q) / 4}',
    ].join("\n");
    const outputs = await outputsOf(
      code(source, { upper: { type: "string" }, len: { type: "number" }, counts: { type: "string" }, ratio: { type: "number" } }, { code_language: "python3" }),
      { sys: { query: "abca" } },
    );
    expect(outputs).toEqual({ upper: "ABCA", len: 4, counts: '{"a": 2, "b": 1, "c": 1}', ratio: 1 });
    expect(await errorOf(code("def main(q):\n    return {'n': 'five'}", { n: { type: "number" } }, { code_language: "python3" }))).toBe(
      "Node X run failed: Output n is not a number, got <class 'str'> instead.",
    );
  });

  it("reports a python3 exception with its type, message and line", async () => {
    const source = "def main(q):\n    x = int(q)\n    return {'x': x}";
    expect(await errorOf(code(source, {}, { code_language: "python3" }), { sys: { query: "abc" } })).toBe(
      "Node X run failed: ValueError: invalid literal for int() with base 10: 'abc' (line 2)",
    );
  });

  it("lets python3 use requests through the same SSRF guard as the HTTP Request node", async () => {
    const source = [
      "import requests",
      "",
      "def main(q):",
      "    try:",
      "        requests.get('http://169.254.169.254/latest/meta-data')",
      "    except requests.ConnectionError as e:",
      "        return {'error': str(e)}",
    ].join("\n");
    expect(await outputsOf(code(source, { error: { type: "string" } }, { code_language: "python3" }))).toEqual({
      error: "url: private, loopback and link-local addresses are not allowed (169.254.169.254)",
    });
  });

  it("refuses a code language Dify does not have", async () => {
    expect(await errorOf(code("main", {}, { code_language: "ruby" }))).toBe('Node X run failed: Unsupported code language "ruby": use "python3" or "javascript".');
  });

  it("runs main(args) in the sandbox and outputs the declared outputs", async () => {
    const outputs = await outputsOf(
      code("function main({ q }) { return { upper: q.toUpperCase(), len: q.length, parts: q.split('') }; }", {
        upper: { type: "string" },
        len: { type: "number" },
        parts: { type: "array[string]" },
      }),
      { sys: { query: "abc" } },
    );
    expect(outputs).toEqual({ upper: "ABC", len: 3, parts: ["a", "b", "c"] });
  });

  it.each([
    ["function main() { return { n: 'five' }; }", { n: { type: "number" } }, "Output n is not a number, got <class 'str'> instead."],
    ["function main() { return { n: 1, extra: 2 }; }", { n: { type: "number" } }, "Not all output parameters are validated."],
    ["function main() { return { l: [1, null] }; }", { l: { type: "array[number]" } }, "The element at index 1 of output variable `l` must be a number."],
    ["function main() { return { o: { a: { b: { c: { d: {} } } } } }; }", { o: { type: "object" } }, "Depth limit 5 reached, object too deep."],
    ["function main() { return {}; }", { n: { type: "number" } }, "Output n is missing."],
    ["function main() { return { a: Array.from({ length: 31 }, () => 'x') }; }", { a: { type: "array[string]" } }, "The length of output variable `a` must be less than 30 elements."],
    ["function main() { return { o: { inner: 1 } }; }", { o: { type: "object", children: { inner: { type: "string" } } } }, "Output o.inner must be a string, got int instead."],
  ])("checks returned types: %s", async (source, outputs, message) => {
    expect(await errorOf(code(source, outputs))).toBe(`Node X run failed: ${message}`);
  });

  it.each([
    ["function main() { throw new Error('no'); }", {}, "CodeExecutionError"],
    ["function main() { return 3; }", {}, "CodeExecutionError"],
    ["function main() { return { n: 'five' }; }", { n: { type: "number" } }, "OutputValidationError"],
    ["function main() { return { n: 1, extra: 2 }; }", { n: { type: "number" } }, "OutputValidationError"],
    ["function main() { return { o: { a: { b: { c: { d: {} } } } } }; }", { o: { type: "object" } }, "DepthLimitError"],
  ])("names its failure as Dify's code node does (error_type), keeping its inputs: %s", async (source, outputs, errorType) => {
    const run = await runNode(code(source, outputs, { error_strategy: "default-value", default_value: [] }), { sys: { query: "abc" } });
    expect(run.finishedNode("x")).toMatchObject({ status: "exception", outputs: { error_type: errorType }, inputs: { q: "abc" } });
  });

  it("takes what Dify's checks take: a boolean as a number (1/0), None in lists of strings, objects and booleans, nesting up to 5 levels", async () => {
    const source = [
      "def main(q):",
      "    return {'n': True, 'm': False, 's': ['a', None], 'o': [None, {'k': 1}], 'b': [True, None], 'flag': 'yes', 'deep': {'a': {'b': {'c': {}}}}, 'ns': [1, True]}",
    ].join("\n");
    const outputs = await outputsOf(
      code(
        source,
        {
          n: { type: "number" },
          m: { type: "number" },
          s: { type: "array[string]" },
          o: { type: "array[object]" },
          b: { type: "array[boolean]" },
          flag: { type: "boolean" },
          deep: { type: "object" },
          ns: { type: "array[number]" },
        },
        { code_language: "python3" },
      ),
    );
    expect(outputs).toEqual({ n: 1, m: 0, s: ["a", null], o: [null, { k: 1 }], b: [true, null], flag: "yes", deep: { a: { b: { c: {} } } }, ns: [1, 1] });
  });

  it("reports an exception thrown by the code", async () => {
    expect(await errorOf(code("function main() { throw new Error('nope'); }", {}))).toMatch(/^Node X run failed: .*nope/);
  });
});
