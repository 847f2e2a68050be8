// The graph being edited: nodes and edges with undo/redo, clipboard, and a revision number that
// moves only on real edits (not on selection or measuring), which is what autosave watches.
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from "@xyflow/react";
import { useCallback, useRef, useState } from "react";
import type { DslGraph, NodeData } from "../api/types";
import { type FlowEdge, type FlowNode, hasTarget, isContainerStart, makeEdge, newNodeId, sourceHandles, toFlow } from "../lib/flow";
import { copyOf } from "../lib/clipboard";
import { autoLayout } from "../lib/layout";
import { type AppFlavor, newNodeData } from "../lib/node-kinds";
import { textToNote } from "../lib/note-text";

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const HISTORY_LIMIT = 100;
// Typing in a form field makes one undo step per pause, not one per keystroke.
const COALESCE_MS = 1000;

export interface GraphEditor {
  nodes: FlowNode[];
  edges: FlowEdge[];
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  reset: (graph: DslGraph) => void;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  isValidConnection: (connection: Connection | FlowEdge) => boolean;
  /** Call when a drag or resize begins, so the whole gesture is one undo step. */
  beginGesture: () => void;
  addNode: (type: string, at: XYPosition, parentId?: string) => string;
  addNote: (at: XYPosition) => string;
  updateNodeData: (id: string, update: (data: NodeData) => NodeData) => void;
  deleteSelection: () => void;
  copySelection: () => number;
  paste: () => number;
  undo: () => void;
  redo: () => void;
  layout: () => void;
  select: (id: string | null) => void;
}

