// The node components React Flow draws: a card per runnable node (with one source handle per
// branch), containers for iteration and loop bodies, their start markers, and sticky notes.
import { Handle, type NodeProps, NodeResizer, Position } from "@xyflow/react";
import { AlertIcon, CheckIcon, XIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import type { NodeStatus } from "../api/types";
import { type FlowNode, hasTarget, isContainer, sourceHandles } from "../lib/flow";
import { kindOf } from "../lib/node-kinds";
import { noteToText, textToNote } from "../lib/note-text";
import { useEditorView } from "./editor-context";
import { NodeIcon } from "./node-icon";

const HANDLE = "!size-3 !border-2 !border-white !bg-brand-500";

const STATUS_RING: Partial<Record<NodeStatus, string>> = {
  running: "ring-2 ring-sky-400",
  retry: "ring-2 ring-sky-400",
  succeeded: "ring-2 ring-emerald-400",
  failed: "ring-2 ring-red-400",
  exception: "ring-2 ring-amber-400",
  stopped: "ring-2 ring-zinc-400",
};

function StatusMark({ status }: { status: NodeStatus | undefined }) {
  if (!status) return null;
  if (status === "running" || status === "retry") return <Spinner className="size-3.5 text-sky-500" label="Running" />;
  if (status === "succeeded") return <CheckIcon className="size-3.5 text-emerald-500" aria-label="Succeeded" />;
  if (status === "failed") return <XIcon className="size-3.5 text-red-500" aria-label="Failed" />;
  return <AlertIcon className="size-3.5 text-amber-500" aria-label={status} />;
}

function SourceHandles({ node }: { node: FlowNode }) {
  const handles = sourceHandles(node.data);
  if (handles.length === 0) return null;
  if (handles.length === 1 && handles[0]!.id === "source") {
    return <Handle type="source" position={Position.Right} id="source" className={HANDLE} />;
  }
  return (
    <div className="mt-1.5 space-y-1 border-t border-zinc-100 pt-1.5">
      {handles.map((h) => (
        <div key={h.id} className="relative flex h-5 items-center justify-end pr-1 text-[11px] font-medium text-zinc-500" data-testid="branch">
          <span className={cn("truncate", h.id === "fail-branch" && "text-red-600")}>{h.label ?? h.id}</span>
          <Handle type="source" position={Position.Right} id={h.id} className={cn(HANDLE, "!-right-[15px]", h.id === "fail-branch" && "!bg-red-500")} />
        </div>
      ))}
    </div>
  );
}

export function WorkflowNodeCard(props: NodeProps<FlowNode>) {
  const node = { id: props.id, data: props.data, parentId: props.parentId } as FlowNode;
  if (isContainer(node)) return <ContainerNode {...props} />;
  return <Card {...props} />;
}

function Card({ id, data, selected }: NodeProps<FlowNode>) {
  const view = useEditorView();
  const kind = kindOf(data.type);
  const run = view.runs[id];
  const problems = view.problems.get(id);
  const node = { id, data } as FlowNode;
  return (
    <div
      data-testid="workflow-node"
      data-node-id={id}
      data-node-type={data.type}
      data-status={run?.status ?? ""}
      className={cn(
        "w-[244px] rounded-xl border bg-white px-3 py-2.5 shadow-card",
        selected ? "border-brand-500 ring-2 ring-brand-500/20" : problems ? "border-amber-400" : "border-zinc-200",
        run?.status && STATUS_RING[run.status],
      )}
    >
      {hasTarget(data) && <Handle type="target" position={Position.Left} id="target" className={HANDLE} />}
      <div className="flex items-center gap-2">
        <NodeIcon type={data.type} />
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold text-zinc-900">{data.title || kind.label}</span>
        {problems && !run && <AlertIcon className="size-3.5 shrink-0 text-amber-500" aria-label={`${problems.length} problem(s)`} />}
        <StatusMark status={run?.status} />
      </div>
      <p className="mt-1 truncate text-xs text-zinc-500" data-testid="node-summary">
        {kind.summary(data)}
      </p>
      {run?.status === "failed" && run.error && <p className="mt-1 line-clamp-2 text-[11px] text-red-600">{run.error}</p>}
      <SourceHandles node={node} />
    </div>
  );
}

function ContainerNode({ id, data, selected }: NodeProps<FlowNode>) {
  const view = useEditorView();
  const kind = kindOf(data.type);
  const run = view.runs[id];
  const problems = view.problems.get(id);
  return (
    <div
      data-testid="workflow-node"
      data-node-id={id}
      data-node-type={data.type}
      data-status={run?.status ?? ""}
      className={cn(
        "h-full w-full rounded-2xl border-2 bg-zinc-50/80",
        selected ? "border-brand-500" : problems ? "border-amber-400" : "border-zinc-300",
        run?.status && STATUS_RING[run.status],
      )}
    >
      <NodeResizer isVisible={selected && !view.readOnly} minWidth={300} minHeight={160} onResizeStart={view.beginGesture} />
      <Handle type="target" position={Position.Left} id="target" className={HANDLE} />
      <div className="flex items-center gap-2 rounded-t-2xl border-b border-zinc-200 bg-white px-3 py-2">
        <NodeIcon type={data.type} />
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold text-zinc-900">{data.title || kind.label}</span>
        <span className="truncate text-xs text-zinc-500">{kind.summary(data)}</span>
        {problems && !run && <AlertIcon className="size-3.5 shrink-0 text-amber-500" />}
        <StatusMark status={run?.status} />
      </div>
      <Handle type="source" position={Position.Right} id="source" className={HANDLE} />
    </div>
  );
}

export function ContainerStartNode() {
  return (
    <div className="flex size-11 items-center justify-center rounded-full border border-zinc-300 bg-white shadow-card" title="Each pass starts here">
      <NodeIcon type="start" size="sm" />
      <Handle type="source" position={Position.Right} id="source" className={HANDLE} />
    </div>
  );
}

const NOTE_THEMES: Record<string, string> = {
  blue: "border-sky-200 bg-sky-50",
  cyan: "border-cyan-200 bg-cyan-50",
  green: "border-emerald-200 bg-emerald-50",
  yellow: "border-amber-200 bg-amber-50",
  pink: "border-pink-200 bg-pink-50",
  violet: "border-violet-200 bg-violet-50",
};

export function NoteNode({ id, data, selected }: NodeProps<FlowNode>) {
  const view = useEditorView();
  const text = noteToText(data.text);
  return (
    <div
      data-testid="workflow-note"
      className={cn("flex h-full w-full flex-col rounded-xl border p-2 shadow-card", NOTE_THEMES[String(data.theme)] ?? NOTE_THEMES.yellow, selected && "ring-2 ring-brand-500/30")}
    >
      <NodeResizer isVisible={selected && !view.readOnly} minWidth={160} minHeight={80} onResizeStart={view.beginGesture} />
      <textarea
        aria-label="Note"
        className="nodrag nowheel h-full w-full resize-none bg-transparent text-[13px] leading-snug text-zinc-800 outline-none placeholder:text-zinc-400"
        placeholder="Write a note…"
        value={text}
        readOnly={view.readOnly}
        onChange={(e) => {
          const value = e.target.value;
          view.updateNodeData(id, (d) => ({ ...d, text: textToNote(value) }));
        }}
      />
      {!!data.showAuthor && typeof data.author === "string" && data.author && <p className="mt-1 text-[11px] text-zinc-500">{data.author}</p>}
    </div>
  );
}
