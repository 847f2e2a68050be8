// The workflow editor: the canvas, its toolbar and side panels, wired to the draft (autosaved with
// its hash), the editor's own checks, debug runs and publishing.
import { useQueryClient } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { workflowKeys } from "../api/keys";
import { PublishRefused, usePublishWorkflow } from "../api/publish";
import type { ConversationVariable, DraftWorkflow, EnvironmentVariable, Problem } from "../api/types";
import { useDraftRun } from "../hooks/use-draft-run";
import { useDraftSync } from "../hooks/use-draft-sync";
import { useGraphEditor } from "../hooks/use-graph-editor";
import { type FlowNode, fromFlow } from "../lib/flow";
import { initialGraph } from "../lib/initial-graph";
import type { AppFlavor } from "../lib/node-kinds";
import { problemsByNode } from "../lib/problems";
import { validateGraph } from "../lib/validate";
import { availableVariables } from "../lib/variables";
import { Canvas } from "./canvas";
import type { EditorView } from "./editor-context";
import { NodePanel } from "./node-panel";
import { ProblemsList } from "./problems-list";
import { PublishDialog } from "./publish-dialog";
import { RunPanel } from "./run-panel";
import { SyncIndicator } from "./sync-indicator";
import { ChatVarIcon, FeaturesIcon, HistoryIcon, KeyIcon, LayoutIcon, NoteIcon, PlayIcon, RedoIcon, ToolButton, UndoIcon } from "./toolbar";
import { FeaturesDialog } from "./features-dialog";
import { ConversationDialog, EnvironmentDialog } from "./variables-dialog";
import { VersionsPanel } from "./versions-panel";

interface WorkflowEditorProps {
  app: { id: string; mode: string; name: string };
  /** The draft as loaded; null when the app has none yet. */
  draft: DraftWorkflow | null;
  canEdit: boolean;
  onReload: () => void;
}

