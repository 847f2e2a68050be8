/// <reference types="vite/client" />
// The workflow editor's pure rules (web/src/features/workflow/lib): graph ⇄ React Flow round-trip,
// branch handles, the variables a node may read, the editor's checks, layout, and reading publish
// problems and run streams. Real Dify exports are the fixtures, so false alarms on them count.
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { DslGraph } from "../../web/src/features/workflow/api/types";
import { type FlowEdge, type FlowNode, fromFlow, makeEdge, sourceHandles, toFlow } from "../../web/src/features/workflow/lib/flow";
import { copyOf } from "../../web/src/features/workflow/lib/clipboard";
import { initialGraph } from "../../web/src/features/workflow/lib/initial-graph";
import { autoLayout } from "../../web/src/features/workflow/lib/layout";
import { newNodeData } from "../../web/src/features/workflow/lib/node-kinds";
import { noteToText, textToNote } from "../../web/src/features/workflow/lib/note-text";
import { problemsOf } from "../../web/src/features/workflow/lib/problems";
import { parseRunEvents } from "../../web/src/features/workflow/lib/sse";
import { referencesOf, validateGraph } from "../../web/src/features/workflow/lib/validate";
import { availableVariables, upstreamIds } from "../../web/src/features/workflow/lib/variables";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const dsl = (name: string) => YAML.parse(FIXTURES[`../fixtures/dify-dsl/${name}`]!) as { app: { mode: string }; workflow: { graph: DslGraph; environment_variables?: any[]; conversation_variables?: any[] } };
const FLOW_FIXTURES = Object.keys(FIXTURES)
  .map((path) => path.split("/").pop()!)
  .filter((name) => ["workflow", "advanced-chat"].includes(dsl(name).app.mode));

const scopeOf = (name: string) => {
  const d = dsl(name);
  return { flavor: d.app.mode as "workflow" | "advanced-chat", environment: d.workflow.environment_variables ?? [], conversation: d.workflow.conversation_variables ?? [] };
};

function node(id: string, type: string, extra: Partial<FlowNode> = {}, data: Record<string, unknown> = {}): FlowNode {
  return { id, type: "custom", position: { x: 0, y: 0 }, ...extra, data: { ...newNodeData(type, id, "workflow"), ...data } };
}
const link = (nodes: FlowNode[], source: string, target: string, handle = "source"): FlowEdge =>
  makeEdge(nodes.find((n) => n.id === source)!, handle, nodes.find((n) => n.id === target)!);

describe("graph round-trip", () => {
  it("keeps every field of a real export and puts container parents before their children", () => {
    const graph = dsl("increment_loop_with_break_condition_workflow.yml").workflow.graph;
    const flow = toFlow(graph);
    const ids = flow.nodes.map((n) => n.id);
    for (const n of flow.nodes) if (n.parentId) expect(ids.indexOf(n.parentId)).toBeLessThan(ids.indexOf(n.id));
    const loop = flow.nodes.find((n) => n.data.type === "loop")!;
    expect([loop.width, loop.height]).toEqual([508, 206]);
    const back = fromFlow(flow.nodes, flow.edges);
    for (const original of graph.nodes) {
      const saved = back.nodes.find((n) => n.id === original.id)!;
      expect(saved.data).toEqual(original.data);
      expect(saved.positionAbsolute).toEqual(original.positionAbsolute);
      expect(saved.parentId).toBe(original.parentId);
    }
    expect(back.edges).toEqual(graph.edges);
  });

  it("starts a new workflow with Start → End and a chatflow with Start → LLM → Answer", () => {
    expect(initialGraph("workflow").nodes.map((n) => n.data.type)).toEqual(["start", "end"]);
    const chat = initialGraph("advanced-chat");
    expect(chat.nodes.map((n) => n.data.type)).toEqual(["start", "llm", "answer"]);
    expect(chat.edges.map((e) => [e.source, e.target])).toEqual([
      [chat.nodes[0]!.id, "llm"],
      ["llm", "answer"],
    ]);
  });
});

describe("branch handles", () => {
  it("gives if-else one handle per case plus ELSE, a classifier one per class, and adds fail-branch", () => {
    expect(sourceHandles({ type: "if-else", title: "", cases: [{ case_id: "true" }, { case_id: "abc" }] }).map((h) => h.id)).toEqual(["true", "abc", "false"]);
    expect(sourceHandles({ type: "question-classifier", title: "", classes: [{ id: "1", name: "a" }, { id: "2", name: "b" }] }).map((h) => h.id)).toEqual(["1", "2"]);
    expect(sourceHandles({ type: "code", title: "", error_strategy: "fail-branch" }).map((h) => h.id)).toEqual(["source", "fail-branch"]);
    expect(sourceHandles({ type: "end", title: "" })).toEqual([]);
  });
});

