// Runs one node of the draft on its own (the editor's "run this step"): the variables it reads
// come from the caller as `{"node_id.var": value}`, as in Dify's single-step run. Nodes that only
// run inside the engine (start, containers) answer with a failed execution saying so.
import type { WorkspaceCtx } from "../context";
import { NotFound } from "../lib/errors";
import { elapsedSeconds, epochSeconds } from "./events";
import { isRunnable } from "./graph";
import { NODES } from "./nodes";
import { openEnvironment } from "./content";
import { contentOf, getDraft, getWorkflowApp } from "./store";
import { VariablePool } from "./variables";

const SINGLE_STEP_TIMEOUT_MS = 60_000;

export async function runDraftNode(ctx: WorkspaceCtx, appId: string, nodeId: string, inputs: Record<string, unknown>) {
  await getWorkflowApp(ctx, appId);
  const draft = await getDraft(ctx, appId);
  const content = contentOf(draft);
  const node = content.graph.nodes.find((n) => n.id === nodeId && isRunnable(n));
  if (!node) throw NotFound("Node");
  const pool = new VariablePool();
  for (const v of await openEnvironment(ctx, content.environment_variables, "reveal")) pool.set("env", v.name, v.value);
  for (const [path, value] of Object.entries(inputs)) {
    const [owner, name] = path.replace(/^#|#$/g, "").split(".");
    if (owner && name) pool.set(owner, name, value);
  }
  const startedAt = ctx.now();
  const id = ctx.newId();
  const view = (status: "succeeded" | "failed", fields: { inputs?: unknown; process_data?: unknown; outputs?: unknown; error?: string | null; metadata?: unknown }) => ({
    id,
    index: 1,
    predecessor_node_id: null,
    node_id: node.id,
    node_type: node.data.type,
    title: node.data.title,
    inputs: fields.inputs ?? null,
    process_data: fields.process_data ?? null,
    outputs: fields.outputs ?? null,
    status,
    error: fields.error ?? null,
    elapsed_time: elapsedSeconds(startedAt, ctx.now()),
    execution_metadata: fields.metadata ?? null,
    extras: {},
    created_at: epochSeconds(startedAt),
    finished_at: epochSeconds(ctx.now()),
  });
  const impl = NODES.get(node.data.type);
  if (!impl) return view("failed", { error: `Kiln cannot run "${node.data.type}" nodes` });
  const data = impl.schema.safeParse(node.data);
  if (!data.success) {
    return view("failed", { error: data.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ") });
  }
  try {
    const result = await impl.run(
      {
        tctx: ctx,
        node,
        pool,
        signal: AbortSignal.timeout(SINGLE_STEP_TIMEOUT_MS),
        emit: () => {},
        run: { appId, workflowId: draft.id, runId: id, userId: ctx.actor.accountId, userRole: "account", conversationId: null },
      },
      data.data,
    );
    return view("succeeded", { inputs: result.inputs, process_data: result.processData, outputs: result.outputs, metadata: result.metadata });
  } catch (err) {
    return view("failed", { error: err instanceof Error ? err.message : String(err) });
  }
}
