// Iteration and loop nodes: their bodies run as sub-graphs with item/index or loop variables,
// sequentially or in parallel, with Dify's error modes, break conditions and events.
import { describe, expect, it } from "vitest";
import { graphOf, type NodeSpec, runGraph } from "./workflow-support";

const start = { id: "start", type: "start", variables: [] };

function iterationGraph(items: unknown[], body: NodeSpec[], options: Record<string, unknown> = {}, output = ["body", "value"]) {
  return graphOf(
    [
      start,
      { id: "items", type: "test-sleep", value: items },
      {
        id: "it",
        type: "iteration",
        title: "Iteration",
        start_node_id: "itstart",
        iterator_selector: ["items", "value"],
        output_selector: output,
        ...options,
      },
      { id: "itstart", type: "iteration-start", parentId: "it" },
      ...body.map((n) => ({ parentId: "it", ...n })),
      { id: "end", type: "end", outputs: [{ variable: "out", value_selector: ["it", "output"] }] },
    ],
    [["start", "items"], ["items", "it"], ["itstart", body[0].id], ...body.slice(1).map((n, i) => [body[i].id, n.id] as [string, string]), ["it", "end"]],
  );
}

describe("iteration", () => {
  it("runs its body once per item with item and index, and outputs the collected values", async () => {
    const run = await runGraph(
      iterationGraph(
        ["a", "b", "c"],
        [{ id: "body", type: "template-transform", template: "{{ i }}:{{ x }}", variables: [{ variable: "x", value_selector: ["it", "item"] }, { variable: "i", value_selector: ["it", "index"] }] }],
        {},
        ["body", "output"],
      ),
    );
    expect(run.finished).toMatchObject({ status: "succeeded", outputs: { out: ["0:a", "1:b", "2:c"] } });
    expect(run.of("iteration_started")).toHaveLength(1);
    expect(run.of("iteration_started")[0]).toMatchObject({ node_id: "it", node_type: "iteration", title: "Iteration", metadata: { iterator_length: 3 } });
    expect(run.of("iteration_next").map((n) => n.index)).toEqual([0, 1, 2]);
    const [completed] = run.of("iteration_completed");
    expect(completed).toMatchObject({ status: "succeeded", outputs: { output: ["0:a", "1:b", "2:c"] }, steps: 3 });
    expect(completed.id).toBe(run.finishedNode("it").id);
    const bodies = run.of("node_finished").filter((n) => n.node_id === "body");
    expect(bodies.map((b) => [b.iteration_id, b.execution_metadata.iteration_index])).toEqual([["it", 0], ["it", 1], ["it", 2]]);
    // iteration-start is a marker: no events, no steps.
    expect(run.started).not.toContain("itstart");
    // Dify's total_steps counts the top level only (start, items, it, end): a body runs in a frame of its own.
    expect(run.finished.total_steps).toBe(4);
  });

  it("outputs an empty list for an empty array and fails for a value that is not a list", async () => {
    const body = [{ id: "body", type: "test-sleep" }];
    expect((await runGraph(iterationGraph([], body))).finished.outputs).toEqual({ out: [] });
    // A null list (an optional input left empty) iterates over nothing too, as Dify.
    const none = await runGraph(iterationGraph([], body, { iterator_selector: ["conversation", "list"] }), { conversation: { list: null } });
    expect(none.finished).toMatchObject({ status: "succeeded", outputs: { out: [] } });
    const bad = await runGraph(iterationGraph("abc" as unknown as unknown[], body));
    expect(bad.finished.status).toBe("failed");
    expect(bad.finished.error).toBe('Node Iteration run failed: Invalid iterator value: "abc", please provide a list.');
  });

  it("runs rounds in parallel up to parallel_nums, keeping the output in item order", async () => {
    const items = [60, 10, 30];
    const graph = iterationGraph(items, [{ id: "body", type: "test-delay-by", selector: ["it", "item"] }], { is_parallel: true, parallel_nums: 3 });
    const t0 = Date.now();
    const run = await runGraph(graph);
    expect(Date.now() - t0).toBeLessThan(95);
    expect(run.finished.outputs).toEqual({ out: [60, 10, 30] });
    const finishOrder = run.of("node_finished").filter((n) => n.node_id === "body").map((n) => n.outputs?.value);
    expect(finishOrder).toEqual([10, 30, 60]);
  });

  it("runs sequentially by default, one round after the other", async () => {
    const run = await runGraph(iterationGraph([30, 5], [{ id: "body", type: "test-delay-by", selector: ["it", "item"] }]));
    expect(run.of("node_finished").filter((n) => n.node_id === "body").map((n) => n.outputs?.value)).toEqual([30, 5]);
  });

  it("limits parallel rounds to parallel_nums", async () => {
    const graph = iterationGraph([40, 40, 40, 40], [{ id: "body", type: "test-delay-by", selector: ["it", "item"] }], { is_parallel: true, parallel_nums: 2 });
    const run = await runGraph(graph);
    const trace = run.events
      .filter((e) => (e.event === "node_started" || e.event === "node_finished") && e.data.node_id === "body")
      .map((e) => (e.event === "node_started" ? "+" : "-"));
    let running = 0;
    let peak = 0;
    for (const t of trace) {
      running += t === "+" ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
  });

  const failing = (mode: string) =>
    iterationGraph(["a", "bad", "c"], [{ id: "body", type: "test-fail-on", selector: ["it", "item"], bad: "bad" }], { error_handle_mode: mode });

  it("terminated: a failing round fails the iteration and the run", async () => {
    const run = await runGraph(failing("terminated"));
    expect(run.finished.status).toBe("failed");
    expect(run.finished.error).toBe('Node Iteration run failed: Node body run failed: bad item "bad"');
    expect(run.of("iteration_completed")[0]).toMatchObject({ status: "failed", error: 'Node body run failed: bad item "bad"' });
  });

  it("continue-on-error: a failing round outputs null", async () => {
    const run = await runGraph(failing("continue-on-error"));
    // The failed round counts as an exception of the run, as in Dify.
    expect(run.finished).toMatchObject({ status: "partial-succeeded", exceptions_count: 1, outputs: { out: ["a", null, "c"] } });
  });

  it("remove-abnormal-output: a failing round is left out", async () => {
    const run = await runGraph(failing("remove-abnormal-output"));
    expect(run.finished.outputs).toEqual({ out: ["a", "c"] });
  });

  const answering = (items: unknown[], body: NodeSpec[], extra: Record<string, unknown> = {}) => {
    const graph = iterationGraph(items, [...body, { id: "body", type: "answer", answer: "[{{#it.item#}}]" }], extra, ["body", "answer"]);
    // A chatflow ends in no End node; the helper's End would stream its value into the reply.
    graph.nodes = graph.nodes.filter((n) => n.id !== "end");
    graph.edges = graph.edges.filter((e) => e.target !== "end");
    return graph;
  };

  it("in a chatflow, sends an Answer inside the body whole after each round; the run's outputs keep the last round's, as Dify's", async () => {
    const run = await runGraph(answering(["x", "y"], []), { mode: "advanced-chat" });
    // The reply (the stream) has every round; Dify merges only the last item's round into outputs.
    expect(run.of("message").map((m) => m.answer)).toEqual(["[x]", "[y]"]);
    expect(run.finished.outputs).toEqual({ answer: "[y]", files: [] });
  });

  it("leaves a failed last round's answer out of the run's outputs (parallel rounds too)", async () => {
    const check = { id: "check", type: "test-fail-on", selector: ["it", "item"], bad: "bad" };
    const run = await runGraph(answering(["x", "bad"], [check], { error_handle_mode: "continue-on-error", is_parallel: true, parallel_nums: 2 }), { mode: "advanced-chat" });
    expect(run.of("message").map((m) => m.answer)).toEqual(["[x]"]);
    expect(run.finished.outputs).toEqual({ answer: "", files: [] });
  });

  it("flattens one level when every round outputs a list, unless flatten_output is off", async () => {
    const body = [{ id: "body", type: "test-fail-on", selector: ["it", "item"], bad: null }];
    expect((await runGraph(iterationGraph([[1, 2], [3]], body))).finished.outputs).toEqual({ out: [1, 2, 3] });
    expect((await runGraph(iterationGraph([[1, 2], [3]], body, { flatten_output: false }))).finished.outputs).toEqual({ out: [[1, 2], [3]] });
    // A round continued past its error (null) is dropped from the flattened list, as Dify.
    const failOn = [{ id: "body", type: "test-fail-on", selector: ["it", "item"], bad: "bad" }];
    const continued = await runGraph(iterationGraph([[1], "bad", [2, 3]], failOn, { error_handle_mode: "continue-on-error" }));
    expect(continued.finished.outputs).toEqual({ out: [1, 2, 3] });
  });
});

function loopGraph(loop: Record<string, unknown>, body: NodeSpec[], edges: [string, string, string?][]) {
  return graphOf(
    [
      start,
      { id: "loop", type: "loop", title: "Loop", start_node_id: "lstart", logical_operator: "and", break_conditions: [], ...loop },
      { id: "lstart", type: "loop-start", parentId: "loop" },
      ...body.map((n) => ({ parentId: "loop", ...n })),
      { id: "end", type: "end", outputs: [{ variable: "num", value_selector: ["loop", "num"] }, { variable: "rounds", value_selector: ["loop", "loop_round"] }] },
    ],
    [["start", "loop"], ["loop", "end"], ...edges],
  );
}

const increment = { id: "inc", type: "assigner", version: "2", items: [{ variable_selector: ["loop", "num"], operation: "+=", input_type: "constant", value: 1 }] };
const numVar = [{ label: "num", var_type: "number", value_type: "constant", value: "1" }];

describe("loop", () => {
  it("in a chatflow, keeps every round's Answer in the run's outputs, as Dify merges each round without errors", async () => {
    const graph = loopGraph({ loop_count: 2, loop_variables: numVar }, [increment, { id: "say", type: "answer", answer: "[{{#loop.num#}}]" }], [["lstart", "inc"], ["inc", "say"]]);
    graph.nodes = graph.nodes.filter((n) => n.id !== "end");
    graph.edges = graph.edges.filter((e) => e.target !== "end");
    const run = await runGraph(graph, { mode: "advanced-chat" });
    expect(run.of("message").map((m) => m.answer)).toEqual(["[2]", "[3]"]);
    expect(run.finished.outputs).toEqual({ answer: "[2][3]", files: [] });
  });

  it("runs loop_count rounds without break conditions, emitting loop events", async () => {
    const run = await runGraph(loopGraph({ loop_count: 4, loop_variables: numVar }, [increment], [["lstart", "inc"]]));
    expect(run.finished.outputs).toEqual({ num: 5, rounds: 4 });
    expect(run.of("loop_started")[0]).toMatchObject({ node_id: "loop", metadata: { loop_length: 4 }, inputs: { loop_count: 4, num: 1 } });
    expect(run.of("loop_next").map((n) => [n.index, n.pre_loop_output])).toEqual([
      [1, { num: 2, loop_round: 1 }],
      [2, { num: 3, loop_round: 2 }],
      [3, { num: 4, loop_round: 3 }],
    ]);
    expect(run.of("loop_completed")[0]).toMatchObject({
      status: "succeeded",
      steps: 4,
      outputs: { num: 5, loop_round: 4 },
      execution_metadata: { completed_reason: "loop_completed" },
    });
    const incs = run.of("node_finished").filter((n) => n.node_id === "inc");
    expect(incs.map((n) => [n.loop_id, n.execution_metadata.loop_index])).toEqual([["loop", 0], ["loop", 1], ["loop", 2], ["loop", 3]]);
  });

  it("starts each round without the outputs its body's nodes left in the last one, as Dify", async () => {
    const run = await runGraph(
      loopGraph(
        { loop_count: 2, loop_variables: numVar },
        [
          { id: "first", type: "if-else", cases: [{ case_id: "true", logical_operator: "and", conditions: [{ variable_selector: ["loop", "num"], comparison_operator: "=", value: "1" }] }] },
          { id: "A", type: "test-sleep", value: "from round 0" },
          { id: "agg", type: "variable-aggregator", output_type: "any", variables: [["A", "value"], ["loop", "num"]] },
          increment,
        ],
        [["lstart", "first"], ["first", "A", "true"], ["first", "agg", "false"], ["A", "agg"], ["agg", "inc"]],
      ),
    );
    expect(run.finished.status).toBe("succeeded");
    // Round 1 does not run A: the aggregator no longer sees round 0's value.
    expect(run.of("node_finished").filter((n) => n.node_id === "agg").map((n) => n.outputs?.output)).toEqual(["from round 0", 2]);
  });

  it("stops when its break conditions hold", async () => {
    const run = await runGraph(
      loopGraph(
        { loop_count: 10, loop_variables: numVar, break_conditions: [{ variable_selector: ["loop", "num"], comparison_operator: "≥", value: "3" }] },
        [increment],
        [["lstart", "inc"]],
      ),
    );
    expect(run.finished.outputs).toEqual({ num: 3, rounds: 2 });
    expect(run.of("loop_completed")[0].execution_metadata.completed_reason).toBe("loop_break");
  });

  it("runs no round when the break conditions already hold", async () => {
    const run = await runGraph(
      loopGraph(
        { loop_count: 10, loop_variables: numVar, break_conditions: [{ variable_selector: ["loop", "num"], comparison_operator: "=", value: "1" }] },
        [increment],
        [["lstart", "inc"]],
      ),
    );
    expect(run.finished.outputs).toEqual({ num: 1, rounds: 0 });
    expect(run.started).not.toContain("inc");
  });

  it("stops when a loop-end node is reached", async () => {
    const run = await runGraph(
      loopGraph(
        { loop_count: 10, loop_variables: numVar },
        [
          increment,
          { id: "check", type: "if-else", cases: [{ case_id: "done", conditions: [{ variable_selector: ["loop", "num"], comparison_operator: ">", value: "3" }] }] },
          { id: "stop", type: "loop-end" },
        ],
        [["lstart", "inc"], ["inc", "check"], ["check", "stop", "done"]],
      ),
    );
    expect(run.finished.outputs).toEqual({ num: 4, rounds: 3 });
  });

  it("fails the run when a body node fails, with loop_completed failed", async () => {
    const run = await runGraph(loopGraph({ loop_count: 3, loop_variables: numVar }, [{ id: "bad", type: "test-fail" }], [["lstart", "bad"]]));
    expect(run.finished.error).toBe("Node Loop run failed: Node bad run failed: boom (attempt 1)");
    expect(run.of("loop_completed")[0]).toMatchObject({ status: "failed" });
  });

  it("rejects a loop variable constant that does not fit its type", async () => {
    const run = await runGraph(loopGraph({ loop_count: 1, loop_variables: [{ label: "num", var_type: "number", value_type: "constant", value: "x" }] }, [increment], [["lstart", "inc"]]));
    expect(run.finished.error).toBe('Node Loop run failed: Invalid value for loop variable num: "x" is not a number');
  });

  it("counts the steps of every round toward the step limit", async () => {
    const run = await runGraph(loopGraph({ loop_count: 50, loop_variables: numVar }, [increment], [["lstart", "inc"]]), { limits: { maxSteps: 10 } });
    expect(run.finished.status).toBe("stopped");
    expect(run.finished.error).toBe("Aborted: Maximum execution steps exceeded: 11 > 10");
  });
});