describe("variables a node may read", () => {
  it("offers only upstream nodes, plus what its container gives it, plus sys and env", () => {
    const nodes = [
      node("start", "start", {}, { variables: [{ variable: "q", type: "text-input" }] }),
      node("it", "iteration", {}, { iterator_selector: ["start", "q"] }),
      node("inner", "code", { parentId: "it" }),
      node("after", "template-transform"),
      node("side", "llm"),
    ];
    const edges = [link(nodes, "start", "it"), link(nodes, "it", "after"), link(nodes, "start", "side")];
    expect(upstreamIds("after", nodes, edges)).toEqual(["it", "start"]);
    const inner = availableVariables("inner", nodes, edges, { flavor: "workflow", environment: [{ id: "e", name: "KEY", value_type: "secret", value: "", description: "" }], conversation: [] });
    expect(inner.map((g) => g.nodeId)).toEqual(["it", "start", "sys", "env"]);
    expect(inner[0]!.vars.map((v) => v.name)).toEqual(["item", "index"]);
    const after = availableVariables("after", nodes, edges, { flavor: "workflow", environment: [], conversation: [] });
    expect(after.find((g) => g.nodeId === "it")!.vars.map((v) => v.name)).toEqual(["output"]);
    expect(after.some((g) => g.nodeId === "side")).toBe(false);
    expect(after.find((g) => g.nodeId === "sys")!.vars.some((v) => v.name === "query")).toBe(false);
  });
});

describe("the editor's checks", () => {
  it.each(FLOW_FIXTURES.filter((n) => n !== "basic_chatflow.yml"))("finds nothing wrong in the real export %s", (name) => {
    const { nodes, edges } = toFlow(dsl(name).workflow.graph);
    expect(validateGraph(nodes, edges, scopeOf(name))).toEqual([]);
  });

  it("notices that Dify's blank chatflow has no model chosen yet", () => {
    const { nodes, edges } = toFlow(dsl("basic_chatflow.yml").workflow.graph);
    expect(validateGraph(nodes, edges, scopeOf("basic_chatflow.yml"))).toEqual([{ node_id: "llm", field: "model", message: "Choose a model." }]);
  });

  it("flags an unconnected node, a cycle and a required field, but no missing End (Dify no longer asks for one)", () => {
    const nodes = [node("s", "start"), node("a", "template-transform", {}, { variables: [] }), node("b", "template-transform", {}, { variables: [] }), node("h", "http-request")];
    const edges = [link(nodes, "s", "a"), link(nodes, "a", "b"), link(nodes, "b", "a")];
    const messages = validateGraph(nodes, edges, { flavor: "workflow", environment: [], conversation: [] }).map((p) => `${p.node_id}: ${p.message}`);
    expect(messages.filter((m) => m.startsWith("null:"))).toEqual([]);
    expect(messages).toContain("h: Not connected: no edge leads into this node.");
    expect(messages).toContain("h: Enter the URL.");
    expect(messages.filter((m) => m.includes("cycle"))).toEqual(["a: Part of a cycle; use a Loop node to repeat steps.", "b: Part of a cycle; use a Loop node to repeat steps."]);
  });

  it("flags references to variables that don't exist or don't run before the node", () => {
    const nodes = [
      node("s", "start", {}, { variables: [{ variable: "q", type: "text-input" }] }),
      node("t", "template-transform", {}, { variables: [{ variable: "x", value_selector: ["s", "nope"] }], template: "{{ x }} {{#e.output#}}" }),
      node("e", "end", {}, { outputs: [{ variable: "r", value_selector: ["t", "output"] }] }),
    ];
    const edges = [link(nodes, "s", "t"), link(nodes, "t", "e")];
    const messages = validateGraph(nodes, edges, { flavor: "workflow", environment: [], conversation: [] }).map((p) => p.message);
    expect(messages).toEqual(["{{#s.nope#}}: “Start” has no variable “nope”.", "{{#e.output#}} reads “End”, which doesn't run before this node."]);
  });

  it("finds selectors and template references wherever a node keeps them", () => {
    expect(referencesOf("llm", { prompt_template: [{ role: "user", text: "Hi {{#sys.query#}} {{#1.text#}}" }], context: { enabled: true, variable_selector: ["k", "result"] } }).map((r) => r.selector.join("."))).toEqual([
      "sys.query",
      "1.text",
      "k.result",
    ]);
    expect(referencesOf("variable-aggregator", { variables: [["a", "x"], ["b", "y"]] }).map((r) => r.selector.join("."))).toEqual(["a.x", "b.y"]);
  });
});

