// The canvas: React Flow with Kiln's node components, minimap, controls and the keyboard
// shortcuts (copy, paste, undo, redo, delete). Adding a node while another is selected places it
// after that one and connects them, inside the same container; a start node (Start, a trigger)
// goes before it instead, at the top level.
import { Background, Controls, MiniMap, Panel, ReactFlow, useReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useState } from "react";
import { Button } from "../../../components/ui/button";
import { PlusIcon } from "../../../components/ui/icons";
import { useToast } from "../../../components/ui/toast";
import type { GraphEditor } from "../hooks/use-graph-editor";
import { type FlowNode, hasTarget, isContainer, sourceHandles } from "../lib/flow";
import { type AppFlavor, isStartType } from "../lib/node-kinds";
import { WorkflowEdge } from "./canvas-edge";
import { ContainerStartNode, NoteNode, WorkflowNodeCard } from "./canvas-nodes";
import { type EditorView, EditorViewContext } from "./editor-context";
import { Palette } from "./palette";

const NODE_TYPES = {
  custom: WorkflowNodeCard,
  "custom-note": NoteNode,
  "custom-iteration-start": ContainerStartNode,
  "custom-loop-start": ContainerStartNode,
};
const EDGE_TYPES = { custom: WorkflowEdge };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

interface CanvasProps {
  editor: GraphEditor;
  view: EditorView;
  flavor: AppFlavor;
  onNodeOpen: (id: string | null) => void;
}

export function Canvas({ editor, view, flavor, onNodeOpen }: CanvasProps) {
  const flow = useReactFlow<FlowNode>();
  const toast = useToast();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const selected = editor.nodes.filter((n) => n.selected);
  const anchor = selected.length === 1 ? selected[0] : undefined;
  const byId = new Map(editor.nodes.map((n) => [n.id, n]));
  // Where a new node goes: into the selected container, beside the selected node, or mid-screen.
  const targetParent = anchor ? (isContainer(anchor) ? anchor : anchor.parentId ? byId.get(anchor.parentId) : undefined) : undefined;

  const midScreen = () => {
    const box = document.querySelector("[data-testid=workflow-canvas]")?.getBoundingClientRect();
    return flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2 - 120, y: (box?.top ?? 0) + (box?.height ?? 600) / 2 - 40 });
  };

  // Steps down past nodes already there, so a new one never lands on top of another.
  const clear = (at: { x: number; y: number }, parentId: string | undefined) => {
    const siblings = editor.nodes.filter((n) => (n.parentId ?? "") === (parentId ?? "") && n.type !== "custom-note");
    const overlaps = (p: { x: number; y: number }) =>
      siblings.some((n) => Math.abs(n.position.x - p.x) < (n.measured?.width ?? 244) && Math.abs(n.position.y - p.y) < Math.max(n.measured?.height ?? 90, 90));
    let position = at;
    for (let i = 0; i < 20 && overlaps(position); i++) position = { ...position, y: position.y + 120 };
    return position;
  };

  const addNode = (type: string) => {
    setPaletteOpen(false);
    if (isStartType(type)) return addStartNode(type);
    let position: { x: number; y: number };
    const connectFrom = anchor && !isContainer(anchor) && anchor.type !== "custom-note" ? anchor : undefined;
    if (connectFrom) position = { x: connectFrom.position.x + (connectFrom.measured?.width ?? 244) + 80, y: connectFrom.position.y };
    else if (targetParent) {
      const children = editor.nodes.filter((n) => n.parentId === targetParent.id);
      const right = Math.max(24, ...children.map((c) => c.position.x + (c.measured?.width ?? 44)));
      position = { x: right + 60, y: 60 };
    } else position = midScreen();
    position = clear(position, targetParent?.id);
    const id = editor.addNode(type, position, targetParent?.id);
    const handle = connectFrom ? sourceHandles(connectFrom.data)[0] : undefined;
    if (connectFrom && handle) editor.onConnect({ source: connectFrom.id, target: id, sourceHandle: handle.id, targetHandle: "target" });
    onNodeOpen(id);
  };

  // Runs begin at start nodes and nothing leads into them: one goes at the top level, before the
  // selected top-level node (connected to it) or mid-screen.
  const addStartNode = (type: string) => {
    const before = anchor && !anchor.parentId && anchor.type !== "custom-note" && hasTarget(anchor.data) ? anchor : undefined;
    const position = before ? { x: before.position.x - 244 - 80, y: before.position.y } : midScreen();
    const id = editor.addNode(type, clear(position, undefined));
    if (before) editor.onConnect({ source: id, target: before.id, sourceHandle: "source", targetHandle: "target" });
    onNodeOpen(id);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || view.readOnly) return;
      const mod = e.metaKey || e.ctrlKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === "c") {
        const count = editor.copySelection();
        if (count) toast({ tone: "info", title: `Copied ${count} node${count === 1 ? "" : "s"}` });
      } else if (key === "v") {
        e.preventDefault();
        editor.paste();
      } else if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        editor.undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        editor.redo();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [editor, toast, view.readOnly]);

  return (
    <EditorViewContext.Provider value={view}>
      <div className="relative h-full w-full" data-testid="workflow-canvas">
        <ReactFlow<FlowNode>
          nodes={editor.nodes}
          edges={editor.edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={editor.onNodesChange}
          onEdgesChange={editor.onEdgesChange}
          onConnect={editor.onConnect}
          isValidConnection={editor.isValidConnection}
          onNodeDragStart={editor.beginGesture}
          onNodeClick={(_, node) => onNodeOpen(node.type === "custom-note" ? null : node.id)}
          onPaneClick={() => {
            setPaletteOpen(false);
            onNodeOpen(null);
          }}
          defaultEdgeOptions={{ type: "custom" }}
          deleteKeyCode={view.readOnly ? null : ["Backspace", "Delete"]}
          nodesDraggable={!view.readOnly}
          nodesConnectable={!view.readOnly}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
          minZoom={0.2}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} color="#e4e4e7" />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable className="!rounded-lg !border !border-zinc-200" nodeColor={(n) => (n.type === "custom-note" ? "#fde68a" : "#d4d4d8")} />
          {!view.readOnly && (
            <Panel position="top-left">
              <Button size="sm" variant="primary" icon={<PlusIcon />} onClick={() => setPaletteOpen((o) => !o)} aria-expanded={paletteOpen}>
                Add node
              </Button>
              {anchor && paletteOpen && <p className="mt-1 text-[11px] text-zinc-500">{isContainer(anchor) ? `Inside ${anchor.data.title}` : `After ${anchor.data.title}`}</p>}
              {paletteOpen && (
                <div className="mt-2">
                  <Palette flavor={flavor} inLoop={targetParent?.data.type === "loop"} hasStart={editor.nodes.some((n) => !n.parentId && isStartType(n.data.type))} onPick={addNode} />
                </div>
              )}
            </Panel>
          )}
        </ReactFlow>
      </div>
    </EditorViewContext.Provider>
  );
}
