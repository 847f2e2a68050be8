// The scheduler for one scope run (the top level, or one round of a container body), with
// Dify's semantics: a node is ready once every in-edge is resolved and at least one was taken;
// if none was taken it is skipped (no events) and its out-edges are skipped in turn. Ready
// nodes start at once, so parallel branches run concurrently.
import { Invalid } from "../../lib/errors";
import type { CompiledNode } from "./compile";
import { executeNode, PAUSED } from "./execute";
import type { RunState, ScopeRun } from "./state";

/** A node that succeeded follows its `source` edges; one with a fail-branch strategy may name them `success-branch`. */
const follows = (edgeHandle: string, selected: string) =>
  edgeHandle === selected || (selected === "source" && edgeHandle === "success-branch");

export function runScope(state: RunState, scope: ScopeRun, entryId: string): Promise<void> {
  const reach = state.graph.reach(entryId);
  if (!reach) return Promise.reject(Invalid(`The start node "${entryId}" is not in the graph.`));
  const { nodes, edges } = state.graph;
  const pending = Int32Array.from(reach.inCount);
  const taken = new Uint8Array(nodes.length);
  const predecessors: (string | null)[] = new Array(nodes.length).fill(null);

  return new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    let settled = false;

    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(err);
    };

    const resolveEdge = (edgeIndex: number, isTaken: boolean) => {
      const edge = edges[edgeIndex];
      const t = edge.target;
      if (isTaken && !taken[t]) {
        taken[t] = 1;
        predecessors[t] = nodes[edge.source].id;
      }
      if (--pending[t] === 0) {
        if (taken[t]) launch(nodes[t]);
        else skip(nodes[t]);
      }
    };

    const skip = (cn: CompiledNode) => {
      if (scope.kind === "root") state.responses?.onResolved(cn, true);
      for (const e of cn.out) resolveEdge(e, false);
    };

    const launch = (cn: CompiledNode) => {
      if (settled) return;
      inFlight++;
      executeNode(state, scope, cn, predecessors[cn.index]).then((handle) => {
        if (settled) return;
        // A node waiting for a person decides nothing yet: what follows it waits with it, and the
        // scope ends (paused) once the other branches have run.
        if (handle !== PAUSED) {
          for (const e of cn.out) resolveEdge(e, follows(edges[e].handle, handle));
          // After the branch decision has skipped what it skips, so no skipped Answer starts streaming.
          if (scope.kind === "root") state.responses?.onResolved(cn, false);
        }
        if (--inFlight === 0 && !settled) {
          settled = true;
          resolve();
        }
      }, fail);
    };

    launch(reach.entry);
  });
}
