// The iteration node: runs its body (the nodes inside it, from its iteration-start node) once
// per element of an array, with [iteration_id, "item"] / [iteration_id, "index"] set, one at a
// time or `parallel_nums` at once, and outputs the array of each round's `output_selector`.
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { RunAborted, requireEngine } from "../engine/state";
import { elapsedSeconds, epochSeconds } from "../events";
import type { WorkflowNode } from "./types";

const schema = z.looseObject({
  start_node_id: z.string().min(1),
  iterator_selector: z.array(z.string()).min(2),
  output_selector: z.array(z.string()).min(2),
  is_parallel: z.boolean().default(false),
  parallel_nums: z.number().int().min(1).max(100).default(10),
  error_handle_mode: z.enum(["terminated", "continue-on-error", "remove-abnormal-output"]).default("terminated"),
  flatten_output: z.boolean().default(true),
});

/** Marks a round dropped by remove-abnormal-output. */
const REMOVED = Symbol("removed");

export const iterationNode: WorkflowNode<typeof schema> = {
  type: "iteration",
  schema,
  selectors: (data) => [data.iterator_selector],
  async run(ctx, data) {
    const engine = requireEngine(ctx);
    const { node } = ctx;
    const value = ctx.pool.get(data.iterator_selector);
    if (value === undefined) throw Invalid(`Iterator variable ${data.iterator_selector.join(".")} not found`);
    // A variable set to null (an optional input left empty) iterates over nothing, as Dify's empty iteration.
    const iterator = value ?? [];
    if (!Array.isArray(iterator)) throw Invalid(`Invalid iterator value: ${JSON.stringify(iterator)}, please provide a list.`);
    const head = {
      id: engine.execution.id,
      node_id: node.id,
      node_type: "iteration",
      title: node.data.title,
      created_at: epochSeconds(engine.execution.startedAt),
      extras: {},
    };
    const inputs = { iterator_selector: iterator };
    engine.emit({ event: "iteration_started", data: { ...head, metadata: { iterator_length: iterator.length }, inputs, inputs_truncated: false } });

    const results: unknown[] = new Array(iterator.length);
    const durations: Record<string, number> = {};
    let tokens = 0;
    const round = async (i: number) => {
      engine.emit({ event: "iteration_next", data: { ...head, index: i } });
      const started = engine.now();
      const pool = ctx.pool.child();
      pool.set(node.id, "item", iterator[i]);
      pool.set(node.id, "index", i);
      try {
        tokens += (await engine.runBody(data.start_node_id, pool, i, i === iterator.length - 1)).tokens;
        results[i] = pool.get(data.output_selector) ?? null;
      } catch (err) {
        if (err instanceof RunAborted || ctx.signal.aborted || data.error_handle_mode === "terminated") throw err;
        results[i] = data.error_handle_mode === "continue-on-error" ? null : REMOVED;
      } finally {
        durations[String(i)] = elapsedSeconds(started, engine.now());
      }
    };

    const finish = (status: "succeeded" | "failed", outputs: Record<string, unknown> | null, error: string | null) => {
      const now = engine.now();
      engine.emit({
        event: "iteration_completed",
        data: {
          ...head,
          outputs,
          outputs_truncated: false,
          inputs,
          inputs_truncated: false,
          status,
          error,
          elapsed_time: elapsedSeconds(engine.execution.startedAt, now),
          total_tokens: tokens,
          execution_metadata: { total_tokens: tokens, iteration_duration_map: durations },
          finished_at: epochSeconds(now),
          steps: iterator.length,
        },
      });
    };

    try {
      if (data.is_parallel) {
        let next = 0;
        const worker = async () => {
          while (next < iterator.length) await round(next++);
        };
        await Promise.all(Array.from({ length: Math.min(data.parallel_nums, iterator.length) }, worker));
      } else {
        for (let i = 0; i < iterator.length; i++) await round(i);
      }
    } catch (err) {
      finish("failed", null, err instanceof Error ? err.message : String(err));
      throw err;
    }
    let output = results.filter((r) => r !== REMOVED);
    // Dify flattens one level when every round that produced something produced a list (a
    // round continued past an error, null, is dropped then).
    const produced = output.filter((o) => o !== null && o !== undefined);
    if (data.flatten_output && produced.length > 0 && produced.every(Array.isArray)) output = produced.flat(1);
    finish("succeeded", { output }, null);
    return { outputs: { output }, inputs, metadata: { total_tokens: tokens, iteration_duration_map: durations } };
  },
};

/** Where an iteration's body begins; it does nothing itself. */
export const iterationStartNode: WorkflowNode = {
  type: "iteration-start",
  schema: z.looseObject({}),
  async run() {
    return { outputs: {} };
  },
};
