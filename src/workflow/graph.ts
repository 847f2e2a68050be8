// A workflow graph as Dify stores it (`workflow.graph` in a DSL file): React-Flow nodes whose
// `data.type` names the node kind, and edges whose `sourceHandle` picks the branch taken.
import { z } from "zod";
import { laxBoolean, laxNumber } from "../lib/lax";

export const graphNodeSchema = z.looseObject({
  id: z.string().min(1),
  /** React-Flow's node kind: "custom" for runnable nodes, "custom-note" for notes, etc. */
  type: z.string().optional(),
  /** The node that contains this one (iteration / loop bodies). */
  parentId: z.string().optional(),
  position: z.looseObject({ x: z.number(), y: z.number() }).optional(),
  data: z.looseObject({
    /** The node kind (`start`, `llm`, `if-else`…); empty on note nodes, which never run. */
    type: z.string().default(""),
    title: z.string().default(""),
    desc: z.string().optional(),
    isInIteration: z.boolean().optional(),
    isInLoop: z.boolean().optional(),
    iteration_id: z.string().optional(),
    loop_id: z.string().optional(),
    error_strategy: z.enum(["fail-branch", "default-value"]).optional().nullable(),
    default_value: z.array(z.looseObject({ key: z.string(), type: z.string(), value: z.unknown() })).optional().nullable(),
    retry_config: z
      .looseObject({ retry_enabled: laxBoolean().default(false), max_retries: laxNumber().default(0), retry_interval: laxNumber().default(0) })
      .optional()
      .nullable(),
  }),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z.looseObject({
  id: z.string().optional(),
  source: z.string().min(1),
  target: z.string().min(1),
  /** The branch the edge leaves by: "source" (default), an if-else case id, "true"/"false",
   * a question-classifier class id, "fail-branch" / "success-branch". */
  sourceHandle: z.string().nullable().optional(),
  targetHandle: z.string().nullable().optional(),
  data: z.looseObject({}).optional(),
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphSchema = z.looseObject({
  nodes: z.array(graphNodeSchema).default([]),
  edges: z.array(graphEdgeSchema).default([]),
  viewport: z.looseObject({}).optional(),
});
export type Graph = z.infer<typeof graphSchema>;

/** The handle an edge leaves by when it names none. */
export const DEFAULT_HANDLE = "source";
export const handleOf = (edge: GraphEdge) => edge.sourceHandle || DEFAULT_HANDLE;

/** Note nodes (empty `data.type`) and React-Flow helpers never run. */
export const isRunnable = (node: GraphNode) => node.data.type !== "" && node.type !== "custom-note";