describe("copy and paste", () => {
  it("gives a pasted container and its body new ids, keeping their links to each other", () => {
    const nodes = [
      node("loop1", "loop", { position: { x: 100, y: 100 } }, { start_node_id: "loop1start" }),
      node("loop1start", "loop-start", { parentId: "loop1", type: "custom-loop-start" }),
      node("inner", "code", { parentId: "loop1" }, { isInLoop: true, loop_id: "loop1" }),
    ];
    const edges = [link(nodes, "loop1start", "inner")];
    const pasted = copyOf({ nodes, edges }, nodes);
    const [loop, start, inner] = pasted.nodes;
    expect(new Set(pasted.nodes.map((n) => n.id)).size).toBe(3);
    expect(pasted.nodes.some((n) => nodes.some((o) => o.id === n.id))).toBe(false);
    expect(loop!.data.start_node_id).toBe(start!.id);
    expect(start!.id).toBe(`${loop!.id}start`);
    expect([start!.parentId, inner!.parentId, inner!.data.loop_id]).toEqual([loop!.id, loop!.id, loop!.id]);
    expect(loop!.position).toEqual({ x: 140, y: 140 });
    expect(pasted.edges).toMatchObject([{ source: start!.id, target: inner!.id, data: { loop_id: loop!.id } }]);
  });
});

describe("auto-layout", () => {
  it("puts each node one column after its furthest predecessor", () => {
    const nodes = [node("s", "start"), node("a", "code"), node("b", "code"), node("e", "end")];
    const edges = [link(nodes, "s", "a"), link(nodes, "a", "b"), link(nodes, "s", "e"), link(nodes, "b", "e")];
    const x = Object.fromEntries(autoLayout(nodes, edges).map((n) => [n.id, n.position.x]));
    expect(x.s! < x.a! && x.a! < x.b! && x.b! < x.e!).toBe(true);
  });
});

describe("reading the server", () => {
  it("finds publish problems under `problems`, `params`, or `params.problems`", () => {
    const p = { node_id: "n1", field: "url", message: "URL is required." };
    expect(problemsOf({ code: "invalid_param", problems: [p] })).toEqual([p]);
    expect(problemsOf({ params: [p] })).toEqual([p]);
    expect(problemsOf({ params: { problems: [p] } })).toEqual([p]);
    expect(problemsOf({ params: { url: "URL is required." } })).toEqual([{ node_id: null, field: "url", message: "URL is required." }]);
    expect(problemsOf({ message: "nope" })).toEqual([]);
  });

  it("reads Kiln's publish refusal, whose message spells out each `node.field` param", () => {
    const body = {
      code: "invalid_param",
      message: "The workflow cannot be published: 17 url: Enter the URL; 18 edges: The graph has a cycle (18 → 19 → 18); repeat work with a loop; graph nodes: Add an End node",
      params: ["17.url", "18.edges", "nodes"],
    };
    expect(problemsOf(body)).toEqual([
      { node_id: "17", field: "url", message: "Enter the URL" },
      { node_id: "18", field: "edges", message: "The graph has a cycle (18 → 19 → 18); repeat work with a loop" },
      { node_id: null, field: "nodes", message: "Add an End node" },
    ]);
    expect(problemsOf({ message: "Unreadable", params: ["17.url"] })).toEqual([{ node_id: "17", field: "url", message: "url is invalid." }]);
  });

  it("splits a run stream into events, skipping pings and keeping a partial frame", () => {
    const { events, rest } = parseRunEvents('data: {"event":"workflow_started","data":{"id":"r"}}\n\nevent: ping\n\ndata: {"event":"node_started"');
    expect(events).toEqual([{ event: "workflow_started", data: { id: "r" } }]);
    expect(rest).toBe('data: {"event":"node_started"');
  });

  it("shows a Dify note's rich text as plain text and writes it back", () => {
    expect(noteToText(textToNote("first\nsecond"))).toBe("first\nsecond");
    expect(noteToText("not json")).toBe("not json");
  });
});
