// Graph validation: every problem a publish would refuse, each naming its node and field.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { WorkflowNode } from "../../src/workflow/nodes/types";
import { type GraphProblem, type NodeLookup, validateGraph } from "../../src/workflow/validate";

// A small registry with real schemas and selectors, so the validator is tested on its own rules.
const selectorSchema = z.array(z.string()).min(2);
const node = <S extends z.ZodType>(type: string, schema: S, selectors?: (d: z.infer<S>) => string[][]): WorkflowNode => ({
  type,
  schema,
  selectors: selectors as WorkflowNode["selectors"],
  run: async () => ({ outputs: {} }),
});
const REGISTRY: Record<string, WorkflowNode> = {
  start: node("start", z.looseObject({ variables: z.array(z.looseObject({ variable: z.string().min(1) })).default([]) })),
  end: node("end", z.looseObject({ outputs: z.array(z.object({ variable: z.string().min(1), value_selector: selectorSchema })) }), (d) =>
    d.outputs.map((o) => o.value_selector),
  ),
  answer: node("answer", z.looseObject({ answer: z.string() })),
  llm: node("llm", z.looseObject({ model: z.looseObject({ provider: z.string().min(1), name: z.string().min(1) }) })),
  iteration: node("iteration", z.looseObject({ iterator_selector: selectorSchema, output_selector: selectorSchema }), (d) => [
    d.iterator_selector,
    d.output_selector,
  ]),
  "iteration-start": node("iteration-start", z.looseObject({})),
  "trigger-webhook": node("trigger-webhook", z.looseObject({})),
  "trigger-schedule": node("trigger-schedule", z.looseObject({})),
  "template-transform": node(
    "template-transform",
    z.looseObject({ variables: z.array(z.object({ variable: z.string(), value_selector: selectorSchema })).default([]), template: z.string() }),
    (d) => d.variables.map((v) => v.value_selector),
  ),
};
const lookup: NodeLookup = (type) => REGISTRY[type];

type N = { id: string; type?: string; parentId?: string; data: Record<string, unknown> };
const n = (id: string, type: string, data: Record<string, unknown> = {}, extra: Partial<N> = {}): N => ({
  id,
  type: "custom",
  ...extra,
  data: { type, title: id, ...data },
});
const e = (source: string, target: string, sourceHandle = "source") => ({ id: `${source}-${target}`, source, target, sourceHandle });
const start = n("start", "start", { variables: [{ variable: "query" }] });
const end = (selector: string[] = ["start", "query"]) => n("end", "end", { outputs: [{ variable: "out", value_selector: selector }] });
const check = (nodes: N[], edges: ReturnType<typeof e>[], mode: "workflow" | "advanced-chat" = "workflow", extra = {}) =>
  validateGraph({ nodes, edges }, mode, { lookup, ...extra });
const messages = (problems: GraphProblem[]) => problems.map((p) => `${p.node_id}|${p.field}|${p.message}`);

