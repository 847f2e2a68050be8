// What the canvas's node components need from the editor without prop drilling through React
// Flow: problems and run states per node, and a way to edit a node's data (notes edit in place).
import { createContext, useContext } from "react";
import type { NodeData, Problem } from "../api/types";
import type { NodeRunState } from "../hooks/use-draft-run";

export interface EditorView {
  problems: Map<string, Problem[]>;
  runs: Record<string, NodeRunState>;
  readOnly: boolean;
  updateNodeData: (id: string, update: (data: NodeData) => NodeData) => void;
  beginGesture: () => void;
}

export const EditorViewContext = createContext<EditorView | null>(null);

export function useEditorView(): EditorView {
  const view = useContext(EditorViewContext);
  if (!view) throw new Error("useEditorView must be used inside the workflow canvas");
  return view;
}
