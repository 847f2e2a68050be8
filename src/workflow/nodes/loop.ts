// The loop node: runs its body (from its loop-start node) up to `loop_count` times over loop
// variables kept at [loop_id, label], stopping early when the break conditions hold or a
// loop-end node runs. Its outputs are the loop variables' final values and `loop_round`.
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { conditionSchema, evaluateConditions, logicalOperatorSchema } from "../conditions";
import { requireEngine } from "../engine/state";
import { elapsedSeconds, epochSeconds } from "../events";
import type { VariablePool } from "../variables";
import type { WorkflowNode } from "./types";

/** Dify's LOOP_NODE_MAX_COUNT. */
export const LOOP_MAX_COUNT = 100;

const loopVariableSchema = z.looseObject({
  label: z.string().min(1),
  var_type: z.string().default("string"),
  value_type: z.enum(["constant", "variable"]).default("constant"),
  value: z.unknown().optional(),
});

const schema = z.looseObject({
  start_node_id: z.string().min(1),
  loop_count: z.number().int().min(0).max(LOOP_MAX_COUNT),
  break_conditions: z.array(conditionSchema).default([]),
  logical_operator: logicalOperatorSchema,
  loop_variables: z.array(loopVariableSchema).nullable().default([]),
});

/** A constant typed in the editor, read as the loop variable's declared type. */
function constantOf(varType: string, label: string, value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  if (varType === "string") return value;
  if (varType === "number") {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw Invalid(`Invalid value for loop variable ${label}: ${JSON.stringify(value)} is not a number`);
    return n;
  }
  if (varType === "boolean") return value === "true" || value === "1";
  try {
    return JSON.parse(value);
  } catch {
    throw Invalid(`Invalid value for loop variable ${label}: ${JSON.stringify(value)} is not valid JSON`);
  }
}

/** Dify treats a break condition it cannot evaluate as not met. */
function shouldBreak(pool: VariablePool, data: z.infer<typeof schema>): boolean {
  if (data.break_conditions.length === 0) return false;
  try {
    return evaluateConditions(pool, data.break_conditions, data.logical_operator).result;
  } catch {
    return false;
  }
}

export const loopNode: WorkflowNode<typeof schema> = {
  type: "loop",
  schema,
  selectors: (data) => [
    ...data.break_conditions.map((c) => c.variable_selector),
    ...(data.loop_variables ?? []).filter((v) => v.value_type === "variable" && Array.isArray(v.value)).map((v) => v.value as string[]),
  ],
  async run(ctx, data) {
    const engine = requireEngine(ctx);
    const { node, pool } = ctx;
    const inputs: Record<string, unknown> = { loop_count: data.loop_count };
    const labels: string[] = [];
    for (const v of data.loop_variables ?? []) {
      const value =
        v.value_type === "variable"
          ? Array.isArray(v.value)
            ? pool.get(v.value as string[])
            : undefined
          : constantOf(v.var_type, v.label, v.value);
      if (value === undefined) throw Invalid(`Invalid value for loop variable ${v.label}`);
      pool.set(node.id, v.label, value);
      inputs[v.label] = value;
      labels.push(v.label);
    }
    const head = {
      id: engine.execution.id,
      node_id: node.id,
      node_type: "loop",
      title: node.data.title,
      created_at: epochSeconds(engine.execution.startedAt),
      extras: {},
    };
    engine.emit({ event: "loop_started", data: { ...head, metadata: { loop_length: data.loop_count }, inputs, inputs_truncated: false } });

    const outputs = (rounds: number) => {
      const out: Record<string, unknown> = {};
      for (const label of labels) out[label] = pool.get([node.id, label]) ?? null;
      out.loop_round = rounds;
      return out;
    };
    const durations: Record<string, number> = {};
    let tokens = 0;
    let rounds = 0;
    let broke = shouldBreak(pool, data);
    const complete = (status: "succeeded" | "failed", result: Record<string, unknown> | null, error: string | null) => {
      const now = engine.now();
      engine.emit({
        event: "loop_completed",
        data: {
          ...head,
          outputs: result,
          outputs_truncated: false,
          inputs,
          inputs_truncated: false,
          status,
          error,
          elapsed_time: elapsedSeconds(engine.execution.startedAt, now),
          total_tokens: tokens,
          execution_metadata: { total_tokens: tokens, completed_reason: error ? "error" : broke ? "loop_break" : "loop_completed", loop_duration_map: durations },
          finished_at: epochSeconds(now),
          steps: rounds,
        },
      });
    };
    try {
      for (let i = 0; !broke && i < data.loop_count; i++) {
        const started = engine.now();
        const body = await engine.runBody(data.start_node_id, pool, i);
        durations[String(i)] = elapsedSeconds(started, engine.now());
        tokens += body.tokens;
        rounds = i + 1;
        broke = body.loopEnded || shouldBreak(pool, data);
        if (!broke && i + 1 < data.loop_count) {
          engine.emit({ event: "loop_next", data: { ...head, index: i + 1, pre_loop_output: outputs(rounds) } });
        }
      }
    } catch (err) {
      complete("failed", null, err instanceof Error ? err.message : String(err));
      throw err;
    }
    const result = outputs(rounds);
    complete("succeeded", result, null);
    return {
      outputs: result,
      inputs,
      metadata: { completed_reason: broke ? "loop_break" : "loop_completed", loop_duration_map: durations },
    };
  },
};

/** Where a loop's body begins; it does nothing itself. */
export const loopStartNode: WorkflowNode = {
  type: "loop-start",
  schema: z.looseObject({}),
  async run() {
    return { outputs: {} };
  },
};

/** Ends the current loop early when the branch reaching it runs. */
export const loopEndNode: WorkflowNode = {
  type: "loop-end",
  schema: z.looseObject({}),
  async run() {
    return { outputs: {} };
  },
};
