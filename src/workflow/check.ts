// Validation of a stored workflow's content against the node registry: the graph plus the
// environment and conversation variables it may reference.
import type { WorkflowContent } from "./content";
import { NODES } from "./nodes";
import { type GraphProblem, type NodeLookup, validateGraph, type WorkflowMode } from "./validate";

const registry: NodeLookup = (type) => NODES.get(type);

export function checkWorkflow(
  content: Pick<WorkflowContent, "graph" | "environment_variables" | "conversation_variables">,
  mode: WorkflowMode,
  lookup: NodeLookup = registry,
): GraphProblem[] {
  return validateGraph(content.graph, mode, {
    lookup,
    environmentVariables: content.environment_variables,
    conversationVariables: content.conversation_variables,
  });
}
