// The workflow engine through runWorkflow: scheduling, branching and skipping, concurrency,
// error strategies, retries, limits, stop, streaming order and the event shapes Dify sends.
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { WorkflowNode } from "../../src/workflow/nodes/types";
import { attempts, graphOf, runGraph } from "./workflow-support";

beforeEach(() => attempts.clear());

const start = { id: "start", type: "start", variables: [] };

describe("running a graph", () => {
  it("runs a chain and yields Dify's events in order, with the End outputs as the run's outputs", async () => {
    const graph = graphOf(
      [
        { id: "start", type: "start", variables: [{ variable: "name", type: "text-input", required: true }] },
        { id: "greet", type: "template-transform", template: "Hello {{ who }}", variables: [{ variable: "who", value_selector: ["start", "name"] }] },
        { id: "end", type: "end", outputs: [{ variable: "greeting", value_selector: ["greet", "output"] }] },
      ],
      [["start", "greet"], ["greet", "end"]],
    );
    const run = await runGraph(graph, { inputs: { name: "Ada" } });
    expect(run.events.map((e) => e.event)).toEqual([
      "workflow_started",
      "node_started",
      "node_finished",
      "node_started",
      "node_finished",
      "node_started",
      "text_chunk",
      "node_finished",
      "workflow_finished",
    ]);
    expect(run.finished).toMatchObject({ status: "succeeded", outputs: { greeting: "Hello Ada" }, error: null, total_steps: 3, exceptions_count: 0 });
    const [started] = run.of("workflow_started");
    expect(started).toMatchObject({ id: "run1", workflow_id: "wf1", inputs: { name: "Ada", "sys.user_id": "u1", "sys.app_id": "app1" } });
    const greet = run.finishedNode("greet");
    expect(greet).toMatchObject({ node_type: "template-transform", title: "greet", index: 2, predecessor_node_id: "start", status: "succeeded", outputs: { output: "Hello Ada" } });
    expect(greet.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(greet.id).not.toBe(run.finishedNode("start").id);
    expect(Number.isInteger(greet.created_at) && greet.created_at > 1.7e9 && greet.created_at < 1e10).toBe(true);
    expect(run.of("text_chunk")).toEqual([{ text: "Hello Ada", from_variable_selector: ["greet", "output"] }]);
  });

  it("ignores note nodes and fails a graph with an unknown node type before running anything", async () => {
    const graph = graphOf([start, { id: "x", type: "datasource" }, { id: "end", type: "end", outputs: [] }], [["start", "end"]]);
    graph.nodes.push({ id: "note", type: "custom-note", data: { type: "", title: "" } });
    const run = await runGraph(graph);
    expect(run.finished.status).toBe("failed");
    expect(run.finished.error).toContain('Node x has an unsupported type "datasource"');
    expect(run.started).toEqual([]);
  });

  it("reports invalid node settings with the node and field", async () => {
    const graph = graphOf([start, { id: "tpl", type: "template-transform", variables: [{ variable: "a" }] }], [["start", "tpl"]]);
    const run = await runGraph(graph);
    expect(run.finished.status).toBe("failed");
    expect(run.finished.error).toMatch(/Node tpl has invalid settings: variables\.0\.value_selector/);
  });

  it("fails a graph without a start node", async () => {
    const run = await runGraph(graphOf([{ id: "end", type: "end", outputs: [] }], []));
    expect(run.finished).toMatchObject({ status: "failed", error: "The workflow has no start node." });
  });
});

describe("branches", () => {
  const branching = graphOf(
    [
      { id: "start", type: "start", variables: [{ variable: "n", type: "number", required: true }] },
      {
        id: "if",
        type: "if-else",
        cases: [
          { case_id: "big", logical_operator: "and", conditions: [{ variable_selector: ["start", "n"], comparison_operator: ">", value: "10" }] },
          { case_id: "mid", logical_operator: "and", conditions: [{ variable_selector: ["start", "n"], comparison_operator: ">", value: "5" }] },
        ],
      },
      { id: "a", type: "test-sleep", value: "big" },
      { id: "b", type: "test-sleep", value: "mid" },
      { id: "c", type: "test-sleep", value: "small" },
      { id: "after_c", type: "test-sleep", value: "after small" },
      { id: "agg", type: "variable-aggregator", variables: [["a", "value"], ["b", "value"], ["after_c", "value"]] },
      { id: "end", type: "end", outputs: [{ variable: "picked", value_selector: ["agg", "output"] }] },
    ],
    [
      ["start", "if"],
      ["if", "a", "big"],
      ["if", "b", "mid"],
      ["if", "c", "false"],
      ["c", "after_c"],
      ["a", "agg"],
      ["b", "agg"],
      ["after_c", "agg"],
      ["agg", "end"],
    ],
  );

  it.each([
    [20, "big", ["a"]],
    [7, "mid", ["b"]],
    [1, "after small", ["c", "after_c"]],
  ])("n=%s follows one case and skips the others without node events", async (n, picked, ran) => {
    const run = await runGraph(branching, { inputs: { n } });
    expect(run.finished.outputs).toEqual({ picked });
    expect(run.started).toEqual(["start", "if", ...ran, "agg", "end"]);
    expect(run.finishedNode("if").outputs).toMatchObject({ result: picked !== "after small" });
  });

  it("skips a node whose every incoming branch was skipped, and everything after it", async () => {
    const graph = graphOf(
      [
        start,
        { id: "if", type: "if-else", conditions: [{ variable_selector: ["sys", "user_id"], comparison_operator: "is", value: "nobody" }], logical_operator: "and" },
        { id: "t1", type: "test-sleep" },
        { id: "t2", type: "test-sleep" },
        { id: "join", type: "test-sleep" },
        { id: "tail", type: "test-sleep" },
        { id: "f", type: "end", outputs: [{ variable: "x", value_selector: ["sys", "user_id"] }] },
      ],
      [["start", "if"], ["if", "t1", "true"], ["if", "t2", "true"], ["t1", "join"], ["t2", "join"], ["join", "tail"], ["if", "f", "false"]],
    );
    const run = await runGraph(graph);
    expect(run.started).toEqual(["start", "if", "f"]);
    expect(run.finished).toMatchObject({ status: "succeeded", outputs: { x: "u1" }, total_steps: 3 });
  });

  it("runs parallel branches concurrently and joins them", async () => {
    const graph = graphOf(
      [
        start,
        { id: "left", type: "test-sleep", ms: 60, value: "L" },
        { id: "right", type: "test-sleep", ms: 60, value: "R" },
        { id: "end", type: "end", outputs: [{ variable: "l", value_selector: ["left", "value"] }, { variable: "r", value_selector: ["right", "value"] }] },
      ],
      [["start", "left"], ["start", "right"], ["left", "end"], ["right", "end"]],
    );
    const t0 = Date.now();
    const run = await runGraph(graph);
    const elapsed = Date.now() - t0;
    const order = run.events
      .filter((e) => (e.event === "node_started" || e.event === "node_finished") && e.data.node_id !== "start")
      .map((e) => `${e.event === "node_started" ? "+" : "-"}${(e.data as { node_id: string }).node_id}`);
    expect(order.slice(0, 2).sort()).toEqual(["+left", "+right"]);
    expect(order.at(-1)).toBe("-end");
    expect(run.finished.outputs).toEqual({ l: "L", r: "R" });
    // Two 60 ms branches one after the other would take 120 ms.
    expect(elapsed).toBeLessThan(115);
  });
});

describe("failures", () => {
  const failing = (extra: Record<string, unknown>) =>
    graphOf(
      [
        start,
        { id: "risky", type: "test-fail", title: "Risky", message: "upstream broke", ...extra },
        { id: "ok", type: "test-sleep", value: "normal path" },
        { id: "handler", type: "test-sleep", value: "fail path" },
        { id: "end", type: "end", outputs: [{ variable: "msg", value_selector: ["risky", "error_message"] }, { variable: "v", value_selector: ["risky", "value"] }] },
      ],
      [["start", "risky"], ["risky", "ok", "source"], ["risky", "handler", "fail-branch"], ["ok", "end"], ["handler", "end"]],
    );

  it("without a strategy, ends the run failed naming the node, and runs nothing after it", async () => {
    const run = await runGraph(failing({}));
    expect(run.finished.status).toBe("failed");
    expect(run.finished.error).toBe("Node Risky run failed: upstream broke (attempt 1)");
    // As in Dify, the failed node keeps the inputs and process data it got as far as.
    expect(run.finishedNode("risky")).toMatchObject({
      status: "failed",
      error: "upstream broke (attempt 1)",
      outputs: null,
      inputs: { message: "upstream broke" },
      process_data: { attempt: 1 },
    });
    expect(run.started).toEqual(["start", "risky"]);
  });

  it("with fail-branch, marks the node `exception` and follows the fail-branch edge", async () => {
    const run = await runGraph(failing({ error_strategy: "fail-branch" }));
    const risky = run.finishedNode("risky");
    expect(risky).toMatchObject({
      status: "exception",
      error: "upstream broke (attempt 1)",
      // A failure no node names is Dify's WorkflowNodeError.
      outputs: { error_message: "upstream broke (attempt 1)", error_type: "WorkflowNodeError" },
      inputs: { message: "upstream broke" },
      process_data: { attempt: 1 },
      execution_metadata: { error_strategy: "fail-branch" },
    });
    expect(run.started).toEqual(["start", "risky", "handler", "end"]);
    expect(run.finished).toMatchObject({ status: "partial-succeeded", exceptions_count: 1, outputs: { msg: "upstream broke (attempt 1)", v: null } });
  });

  it("with fail-branch, a node that succeeds follows its normal edge", async () => {
    const run = await runGraph(failing({ error_strategy: "fail-branch", failTimes: 0 }));
    expect(run.started).toEqual(["start", "risky", "ok", "end"]);
    expect(run.finished).toMatchObject({ status: "succeeded", exceptions_count: 0 });
  });

  it("with default-value, outputs the defaults (JSON-typed ones parsed) and continues normally", async () => {
    const run = await runGraph(
      failing({
        error_strategy: "default-value",
        default_value: [
          { key: "value", type: "string", value: "fallback" },
          { key: "n", type: "number", value: "42" },
        ],
      }),
    );
    expect(run.finishedNode("risky")).toMatchObject({ status: "exception", outputs: { value: "fallback", n: 42, error_type: "WorkflowNodeError" }, inputs: { message: "upstream broke" } });
    expect(run.started).toEqual(["start", "risky", "ok", "end"]);
    expect(run.finished).toMatchObject({ status: "partial-succeeded", outputs: { v: "fallback" } });
  });

  it("retries a failing node, emitting node_retry, until it succeeds", async () => {
    const run = await runGraph(failing({ failTimes: 2, retry_config: { retry_enabled: true, max_retries: 3, retry_interval: 5 } }));
    // Each retry event carries what its attempt got as far as.
    expect(run.of("node_retry").map((r) => [r.retry_index, r.error, r.status, r.process_data])).toEqual([
      [1, "upstream broke (attempt 1)", "retry", { attempt: 1 }],
      [2, "upstream broke (attempt 2)", "retry", { attempt: 2 }],
    ]);
    expect(run.finishedNode("risky")).toMatchObject({ status: "succeeded", outputs: { value: "ok after 3" } });
    // Dify's engine counts every failed attempt: the run ends partial-succeeded, and each attempt is a step.
    expect(run.finished).toMatchObject({ status: "partial-succeeded", exceptions_count: 2, total_steps: 6 });
  });

  it("retries only the node types Dify retries (code, HTTP request, LLM, tool, agent)", async () => {
    const graph = graphOf(
      [start, { id: "t", type: "template-transform", template: "{% if %}", variables: [], retry_config: { retry_enabled: true, max_retries: 3, retry_interval: 0 } }],
      [["start", "t"]],
    );
    const run = await runGraph(graph);
    expect(run.of("node_retry")).toHaveLength(0);
    expect(run.finished).toMatchObject({ status: "failed", exceptions_count: 1 });
  });

  it("gives up after max_retries and then applies the failure", async () => {
    const run = await runGraph(failing({ retry_config: { retry_enabled: true, max_retries: 2, retry_interval: 0 } }));
    expect(run.of("node_retry")).toHaveLength(2);
    expect(run.finished.error).toBe("Node Risky run failed: upstream broke (attempt 3)");
  });

  it("does not retry when retry is disabled, whatever max_retries says", async () => {
    const run = await runGraph(failing({ retry_config: { retry_enabled: false, max_retries: 5, retry_interval: 0 } }));
    expect(run.of("node_retry")).toHaveLength(0);
    expect(run.finished.status).toBe("failed");
  });
});

describe("limits and stopping", () => {
  const chain = (length: number, type = "test-sleep") => {
    const nodes = [start, ...Array.from({ length }, (_, i) => ({ id: `n${i}`, type }))];
    const edges = nodes.slice(1).map((n, i) => [nodes[i].id, n.id] as [string, string]);
    return graphOf(nodes, edges);
  };

  it("ends the run stopped, as Dify aborts it, when it exceeds the step limit", async () => {
    const run = await runGraph(chain(10), { limits: { maxSteps: 5 } });
    expect(run.finished.status).toBe("stopped");
    expect(run.finished.error).toBe("Aborted: Maximum execution steps exceeded: 6 > 5");
    expect(run.started).toHaveLength(5);
  });

  it("ends the run stopped, as Dify aborts it, when it exceeds the time limit, even if a node ignores the signal", async () => {
    const run = await runGraph(chain(1, "test-hang"), { limits: { timeoutMs: 50 } });
    expect(run.finished.status).toBe("stopped");
    expect(run.finished.error).toMatch(/^Aborted: Maximum execution time exceeded: \d+\.\d\ds > 0\.05s$/);
    // The node the run ended under ends with it (once), just before workflow_finished.
    expect(run.finishedNode("n0")).toMatchObject({ status: "stopped", error: run.finished.error, outputs: null });
    expect(run.events.filter((e) => e.event === "node_finished" && e.data.node_id === "n0")).toHaveLength(1);
    expect(run.events.at(-2)).toMatchObject({ event: "node_finished", data: { node_id: "n0" } });
  });

  it("ends the run stopped when the caller aborts, and the node in flight stopped", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const run = await runGraph(chain(1, "test-hang"), { signal: controller.signal });
    expect(run.finished).toMatchObject({ status: "stopped", error: "Workflow run stopped by user." });
    const last = run.started.at(-1)!;
    expect(run.finishedNode(last)).toMatchObject({ status: "stopped", error: "Workflow run stopped by user." });
    expect(run.events.filter((e) => e.event === "node_finished" && e.data.node_id === last)).toHaveLength(1);
  });

  it("stops before running anything when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runGraph(chain(3), { signal: controller.signal });
    expect(run.finished.status).toBe("stopped");
    expect(run.started).toEqual([]);
  });

  it("lets timers fire before a code node only while someone watches the run", async () => {
    // `arm` sets a timer; `code` (a stand-in with the code node's type) reports whether it fired.
    const codeRunsAfterTimer = async (watched?: boolean) => {
      let fired = false;
      const nodes: Record<string, WorkflowNode> = {
        "test-arm": {
          type: "test-arm",
          schema: z.looseObject({}),
          async run() {
            setTimeout(() => {
              fired = true;
            }, 0);
            return { outputs: {} };
          },
        },
        code: { type: "code", schema: z.looseObject({}), run: async () => ({ outputs: { fired } }) },
      };
      const graph = graphOf([start, { id: "arm", type: "test-arm" }, { id: "code", type: "code" }], [["start", "arm"], ["arm", "code"]]);
      const run = await runGraph(graph, { nodes, ...(watched === undefined ? {} : { watched: () => watched }) });
      return run.finishedNode("code").outputs;
    };
    // Streamed: the code node's node_started can reach the client (and a stop land) before it computes.
    expect(await codeRunsAfterTimer()).toEqual({ fired: true });
    expect(await codeRunsAfterTimer(true)).toEqual({ fired: true });
    // Blocking: nothing to let out, so no timer's worth of delay (about a millisecond) per code node.
    expect(await codeRunsAfterTimer(false)).toEqual({ fired: false });
  });

  it("takes no turn of the event loop before the first node of a run nobody watches", async () => {
    // A timer armed before the run; the first node after start reports whether it fired.
    const firstNodeAfterTimer = async (watched: boolean) => {
      let fired = false;
      const probe: WorkflowNode = { type: "test-probe", schema: z.looseObject({}), run: async () => ({ outputs: { fired } }) };
      setTimeout(() => {
        fired = true;
      }, 0);
      const graph = graphOf([start, { id: "probe", type: "test-probe" }], [["start", "probe"]]);
      const run = await runGraph(graph, { nodes: { "test-probe": probe }, watched: () => watched });
      return run.finishedNode("probe").outputs;
    };
    // Streamed: one turn first, so workflow_started is out before any node computes.
    expect(await firstNodeAfterTimer(true)).toEqual({ fired: true });
    // Blocking: none, neither before the run's first node nor at its step 0.
    expect(await firstNodeAfterTimer(false)).toEqual({ fired: false });
  });

  it("runs a 100-node chain to the end (its per-node overhead is `npm run bench`'s workflow_engine_per_node)", async () => {
    const run = await runGraph(chain(100, "test-noop"));
    expect(run.finished).toMatchObject({ status: "succeeded", total_steps: 101 });
    expect(run.started).toHaveLength(101);
  });
});