export function useGraphEditor(flavor: AppFlavor): GraphEditor {
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  const [revision, setRevision] = useState(0);
  const [depth, setDepth] = useState({ past: 0, future: 0 });
  const current = useRef<Snapshot>({ nodes, edges });
  const past = useRef<Snapshot[]>([]);
  const future = useRef<Snapshot[]>([]);
  const coalesce = useRef<{ key: string; at: number } | null>(null);
  const clipboard = useRef<Snapshot | null>(null);

  const put = useCallback((next: Partial<Snapshot>) => {
    if (next.nodes) {
      current.current = { ...current.current, nodes: next.nodes };
      setNodes(next.nodes);
    }
    if (next.edges) {
      current.current = { ...current.current, edges: next.edges };
      setEdges(next.edges);
    }
  }, []);

  const syncDepth = useCallback(() => setDepth({ past: past.current.length, future: future.current.length }), []);

  const record = useCallback((key?: string) => {
    const now = Date.now();
    if (key && coalesce.current?.key === key && now - coalesce.current.at < COALESCE_MS) {
      coalesce.current.at = now;
      return;
    }
    coalesce.current = key ? { key, at: now } : null;
    past.current.push(current.current);
    if (past.current.length > HISTORY_LIMIT) past.current.shift();
    future.current = [];
    syncDepth();
  }, [syncDepth]);

  const touched = useCallback(() => setRevision((r) => r + 1), []);

  const reset = useCallback(
    (graph: DslGraph) => {
      const flow = toFlow(graph);
      past.current = [];
      future.current = [];
      coalesce.current = null;
      syncDepth();
      put(flow);
    },
    [put, syncDepth],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      // Container start nodes belong to their container; they go only with it.
      const allowed = changes.filter((c) => c.type !== "remove" || !isContainerStart(current.current.nodes.find((n) => n.id === c.id) ?? ({ data: { type: "" } } as FlowNode)));
      if (allowed.length === 0) return;
      const structural = allowed.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
      if (structural) record();
      put({ nodes: applyNodeChanges(allowed, current.current.nodes) });
      const moved = allowed.some((c) => (c.type === "position" && c.dragging === false) || (c.type === "dimensions" && c.resizing === false));
      if (structural || moved) touched();
    },
    [put, record, touched],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const structural = changes.some((c) => c.type !== "select");
      if (structural) record();
      put({ edges: applyEdgeChanges(changes, current.current.edges) });
      if (structural) touched();
    },
    [put, record, touched],
  );

  const isValidConnection = useCallback((c: Connection | FlowEdge) => {
    if (c.source === c.target) return false;
    const byId = new Map(current.current.nodes.map((n) => [n.id, n]));
    const source = byId.get(c.source);
    const target = byId.get(c.target);
    if (!source || !target) return false;
    // Nothing leads into a start node (Start, a trigger, a container's start).
    if (!hasTarget(target.data)) return false;
    // Edges stay inside one scope: the top level, or one container's body.
    if ((source.parentId ?? "") !== (target.parentId ?? "")) return false;
    const handle = c.sourceHandle ?? "source";
    return !current.current.edges.some((e) => e.source === c.source && e.target === c.target && (e.sourceHandle ?? "source") === handle);
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      if (!isValidConnection(c)) return;
      const byId = new Map(current.current.nodes.map((n) => [n.id, n]));
      record();
      put({ edges: [...current.current.edges, makeEdge(byId.get(c.source)!, c.sourceHandle ?? "source", byId.get(c.target)!)] });
      touched();
    },
    [isValidConnection, put, record, touched],
  );

  const select = useCallback(
    (id: string | null) => {
      put({ nodes: current.current.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })) });
    },
    [put],
  );

  const addNode = useCallback(
    (type: string, at: XYPosition, parentId?: string) => {
      const taken = new Set(current.current.nodes.map((n) => n.id));
      const id = newNodeId(taken);
      const parent = parentId ? current.current.nodes.find((n) => n.id === parentId) : undefined;
      const inLoop = parent?.data.type === "loop";
      const scope = parent ? (inLoop ? { isInLoop: true, loop_id: parent.id } : { isInIteration: true, iteration_id: parent.id }) : {};
      const data = { ...newNodeData(type, id, flavor), ...scope };
      const titles = new Set(current.current.nodes.map((n) => n.data.title));
      // "LLM", "LLM 2", …: titles name nodes in pickers and problems, so keep them apart.
      if (titles.has(data.title)) {
        let i = 2;
        while (titles.has(`${data.title} ${i}`)) i += 1;
        data.title = `${data.title} ${i}`;
      }
      const node: FlowNode = {
        id,
        type: "custom",
        position: at,
        data,
        sourcePosition: "right" as FlowNode["sourcePosition"],
        targetPosition: "left" as FlowNode["targetPosition"],
        selected: true,
        ...(parent ? { parentId: parent.id, zIndex: 1002, extent: "parent" as const } : {}),
      };
      const added: FlowNode[] = [node];
      if (type === "iteration" || type === "loop") {
        node.width = 600;
        node.height = 240;
        node.data = { ...node.data, width: 600, height: 240 };
        added.push({
          id: `${id}start`,
          type: `custom-${type}-start`,
          parentId: id,
          position: { x: 24, y: 68 },
          data: { type: `${type}-start`, title: "", desc: "", ...(type === "loop" ? { isInLoop: true } : { isInIteration: true }) },
          draggable: false,
          selectable: false,
          extent: "parent",
          zIndex: 1002,
        });
      }
      // A container grows to hold a node added inside it (React Flow would clamp it to the old size).
      const grow = (n: FlowNode): FlowNode => {
        if (!parent || n.id !== parent.id) return n;
        const width = Math.max(n.measured?.width ?? n.width ?? 0, at.x + 244 + 40);
        const height = Math.max(n.measured?.height ?? n.height ?? 0, at.y + 100 + 40);
        return { ...n, width, height, data: { ...n.data, width, height } };
      };
      record();
      put({ nodes: [...current.current.nodes.map((n) => grow(n.selected ? { ...n, selected: false } : n)), ...added] });
      touched();
      return id;
    },
    [flavor, put, record, touched],
  );

  const addNote = useCallback(
    (at: XYPosition) => {
      const id = newNodeId(new Set(current.current.nodes.map((n) => n.id)));
      const note: FlowNode = {
        id,
        type: "custom-note",
        position: at,
        width: 240,
        height: 120,
        data: { type: "", title: "", desc: "", text: textToNote(""), theme: "yellow", author: "", showAuthor: false, width: 240, height: 120 },
      };
      record();
      put({ nodes: [...current.current.nodes, note] });
      touched();
      return id;
    },
    [put, record, touched],
  );

  const updateNodeData = useCallback(
    (id: string, update: (data: NodeData) => NodeData) => {
      const node = current.current.nodes.find((n) => n.id === id);
      if (!node) return;
      const data = update(node.data);
      record(`data:${id}`);
      put({ nodes: current.current.nodes.map((n) => (n.id === id ? { ...n, data } : n)) });
      // A removed if-else case or classifier class takes its edges with it.
      const handles = new Set(sourceHandles(data).map((h) => h.id));
      const kept = current.current.edges.filter((e) => e.source !== id || handles.has(e.sourceHandle ?? "source"));
      if (kept.length !== current.current.edges.length) put({ edges: kept });
      touched();
    },
    [put, record, touched],
  );

  const deleteSelection = useCallback(() => {
    const { nodes: ns, edges: es } = current.current;
    const gone = new Set(ns.filter((n) => n.selected && !isContainerStart(n)).map((n) => n.id));
    for (const n of ns) if (n.parentId && gone.has(n.parentId)) gone.add(n.id);
    const edgesLeft = es.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
    if (gone.size === 0 && edgesLeft.length === es.length) return;
    record();
    put({ nodes: ns.filter((n) => !gone.has(n.id)), edges: edgesLeft });
    touched();
  }, [put, record, touched]);

  const copySelection = useCallback(() => {
    const { nodes: ns, edges: es } = current.current;
    const picked = new Set(ns.filter((n) => n.selected && !isContainerStart(n)).map((n) => n.id));
    for (const n of ns) if (n.parentId && picked.has(n.parentId)) picked.add(n.id);
    if (picked.size === 0) return 0;
    clipboard.current = {
      nodes: ns.filter((n) => picked.has(n.id)),
      edges: es.filter((e) => picked.has(e.source) && picked.has(e.target)),
    };
    return [...picked].filter((id) => !isContainerStart(ns.find((n) => n.id === id)!)).length;
  }, []);

  const paste = useCallback(() => {
    const copied = clipboard.current;
    if (!copied) return 0;
    const { nodes: pasted, edges: pastedEdges } = copyOf(copied, current.current.nodes);
    record();
    put({
      nodes: [...current.current.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
      edges: [...current.current.edges, ...pastedEdges],
    });
    touched();
    // Pasting again drops the next copy a little further along.
    clipboard.current = { nodes: pasted, edges: pastedEdges };
    return pasted.filter((n) => !isContainerStart(n)).length;
  }, [put, record, touched]);

  const undo = useCallback(() => {
    const previous = past.current.pop();
    if (!previous) return;
    future.current.push(current.current);
    coalesce.current = null;
    syncDepth();
    put(previous);
    touched();
  }, [put, syncDepth, touched]);

  const redo = useCallback(() => {
    const next = future.current.pop();
    if (!next) return;
    past.current.push(current.current);
    coalesce.current = null;
    syncDepth();
    put(next);
    touched();
  }, [put, syncDepth, touched]);

  const layout = useCallback(() => {
    record();
    put({ nodes: autoLayout(current.current.nodes, current.current.edges) });
    touched();
  }, [put, record, touched]);

  const beginGesture = useCallback(() => record(), [record]);

  return {
    nodes,
    edges,
    revision,
    canUndo: depth.past > 0,
    canRedo: depth.future > 0,
    reset,
    onNodesChange,
    onEdgesChange,
    onConnect,
    isValidConnection,
    beginGesture,
    addNode,
    addNote,
    updateNodeData,
    deleteSelection,
    copySelection,
    paste,
    undo,
    redo,
    layout,
    select,
  };
}
