// Pausing and resuming the engine (Human Input nodes): a run pauses once every branch that can
// run has, its snapshot holds what finished, and a resumed run replays that without events or
// work, runs the answered form's node, and goes on; a second form still waiting pauses it again.
import { describe, expect, it } from "vitest";
import type { FormOutcome, RunResume } from "../../src/workflow/engine";
import type { WorkflowEvent } from "../../src/workflow/events";
import type { Graph } from "../../src/workflow/graph";
import { graphOf, graphRun } from "./workflow-support";

const form = (id: string) => ({
  type: "human-input",
  form_content: `Form ${id}: {{#$output.note#}}`,
  inputs: [{ type: "paragraph", output_variable_name: "note" }],
  user_actions: [{ id: "go", title: "Go" }],
});

/** start → ask (form) → after ← slow ← start; after → end. */
const GRAPH = graphOf(
  [
    { id: "start", type: "start", variables: [] },
    { id: "ask", ...form("ask") },
    { id: "slow", type: "test-sleep", ms: 30, value: "slept" },
    { id: "after", type: "template-transform", template: "{{ note }} + {{ slow }}", variables: [{ variable: "note", value_selector: ["ask", "note"] }, { variable: "slow", value_selector: ["slow", "value"] }] },
    { id: "end", type: "end", outputs: [{ variable: "out", value_selector: ["after", "output"] }] },
  ],
  [["start", "ask"], ["start", "slow"], ["ask", "after", "go"], ["slow", "after"], ["after", "end"]],
);

async function run(graph: Graph, resume?: RunResume) {
  const handle = graphRun(graph, { resume });
  const events: WorkflowEvent[] = [];
  for await (const e of handle) events.push(e);
  return { events, names: events.map((e) => e.event), pause: handle.pause };
}

const started = (events: WorkflowEvent[]) => events.flatMap((e) => (e.event === "node_started" ? [e.data.node_id] : []));

describe("pausing a run at a form", () => {
  it("lets the other branch finish first, then replays it untouched when the answer comes", async () => {
    const first = await run(GRAPH);
    expect(first.names.slice(-2)).toEqual(["human_input_required", "workflow_paused"]);
    // The parallel branch ran to its end before the pause.
    expect(started(first.events).sort()).toEqual(["ask", "slow", "start"]);
    expect(first.pause?.snapshot.done).toMatchObject({ start: { handle: "source" }, slow: { handle: "source", outputs: { value: "slept" } } });
    expect(first.pause?.snapshot.done.ask).toBeUndefined();
    expect(first.pause?.reasons.map((r) => [r.nodeId, r.created])).toEqual([["ask", true]]);
    const asked = first.pause!.reasons[0].form;
    expect(asked.form_content).toBe("Form ask: {{#$output.note#}}");

    const forms: Record<string, FormOutcome> = { ask: { kind: "submitted", actionId: "go", data: { note: "hi" }, form: asked } };
    const second = await run(GRAPH, { snapshot: first.pause!.snapshot, forms });
    expect(second.events[0]).toMatchObject({ event: "workflow_started", data: { reason: "resumption" } });
    // Nothing that had finished runs again; the form's node does, and what follows.
    expect(started(second.events)).toEqual(["ask", "after", "end"]);
    expect(second.names).toContain("human_input_form_filled");
    const finished = second.events.at(-1);
    expect(finished).toMatchObject({ event: "workflow_finished", data: { status: "succeeded", outputs: { out: "hi + slept" } } });
  });

  it("pauses again on a form still waiting when another form of the same pause is answered", async () => {
    const graph = graphOf(
      [
        { id: "start", type: "start", variables: [] },
        { id: "a", ...form("a") },
        { id: "b", ...form("b") },
        { id: "end", type: "end", outputs: [{ variable: "a", value_selector: ["a", "note"] }, { variable: "b", value_selector: ["b", "note"] }] },
      ],
      [["start", "a"], ["start", "b"], ["a", "end", "go"], ["b", "end", "go"]],
    );
    const first = await run(graph);
    expect(first.pause?.reasons.map((r) => r.nodeId).sort()).toEqual(["a", "b"]);
    const formOf = (id: string) => first.pause!.reasons.find((r) => r.nodeId === id)!.form;
    const second = await run(graph, {
      snapshot: first.pause!.snapshot,
      forms: { a: { kind: "submitted", actionId: "go", data: { note: "A" }, form: formOf("a") }, b: { kind: "waiting", form: formOf("b") } },
    });
    expect(second.names.slice(-2)).toEqual(["human_input_required", "workflow_paused"]);
    // The waiting form is the same one, not a new one; a is now part of what is done.
    expect(second.pause?.reasons).toMatchObject([{ nodeId: "b", nodeTitle: "b", form: formOf("b"), created: false }]);
    // Still the execution that paused first.
    expect(second.pause?.reasons[0].execution.id).toBe(first.pause!.reasons.find((r) => r.nodeId === "b")!.execution.id);
    expect(second.pause?.snapshot.done.a).toMatchObject({ handle: "go", outputs: { note: "A", __action_id: "go" } });
    const third = await run(graph, {
      snapshot: second.pause!.snapshot,
      forms: { a: { kind: "submitted", actionId: "go", data: { note: "A" }, form: formOf("a") }, b: { kind: "timeout", form: formOf("b") } },
    });
    // b timed out: its __timeout branch has no edge, so End is skipped along it but reached through a.
    expect(third.names).toContain("human_input_form_timeout");
    expect(third.events.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded", outputs: { a: "A" } } });
  });

  it("goes on under the paused node's execution id, as graphon restores it", async () => {
    const first = await run(GRAPH);
    const pausedStart = first.events.find((e) => e.event === "node_started" && e.data.node_id === "ask");
    const paused = first.pause!.reasons[0].execution;
    expect(pausedStart?.data).toMatchObject({ id: paused.id, index: paused.index });
    expect(first.pause?.snapshot.pausedExecutions).toEqual({ ask: paused.id });

    const forms: Record<string, FormOutcome> = { ask: { kind: "submitted", actionId: "go", data: { note: "hi" }, form: first.pause!.reasons[0].form } };
    const second = await run(GRAPH, { snapshot: first.pause!.snapshot, forms });
    const ids = (event: "node_started" | "node_finished") =>
      second.events.flatMap((e) => (e.event === event && e.data.node_id === "ask" ? [e.data.id] : []));
    expect(ids("node_started")).toEqual([paused.id]);
    expect(ids("node_finished")).toEqual([paused.id]);
    // The nodes that run after it are executions of their own.
    const after = second.events.flatMap((e) => (e.event === "node_started" && e.data.node_id === "after" ? [e.data.id] : []));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(paused.id);
  });

  it("counts a resumed run's time from when it went on, not from its first start", async () => {
    const first = await run(GRAPH);
    // The form waited an hour.
    const hourAgo = Date.now() - 3_600_000;
    const snapshot = { ...first.pause!.snapshot, startedAt: hourAgo };
    const forms: Record<string, FormOutcome> = { ask: { kind: "submitted", actionId: "go", data: { note: "hi" }, form: first.pause!.reasons[0].form } };
    const before = Math.floor(Date.now() / 1000);
    const second = await run(GRAPH, { snapshot, forms });
    const started = second.events[0];
    const finished = second.events.at(-1);
    if (started.event !== "workflow_started" || finished?.event !== "workflow_finished") throw new Error("not a whole run");
    expect(started.data.created_at).toBeGreaterThanOrEqual(before);
    expect(finished.data.created_at).toBeGreaterThanOrEqual(before);
    expect(finished.data.elapsed_time).toBeLessThan(60);
  });
});
