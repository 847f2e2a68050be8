// An edge, coloured by the run: green once both ends have run, grey otherwise.
import { BaseEdge, type EdgeProps, getBezierPath } from "@xyflow/react";
import type { FlowEdge } from "../lib/flow";
import { useEditorView } from "./editor-context";

export function WorkflowEdge({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd }: EdgeProps<FlowEdge>) {
  const view = useEditorView();
  const [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const ran = view.runs[source]?.status === "succeeded" && !!view.runs[target];
  const stroke = selected ? "var(--color-brand-500)" : ran ? "#10b981" : "#a1a1aa";
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      style={{ stroke, strokeWidth: selected || ran ? 2.5 : 1.8 }}
      interactionWidth={20}
      data-testid="workflow-edge"
      data-source={source}
      data-target={target}
    />
  );
}