export function WorkflowEditor({ app, draft, canEdit, onReload }: WorkflowEditorProps) {
  const flavor: AppFlavor = app.mode === "advanced-chat" ? "advanced-chat" : "workflow";
  const readOnly = !canEdit;
  const editor = useGraphEditor(flavor);
  const flow = useReactFlow<FlowNode>();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [environment, setEnvironment] = useState<EnvironmentVariable[]>([]);
  const [conversation, setConversation] = useState<ConversationVariable[]>([]);
  const features = useRef<Record<string, unknown>>({});
  const [metaRevision, setMetaRevision] = useState(0);
  const revision = editor.revision + metaRevision;
  const [panel, setPanel] = useState<"node" | "run" | "versions" | null>(null);
  const [openNode, setOpenNode] = useState<string | null>(null);
  const [focusedRunNode, setFocusedRunNode] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [dialog, setDialog] = useState<"env" | "conversation" | "features" | "publish" | null>(null);
  const run = useDraftRun(app.id);
  const publish = usePublishWorkflow(app.id);

  const latest = useRef({ nodes: editor.nodes, edges: editor.edges, environment, conversation, revision });
  latest.current = { nodes: editor.nodes, edges: editor.edges, environment, conversation, revision };

  const sync = useDraftSync({
    appId: app.id,
    initialHash: draft?.hash ?? null,
    revision,
    build: () => ({
      graph: fromFlow(latest.current.nodes, latest.current.edges, flow.getViewport()),
      features: features.current,
      environment_variables: latest.current.environment,
      conversation_variables: latest.current.conversation,
    }),
    onConflict: () => {
      toast({ tone: "error", title: "The workflow changed elsewhere", description: "Someone (or another tab) saved it meanwhile. Their version is loaded; redo your last edit." });
      onReload();
    },
    // A trigger's panel shows what the server reads from the saved draft (a new webhook's URL, a schedule's next runs).
    onSaved: () => void queryClient.invalidateQueries({ queryKey: workflowKeys.triggers(app.id) }),
    readOnly,
  });

  // A (re)loaded draft replaces what is on screen: first load, a conflict reload, a restore.
  const loaded = useRef<DraftWorkflow | null | undefined>(undefined);
  useEffect(() => {
    if (loaded.current === draft) return;
    const first = loaded.current === undefined;
    loaded.current = draft;
    // A draft with no nodes (a new app) starts from the same graph as no draft at all.
    const fresh = !draft?.graph?.nodes?.length;
    editor.reset(fresh ? initialGraph(flavor) : draft!.graph);
    setEnvironment(draft?.environment_variables ?? []);
    setConversation(draft?.conversation_variables ?? []);
    features.current = draft?.features ?? {};
    sync.adopt(draft?.hash ?? null, latest.current.revision);
    // A starting graph is saved right away.
    if (fresh && !readOnly) setMetaRevision((r) => r + 1);
    if (!first) requestAnimationFrame(() => void flow.fitView({ maxZoom: 1, padding: 0.2 }));
  }, [draft, editor, flavor, flow, readOnly, sync]);

  // The server's problems describe the graph it saw; any edit makes them stale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: clearing on each new revision is the point.
  useEffect(() => setServerProblems([]), [editor.revision]);

  const nodes = useDeferredValue(editor.nodes);
  const edges = useDeferredValue(editor.edges);
  const scope = useMemo(() => ({ flavor, environment, conversation }), [flavor, environment, conversation]);
  const problems = useMemo(() => validateGraph(nodes, edges, scope), [nodes, edges, scope]);
  const problemMap = useMemo(() => problemsByNode([...serverProblems, ...problems]), [serverProblems, problems]);

  const view: EditorView = useMemo(
    () => ({ problems: problemMap, runs: run.state.nodes, readOnly, updateNodeData: editor.updateNodeData, beginGesture: editor.beginGesture }),
    [problemMap, run.state.nodes, readOnly, editor.updateNodeData, editor.beginGesture],
  );

  const openNodePanel = useCallback(
    (id: string | null) => {
      if (panel === "run") return setFocusedRunNode(id);
      setOpenNode(id);
      setPanel(id ? "node" : panel === "node" ? null : panel);
    },
    [panel],
  );

  const pickProblem = (id: string) => {
    editor.select(id);
    setOpenNode(id);
    setPanel("node");
    void flow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1 });
  };

  const saveFirst = async (what: string): Promise<boolean> => {
    try {
      await sync.flush();
      return true;
    } catch (err) {
      toast({ tone: "error", title: `Couldn't save the draft before ${what}`, description: errorMessage(err) });
      return false;
    }
  };

  const startRun = async (input: { inputs: Record<string, unknown>; query?: string }, keep: boolean) => {
    if (await saveFirst("running it")) void run.start(input, { keepConversation: keep });
  };

  const doPublish = async (input: { marked_name?: string; marked_comment?: string }) => {
    if (!(await saveFirst("publishing"))) return;
    publish.mutate(input, {
      onSuccess: () => {
        setDialog(null);
        toast({ tone: "success", title: "Workflow published", description: "The API and the WebApp now run this version." });
      },
      onError: (err) => {
        if (err instanceof PublishRefused && err.problems.length) setServerProblems(err.problems);
      },
    });
  };

  const addNote = () => {
    const box = document.querySelector("[data-testid=workflow-canvas]")?.getBoundingClientRect();
    editor.addNote(flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2 - 120, y: (box?.top ?? 0) + 80 }));
  };

  const selected = panel === "node" && openNode ? editor.nodes.find((n) => n.id === openNode) : undefined;
  const titleOf = (id: string) => editor.nodes.find((n) => n.id === id)?.data.title ?? null;
  const blocked = problems.some((p) => p.node_id === null) ? problems.find((p) => p.node_id === null)!.message : null;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="workflow-editor">
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-3">
        <h2 className="text-sm font-semibold text-zinc-900">{flavor === "workflow" ? "Workflow" : "Chatflow"}</h2>
        {readOnly ? <span className="text-xs text-zinc-500">View only: your role can't edit apps.</span> : <SyncIndicator state={sync.state} updatedAt={draft?.updated_at ? draft.updated_at * (draft.updated_at > 1e12 ? 1 : 1000) : null} onRetry={() => void sync.flush().catch(() => {})} />}
        <span className="flex-1" />
        {!readOnly && (
          <>
            <ToolButton label="Undo (Ctrl+Z)" onClick={editor.undo} disabled={!editor.canUndo}>
              <UndoIcon />
            </ToolButton>
            <ToolButton label="Redo (Ctrl+Shift+Z)" onClick={editor.redo} disabled={!editor.canRedo}>
              <RedoIcon />
            </ToolButton>
            <ToolButton
              label="Tidy up layout"
              onClick={() => {
                editor.layout();
                requestAnimationFrame(() => void flow.fitView({ duration: 200, maxZoom: 1, padding: 0.2 }));
              }}
            >
              <LayoutIcon />
            </ToolButton>
            <ToolButton label="Add note" onClick={addNote}>
              <NoteIcon />
            </ToolButton>
          </>
        )}
        <ToolButton label="Environment variables" onClick={() => setDialog("env")}>
          <KeyIcon />
        </ToolButton>
        {flavor === "advanced-chat" && (
          <>
            <ToolButton label="Conversation variables" onClick={() => setDialog("conversation")}>
              <ChatVarIcon />
            </ToolButton>
            <ToolButton label="Features" onClick={() => setDialog("features")}>
              <FeaturesIcon />
            </ToolButton>
          </>
        )}
        <ToolButton label="Versions" active={panel === "versions"} onClick={() => setPanel(panel === "versions" ? null : "versions")}>
          <HistoryIcon />
        </ToolButton>
        <ProblemsList problems={problems} serverProblems={serverProblems} titleOf={titleOf} onPick={pickProblem} />
        {!readOnly && (
          <>
            <Button size="sm" icon={<PlayIcon />} onClick={() => setPanel(panel === "run" ? null : "run")} aria-pressed={panel === "run"}>
              Test run
            </Button>
            <Button size="sm" variant="primary" onClick={() => setDialog("publish")}>
              Publish
            </Button>
          </>
        )}
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1">
          <Canvas editor={editor} view={view} flavor={flavor} onNodeOpen={openNodePanel} />
        </div>
        {selected && (
          <NodePanel
            key={selected.id}
            appId={app.id}
            node={selected}
            nodes={editor.nodes}
            groups={availableVariables(selected.id, editor.nodes, editor.edges, scope)}
            flavor={flavor}
            environment={environment}
            conversation={conversation}
            readOnly={readOnly}
            problems={problemMap.get(selected.id) ?? []}
            run={run.state.nodes[selected.id]}
            onChange={(update) => editor.updateNodeData(selected.id, update)}
            onClose={() => openNodePanel(null)}
          />
        )}
        {panel === "run" && (
          <RunPanel
            appId={app.id}
            chat={flavor === "advanced-chat"}
            nodes={editor.nodes}
            run={run.state}
            focusedNode={focusedRunNode}
            onFocusNode={setFocusedRunNode}
            onRun={(input, keep) => void startRun(input, keep)}
            onStop={run.stop}
            onAnswer={run.answer}
            onNewConversation={run.clear}
            onClose={() => setPanel(null)}
            blocked={blocked}
          />
        )}
        {panel === "versions" && <VersionsPanel appId={app.id} canEdit={canEdit} onClose={() => setPanel(null)} onRestored={() => toast({ tone: "success", title: "Version restored to the draft" })} />}
      </div>
      <EnvironmentDialog
        open={dialog === "env"}
        value={environment}
        readOnly={readOnly}
        onClose={() => setDialog(null)}
        onSave={(next) => {
          setEnvironment(next);
          setMetaRevision((r) => r + 1);
        }}
      />
      <ConversationDialog
        open={dialog === "conversation"}
        value={conversation}
        readOnly={readOnly}
        onClose={() => setDialog(null)}
        onSave={(next) => {
          setConversation(next);
          setMetaRevision((r) => r + 1);
        }}
      />
      <FeaturesDialog
        open={dialog === "features"}
        value={features.current}
        readOnly={readOnly}
        onClose={() => setDialog(null)}
        onSave={(next) => {
          features.current = next;
          setMetaRevision((r) => r + 1);
        }}
      />
      <PublishDialog
        open={dialog === "publish"}
        pending={publish.isPending}
        error={publish.error}
        refused={serverProblems}
        titleOf={titleOf}
        localProblems={problems}
        onClose={() => {
          setDialog(null);
          publish.reset();
        }}
        onPublish={(input) => void doPublish(input)}
      />
    </div>
  );
}