describe("streaming", () => {
  it("streams an Answer in order: text at once, LLM chunks as they come, the rest after", async () => {
    const graph = graphOf(
      [
        start,
        { id: "llm", type: "test-llm", chunks: ["Hel", "lo", " there"], delayMs: 10 },
        { id: "answer", type: "answer", answer: "Bot: {{#llm.text#}} (user {{#sys.user_id#}})" },
      ],
      [["start", "llm"], ["llm", "answer"]],
    );
    const run = await runGraph(graph, { mode: "advanced-chat" });
    const trace = run.events
      .filter((e) => e.event === "message" || (e.event === "node_finished" && e.data.node_id === "llm"))
      .map((e) => (e.event === "message" ? e.data.answer : "<llm finished>"));
    expect(trace).toEqual(["Bot: ", "Hel", "lo", " there", "<llm finished>", " (user ", "u1", ")"]);
    expect(run.of("message")[1]).toEqual({ answer: "Hel", from_variable_selector: ["llm", "text"] });
    expect(run.of("message")[0].from_variable_selector).toEqual(["answer", "answer"]);
    expect(run.of("text_chunk")).toEqual([]);
    expect(run.finished.outputs).toEqual({ answer: "Bot: Hello there (user u1)", files: [] });
  });

  it("streams several Answers one after the other, buffering a later one's LLM", async () => {
    const graph = graphOf(
      [
        start,
        { id: "slow", type: "test-llm", chunks: ["a", "b"], delayMs: 40 },
        { id: "fast", type: "test-llm", chunks: ["x", "y"], delayMs: 1 },
        { id: "first", type: "answer", answer: "1:{{#slow.text#}};" },
        { id: "second", type: "answer", answer: "2:{{#fast.text#}};" },
      ],
      [["start", "slow"], ["start", "fast"], ["slow", "first"], ["first", "second"], ["fast", "second"]],
    );
    const run = await runGraph(graph, { mode: "advanced-chat" });
    expect(run.of("message").map((m) => m.answer).join("|")).toBe("1:|a|b|;|2:|x|y|;");
  });

  it("reads the run's files as userinput.files, newer Dify's name for sys.files", async () => {
    const files = [
      { type: "document", transfer_method: "remote_url", url: "https://example.com/a.pdf" },
      { type: "image", transfer_method: "remote_url", url: "https://example.com/b.png", filename: "b.png" },
    ];
    const graph = graphOf(
      [start, { id: "answer", type: "answer", answer: "{{#userinput.files#}}|{{#sys.files#}}" }],
      [["start", "answer"]],
    );
    const run = await runGraph(graph, { mode: "advanced-chat", sys: { query: "q", files } });
    // an Answer prints files as Dify's Markdown: images inline, other files as links
    const markdown = "[https://example.com/a.pdf](https://example.com/a.pdf)\n![b.png](https://example.com/b.png)";
    expect(run.finished.outputs.answer).toBe(`${markdown}|${markdown}`);
  });

  it("does not stream an Answer on a branch that was not taken", async () => {
    const graph = graphOf(
      [
        start,
        { id: "if", type: "if-else", cases: [{ case_id: "yes", conditions: [{ variable_selector: ["sys", "query"], comparison_operator: "contains", value: "hi" }] }] },
        { id: "hello", type: "answer", answer: "Hello!" },
        { id: "other", type: "answer", answer: "Sorry?" },
      ],
      [["start", "if"], ["if", "hello", "yes"], ["if", "other", "false"]],
    );
    const run = await runGraph(graph, { mode: "advanced-chat", sys: { query: "oh hi" } });
    expect(run.of("message").map((m) => m.answer)).toEqual(["Hello!"]);
    expect(run.finished.outputs.answer).toBe("Hello!");
  });

  it("streams a workflow's End outputs as text_chunk, forwarding LLM chunks", async () => {
    const graph = graphOf(
      [
        start,
        { id: "llm", type: "test-llm", chunks: ["one ", "two"], tokens: 7 },
        { id: "end", type: "end", outputs: [{ variable: "text", value_selector: ["llm", "text"] }] },
      ],
      [["start", "llm"], ["llm", "end"]],
    );
    const run = await runGraph(graph);
    expect(run.of("text_chunk")).toEqual([
      { text: "one ", from_variable_selector: ["llm", "text"] },
      { text: "two", from_variable_selector: ["llm", "text"] },
    ]);
    expect(run.of("message")).toEqual([]);
    expect(run.finished).toMatchObject({ outputs: { text: "one two" }, total_tokens: 7 });
    expect(run.finishedNode("llm").execution_metadata).toMatchObject({ total_tokens: 7, currency: "USD" });
  });

  it("streams several End outputs with a newline between two, as Dify's End template", async () => {
    const graph = graphOf(
      [
        start,
        { id: "llm", type: "test-llm", chunks: ["one ", "two"], tokens: 7 },
        {
          id: "end",
          type: "end",
          outputs: [
            { variable: "text", value_selector: ["llm", "text"] },
            { variable: "who", value_selector: ["sys", "user_id"] },
            { variable: "unset", value_selector: [] },
          ],
        },
      ],
      [["start", "llm"], ["llm", "end"]],
    );
    const run = await runGraph(graph);
    expect(run.of("text_chunk").map((c) => c.text)).toEqual(["one ", "two", "\n", "u1"]);
    expect(run.of("text_chunk")[2].from_variable_selector).toEqual(["end", "answer"]);
  });
});

describe("conversation variables", () => {
  it("lets an assigner change conversation variables and exposes the final values on the run", async () => {
    const graph = graphOf(
      [
        start,
        {
          id: "assign",
          type: "assigner",
          version: "2",
          items: [
            { variable_selector: ["conversation", "count"], operation: "+=", input_type: "constant", value: 2 },
            { variable_selector: ["conversation", "log"], operation: "append", input_type: "variable", value: ["sys", "query"] },
          ],
        },
        { id: "answer", type: "answer", answer: "{{#conversation.count#}} {{#conversation.log#}}" },
      ],
      [["start", "assign"], ["assign", "answer"]],
    );
    const initial = { count: 1, log: ["a"] };
    const run = await runGraph(graph, { mode: "advanced-chat", sys: { query: "b" }, conversation: initial });
    expect(run.conversation).toEqual({ count: 3, log: ["a", "b"] });
    expect(initial).toEqual({ count: 1, log: ["a"] });
    // a list prints as Dify's Markdown list in an Answer
    expect(run.finished.outputs.answer).toBe("3 - a\n- b");
    expect(run.of("message").map((m) => m.answer).join("")).toBe("3 - a\n- b");
  });
});
