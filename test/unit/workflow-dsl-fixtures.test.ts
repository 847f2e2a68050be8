/// <reference types="vite/client" />
// Real Dify 1.11.2 DSL exports (test/fixtures/dify-dsl, see SOURCE.md there) whose graphs need
// only the logic nodes: each runs through the engine with the outputs its structure implies.
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { RunWorkflowInput } from "../../src/workflow/engine";
import { type Graph, graphSchema } from "../../src/workflow/graph";
import { runGraph } from "./workflow-support";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });

interface Dsl {
  graph: Graph;
  conversation: Record<string, unknown>;
  mode: RunWorkflowInput["mode"];
}

function load(name: string): Dsl {
  const text = FIXTURES[`../fixtures/dify-dsl/${name}`];
  if (!text) throw new Error(`missing fixture ${name}`);
  const doc = YAML.parse(text);
  const conversation: Record<string, unknown> = {};
  for (const v of doc.workflow.conversation_variables ?? []) conversation[v.name] = v.value;
  return { graph: graphSchema.parse(doc.workflow.graph), conversation, mode: doc.app.mode };
}

const run = (dsl: Dsl, options: Partial<RunWorkflowInput> = {}) =>
  runGraph(dsl.graph, { mode: dsl.mode, conversation: dsl.conversation, ...options });

describe("simple_passthrough_workflow.yml", () => {
  const dsl = load("simple_passthrough_workflow.yml");

  it("returns the query it was given, streamed as a text chunk", async () => {
    const r = await run(dsl, { inputs: { query: "hello" } });
    expect(r.finished).toMatchObject({ status: "succeeded", outputs: { query: "hello" }, total_steps: 2 });
    expect(r.of("text_chunk").map((c) => c.text)).toEqual(["hello"]);
  });

  it("fails without the required query", async () => {
    const r = await run(dsl, { inputs: {} });
    expect(r.finished).toMatchObject({ status: "failed", error: "Node Start run failed: query is required in input form" });
  });
});

describe("conditional_hello_branching_workflow.yml", () => {
  const dsl = load("conditional_hello_branching_workflow.yml");

  it.each([
    ["hello world", { true: "hello world" }, "End"],
    ["goodbye", { false: "goodbye" }, "End 2"],
  ])("routes %j to the matching End only", async (query, outputs, endTitle) => {
    const r = await run(dsl, { inputs: { query } });
    expect(r.finished).toMatchObject({ status: "succeeded", outputs });
    const ends = r.of("node_finished").filter((n) => n.node_type === "end");
    expect(ends.map((n) => n.title)).toEqual([endTitle]);
  });
});

describe("dual_switch_variable_aggregator_workflow.yml", () => {
  const dsl = load("dual_switch_variable_aggregator_workflow.yml");

  it.each([
    [1, 1, "switch 1 on", "switch 2 on"],
    [1, 0, "switch 1 on", "switch 2 off"],
    [0, 1, "switch 1 off", "switch 2 on"],
    ["0", "0", "switch 1 off", "switch 2 off"],
  ])("switch1=%j switch2=%j aggregates the branches that ran", async (switch1, switch2, group1, group2) => {
    const r = await run(dsl, { inputs: { switch1, switch2 } });
    expect(r.finished).toMatchObject({ status: "succeeded", outputs: { group1, group2 } });
    // Two of the four template nodes ran; the aggregator waited for both branches.
    expect(r.of("node_finished").filter((n) => n.node_type === "template-transform")).toHaveLength(2);
    expect(r.of("node_finished").filter((n) => n.node_type === "variable-aggregator")).toHaveLength(1);
  });
});

describe("array_iteration_formatting_workflow.yml", () => {
  const dsl = load("array_iteration_formatting_workflow.yml");

  it("runs its python3 code node and formats each element", async () => {
    const r = await run(dsl);
    expect(r.finished).toMatchObject({ status: "succeeded", outputs: { output: ["output: 1", "output: 2", "output: 3"] } });
    expect(r.of("iteration_next")).toHaveLength(3);
  });

  it("formats each element the same with the code node in JavaScript", async () => {
    const graph = structuredClone(dsl.graph);
    const code = graph.nodes.find((n) => n.data.type === "code");
    if (!code) throw new Error("the fixture has no code node");
    Object.assign(code.data, { code_language: "javascript", code: "function main() {\n  return { result: [1, 2, 3] };\n}\n" });
    const r = await runGraph(graph, { mode: dsl.mode });
    expect(r.finished).toMatchObject({ status: "succeeded", outputs: { output: ["output: 1", "output: 2", "output: 3"] } });
    expect(r.of("iteration_next")).toHaveLength(3);
  });
});

describe("increment_loop_with_break_condition_workflow.yml", () => {
  it("increments num from 1 until num ≥ 5", async () => {
    const r = await run(load("increment_loop_with_break_condition_workflow.yml"));
    expect(r.finished).toMatchObject({ status: "succeeded", outputs: { num: 5 } });
    expect(r.of("loop_completed")[0]).toMatchObject({ steps: 4, execution_metadata: { completed_reason: "loop_break" } });
  });
});

describe("answer_end_with_text.yml", () => {
  it("streams prefix, the query and suffix as message events", async () => {
    const r = await run(load("answer_end_with_text.yml"), { sys: { query: "QUERY" } });
    expect(r.of("message").map((m) => m.answer)).toEqual(["prefix", "QUERY", "suffix"]);
    expect(r.finished.outputs).toEqual({ answer: "prefixQUERYsuffix", files: [] });
  });
});

describe("test_streaming_conversation_variables.yml", () => {
  it("answers with the conversation variable after the assigner set it to the query", async () => {
    const dsl = load("test_streaming_conversation_variables.yml");
    expect(dsl.conversation).toEqual({ str: "default" });
    const r = await run(dsl, { sys: { query: "new value" } });
    expect(r.of("message").map((m) => m.answer)).toEqual(["new value"]);
    expect(r.conversation).toEqual({ str: "new value" });
  });
});