describe("validateGraph", () => {
  it("accepts start → end and a chatflow start → llm → answer", () => {
    expect(check([start, end()], [e("start", "end")])).toEqual([]);
    const llm = n("llm", "llm", { model: { provider: "offline", name: "kiln-echo" } });
    const answer = n("answer", "answer", { answer: "{{#llm.text#}} for {{#sys.query#}}" });
    expect(check([start, llm, answer], [e("start", "llm"), e("llm", "answer")], "advanced-chat")).toEqual([]);
  });

  it("ignores note nodes, whatever they hold", () => {
    const note = { id: "note", type: "custom-note", data: { type: "", text: "{{#nowhere.x#}}" } };
    expect(check([start, end(), note], [e("start", "end")])).toEqual([]);
  });

  it("names a node type the registry does not know", () => {
    const tool = n("tool", "tool", { provider_id: "builtin" });
    const problems = check([start, tool, end()], [e("start", "tool"), e("tool", "end")]);
    expect(messages(problems)).toEqual(['tool|type|Kiln cannot run "tool" nodes']);
  });

  it("reports each schema issue of a node with its field path", () => {
    const bad = n("end", "end", { outputs: [{ variable: "", value_selector: ["start"] }] });
    const problems = check([start, bad], [e("start", "end")]);
    expect(problems.map((p) => [p.node_id, p.field])).toEqual([
      ["end", "outputs.0.variable"],
      ["end", "outputs.0.value_selector"],
    ]);
  });

  it("requires exactly one start node, with nothing flowing into it", () => {
    expect(messages(check([end()], []))).toContain("null|nodes|A workflow needs exactly one start node; this one has 0");
    const second = n("start2", "start");
    expect(messages(check([start, second, end()], [e("start", "end")]))).toContain(
      "null|nodes|A workflow needs exactly one start node; this one has 2",
    );
    const loopBack = check([start, end()], [e("start", "end"), e("end", "start")]);
    expect(messages(loopBack)).toContain("start|edges|The start node cannot have incoming edges");
  });

  it("requires an answer node reachable in a chatflow, and no end node in a workflow (as Dify's checklist now)", () => {
    // Dify's End node is not required (isRequired: false): a workflow without one has no outputs.
    const t = n("t", "template-transform", { template: "x" });
    expect(messages(check([start, t], [e("start", "t")]))).toEqual([]);
    expect(messages(check([start, n("answer", "answer", { answer: "hi" })], [], "advanced-chat"))).toContain(
      "start|edges|No answer node is reachable from the start node",
    );
    const answer = n("answer", "answer", { answer: "hi" });
    // An End node in a chatflow and an Answer node in a workflow app run in Dify (its server and
    // checklist accept them; real exports carry them), so they are not problems here either.
    const chat = check([start, answer, end()], [e("start", "answer"), e("start", "end")], "advanced-chat");
    expect(messages(chat)).toEqual([]);
    expect(messages(check([start, answer], [e("start", "answer")], "workflow"))).toEqual([]);
    // but an End node inside an iteration is one, in either mode
    const it = n("it", "iteration", { start_node_id: "itstart", iterator_selector: ["sys", "files"], output_selector: ["itstart", "x"] });
    const inner = { ...end(), id: "inner", parentId: "it" };
    const nested = check([start, answer, it, { ...n("itstart", "iteration-start"), parentId: "it" }, inner], [e("start", "answer"), e("start", "it"), e("itstart", "inner")], "advanced-chat");
    expect(messages(nested)).toContain("inner|parentId|An end node cannot sit inside an iteration or loop");
  });

  it("takes a chatflow whose only Answer sits in an iteration it reaches, as Dify does", () => {
    const it = n("it", "iteration", { start_node_id: "itstart", iterator_selector: ["sys", "files"], output_selector: ["reply", "answer"] });
    const itStart = { ...n("itstart", "iteration-start"), parentId: "it" };
    const reply = { ...n("reply", "answer", { answer: "{{#it.item#}}" }), parentId: "it" };
    const edges = [e("start", "it"), e("itstart", "reply")];
    expect(messages(check([start, it, itStart, reply], edges, "advanced-chat")).filter((m) => m.includes("reachable"))).toEqual([]);
    // not when the iteration itself is cut off from the start node
    expect(messages(check([start, it, itStart, reply], [e("itstart", "reply")], "advanced-chat"))).toContain(
      "start|edges|No answer node is reachable from the start node",
    );
    // a workflow's End has to be at the top level
    const innerEnd = { ...end(), parentId: "it" };
    expect(messages(check([start, it, itStart, innerEnd], [e("start", "it"), e("itstart", "end")], "workflow"))).toContain(
      "end|parentId|An end node cannot sit inside an iteration or loop",
    );
  });

  it("lets a workflow start from trigger nodes instead of its Start node, never both, and never a chatflow", () => {
    const hook = n("hook", "trigger-webhook", { method: "post", content_type: "application/json" });
    const cron = n("cron", "trigger-schedule", { mode: "cron", cron_expression: "0 * * * *", timezone: "UTC" });
    const edges = [e("hook", "end"), e("cron", "end")];
    const plainEnd = n("end", "end", { outputs: [] });
    expect(messages(check([hook, cron, plainEnd], edges))).toEqual([]);
    expect(messages(check([start, hook, end()], [e("start", "end"), e("hook", "end")]))).toContain(
      "start|type|A workflow starts from its triggers or from a Start node, not both: remove one",
    );
    const chat = messages(check([start, hook, n("answer", "answer", { answer: "hi" })], [e("start", "answer"), e("hook", "answer")], "advanced-chat"));
    expect(chat).toContain("hook|type|Trigger nodes start workflows, not chatflows");
    expect(messages(check([hook, end()], [e("end", "hook")]))).toContain("hook|edges|The start node cannot have incoming edges");
    const six = Array.from({ length: 6 }, (_, i) => n(`h${i}`, "trigger-webhook", {}));
    expect(messages(check([...six, end()], six.map((h) => e(h.id, "end"))))).toContain("h5|nodes|A workflow has at most 5 webhook triggers; this one has 6");
    // Plugin triggers need Dify's plugin runtime
    expect(messages(check([n("p", "trigger-plugin", {}), end()], [e("p", "end")]))).toContain('p|type|Kiln cannot run "trigger-plugin" nodes');
  });

  it("refuses a cycle between ordinary nodes, naming it", () => {
    const a = n("a", "template-transform", { template: "x" });
    const b = n("b", "template-transform", { template: "y" });
    const problems = check([start, a, b, end()], [e("start", "a"), e("a", "b"), e("b", "a"), e("b", "end")]);
    expect(messages(problems).find((m) => m.includes("cycle"))).toMatch(/a → b → a/);
  });

  it("reports edges to nodes that do not exist", () => {
    const problems = check([start, end()], [e("start", "end"), e("start", "ghost")]);
    expect(messages(problems)).toEqual(["start|edges|Edge start-ghost connects a node that does not exist: ghost"]);
  });

  it("refuses variable references to missing, downstream and unrelated nodes", () => {
    const a = n("a", "template-transform", { template: "{{#b.output#}} {{#ghost.x#}}" });
    const b = n("b", "template-transform", { template: "{{#start.query#}}" });
    const side = n("side", "template-transform", { template: "side" });
    const fin = end(["side", "output"]);
    const problems = check([start, a, b, side, fin], [e("start", "a"), e("a", "b"), e("b", "end"), e("start", "side")]);
    expect(messages(problems)).toEqual([
      'a|variables|{{#b.output#}} refers to node "b", which does not run before this node',
      'a|variables|{{#ghost.x#}} refers to node "ghost", which does not exist',
      'end|variables|{{#side.output#}} refers to node "side", which does not run before this node',
    ]);
  });

  it("checks sys, env and conversation variables against what the run provides", () => {
    const t = n("t", "template-transform", {
      template: "{{#sys.query#}} {{#sys.user_id#}} {{#env.API_URL#}} {{#env.MISSING#}} {{#conversation.topic#}}",
    });
    const wf = check([start, t, end(["t", "output"])], [e("start", "t"), e("t", "end")], "workflow", {
      environmentVariables: [{ name: "API_URL" }],
    });
    expect(messages(wf)).toEqual([
      "t|variables|sys.query is not a system variable of a workflow",
      't|variables|Environment variable "MISSING" does not exist',
      "t|variables|Workflows have no conversation variables (conversation.topic)",
    ]);
    const answer = n("answer", "answer", { answer: "{{#t.output#}}" });
    const chat = check([start, t, answer], [e("start", "t"), e("t", "answer")], "advanced-chat", {
      environmentVariables: [{ name: "API_URL" }, { name: "MISSING" }],
      conversationVariables: [{ name: "topic" }],
    });
    expect(chat).toEqual([]);
  });

  it("takes userinput.files, newer Dify's name for the run's files, and nothing else under userinput", () => {
    const t = n("t", "template-transform", { template: "{{#userinput.files#}} {{#userinput.query#}}" });
    for (const mode of ["workflow", "advanced-chat"] as const) {
      const last = mode === "workflow" ? end(["t", "output"]) : n("answer", "answer", { answer: "{{#t.output#}}" });
      expect(messages(check([start, t, last], [e("start", "t"), e("t", last.id)], mode))).toEqual([
        "t|variables|userinput.query is not a variable of the run: userinput.files is its one",
      ]);
    }
    // A node that happens to be called userinput is a node like any other.
    const own = n("userinput", "template-transform", { template: "x" });
    const reads = n("t", "template-transform", { template: "{{#userinput.output#}}" });
    expect(check([start, own, reads, end(["t", "output"])], [e("start", "userinput"), e("userinput", "t"), e("t", "end")])).toEqual([]);
  });

  it("lets iteration bodies read the container, its upstream and earlier body nodes; not the outside read the body", () => {
    const it_ = n("it", "iteration", { iterator_selector: ["start", "query"], output_selector: ["body", "output"], start_node_id: "itstart" });
    const itStart = n("itstart", "iteration-start", {}, { parentId: "it", type: "custom-iteration-start" });
    const body = n("body", "template-transform", { template: "{{#it.item#}} {{#start.query#}}" }, { parentId: "it" });
    const fin = end(["it", "output"]);
    const edges = [e("start", "it"), e("itstart", "body"), e("it", "end")];
    expect(check([start, it_, itStart, body, fin], edges)).toEqual([]);
    const peek = end(["body", "output"]);
    expect(messages(check([start, it_, itStart, body, peek], edges))).toEqual([
      'end|variables|{{#body.output#}} refers to node "body", which does not run before this node',
    ]);
  });

  it("lists every problem of a graph at once", () => {
    const tool = n("tool", "tool");
    const bad = n("end", "end", { outputs: [{ variable: "", value_selector: ["ghost", "x"] }] });
    const problems = check([start, tool, bad], [e("start", "tool"), e("tool", "end"), e("tool", "nowhere")]);
    expect(messages(problems)).toEqual([
      "tool|edges|Edge tool-nowhere connects a node that does not exist: nowhere",
      'tool|type|Kiln cannot run "tool" nodes',
      "end|outputs.0.variable|Too small: expected string to have >=1 characters",
    ]);
  });

  it("reports a graph that is not a graph", () => {
    const problems = validateGraph({ nodes: "nope" }, "workflow", { lookup });
    expect(problems[0]).toMatchObject({ node_id: null, field: "graph.nodes" });
  });
});
