// Test run and history, on the right of the canvas: the start node's inputs (and a chat box for
// a chatflow), the nodes as they run, the final outputs; past runs open as traces. A workflow
// that starts from a schedule runs as if its time had come; one that starts from a webhook is
// tried through the webhook's debug URL, and those runs show in the history. A run paused at Human
// Input forms shows them to answer.
import { type FormEvent, useState } from "react";
import { HumanInputForm } from "../../../components/human-input-form";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { XIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import type { FileValues } from "../../../lib/file-inputs";
import type { HumanInputSubmission } from "../../../lib/human-input";
import { formatRelative } from "../../../lib/format";
import { useWorkflowRuns } from "../api/runs";
import { uploadDebugFile } from "../api/upload-file";
import type { RunState } from "../hooks/use-draft-run";
import { type FlowNode, testRunStart } from "../lib/flow";
import { JsonBlock, NodeRunDetails, StatusBadge } from "./node-run-details";
import { collectInputs, RunInputs, type StartVariable } from "./run-inputs";
import { RunTrace } from "./run-trace";

/** Where a run came from (its `triggered_from`), for the history. */
const RUN_SOURCES: Record<string, string> = { debugging: "Debug", "app-run": "App", webhook: "Webhook", schedule: "Schedule" };
/** A run's name in the history: ids start with their time, so runs of one minute differ only at the end. */
const runName = (r: { id: string; sequence_number?: number }) => (r.sequence_number ? `#${r.sequence_number}` : r.id.slice(-8));

interface RunPanelProps {
  appId: string;
  chat: boolean;
  nodes: FlowNode[];
  run: RunState;
  focusedNode: string | null;
  onFocusNode: (id: string | null) => void;
  onRun: (input: { inputs: Record<string, unknown>; query?: string }, keepConversation: boolean) => void;
  onStop: () => void;
  /** Answers a form the paused run waits for; a refusal is thrown, for the form to show. */
  onAnswer: (formId: string, submission: HumanInputSubmission) => Promise<void>;
  onNewConversation: () => void;
  onClose: () => void;
  /** Something blocks a run (unsaved problems); said instead of running. */
  blocked: string | null;
}

export function RunPanel({ appId, chat, nodes, run, focusedNode, onFocusNode, onRun, onStop, onAnswer, onNewConversation, onClose, blocked }: RunPanelProps) {
  const [tab, setTab] = useState<"run" | "history">("run");
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [files, setFiles] = useState<FileValues>({});
  const [query, setQuery] = useState("");
  const [formProblems, setFormProblems] = useState<string[]>([]);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const runs = useWorkflowRuns(appId, tab === "history");
  const entry = testRunStart(nodes);
  const start = entry?.via === "start" ? entry.node : undefined;
  const vars = (Array.isArray(start?.data.variables) ? start.data.variables : []) as StartVariable[];
  const running = run.status === "running";
  const titleOf = (id: string) => nodes.find((n) => n.id === id)?.data.title ?? run.nodes[id]?.title ?? id;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { inputs, problems } = collectInputs(vars, values, files);
    if (chat && !query.trim()) problems.push("Write a message.");
    setFormProblems(problems);
    if (problems.length) return;
    onRun(chat ? { inputs, query: query.trim() } : { inputs }, chat);
    if (chat) setQuery("");
  };

  const focused = focusedNode ? run.nodes[focusedNode] : undefined;
  return (
    <aside className="flex w-[400px] shrink-0 flex-col overflow-hidden border-l border-zinc-200 bg-white" aria-label="Test run" data-testid="run-panel">
      <div className="flex items-center gap-1 border-b border-zinc-100 px-3 py-2">
        {(["run", "history"] as const).map((t) => (
          <button
            key={t}
            type="button"
            onClick={() => setTab(t)}
            className={cn("cursor-pointer rounded-md px-2.5 py-1 text-[13px] font-medium", tab === t ? "bg-zinc-100 text-zinc-900" : "text-zinc-500 hover:text-zinc-800")}
          >
            {t === "run" ? "Test run" : "History"}
          </button>
        ))}
        <span className="flex-1" />
        <button type="button" onClick={onClose} aria-label="Close test run" className="cursor-pointer rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700">
          <XIcon />
        </button>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
        {tab === "run" ? (
          <>
            <form onSubmit={submit} className="space-y-3" noValidate>
              {entry?.via === "schedule" ? (
                <p className="text-xs text-zinc-500" data-testid="run-from-trigger">
                  Runs from “{entry.node.data.title}” as if its time had come now.
                </p>
              ) : entry?.via === "webhook" ? (
                <Alert tone="info" title="This workflow starts from its webhook">
                  <span data-testid="run-from-trigger">
                    Call the Debug URL shown in “{entry.node.data.title}”'s settings to run the draft; each call appears under History.
                  </span>
                </Alert>
              ) : (
                <RunInputs
                  vars={vars}
                  values={values}
                  onChange={setValues}
                  files={files}
                  onFilesUpdate={(name, change) => setFiles((f) => ({ ...f, [name]: change(f[name] ?? []) }))}
                  disabled={running}
                />
              )}
              {chat && (
                <div className="space-y-2" data-testid="chat">
                  {run.turns.map((t, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
                    <div key={i} className={cn("rounded-xl px-3 py-2 text-[13px] whitespace-pre-wrap", t.role === "user" ? "ml-8 bg-zinc-900 text-white" : "mr-8 bg-zinc-100 text-zinc-900")} data-testid={`chat-${t.role}`}>
                      {t.text}
                    </div>
                  ))}
                  <Input aria-label="Message" placeholder="Send a message…" value={query} disabled={running} onChange={(e) => setQuery(e.target.value)} />
                </div>
              )}
              {formProblems.length > 0 && (
                <Alert tone="error">
                  {formProblems.map((p) => (
                    <p key={p}>{p}</p>
                  ))}
                </Alert>
              )}
              {blocked && <Alert tone="warning">{blocked}</Alert>}
              <div className="flex items-center gap-2">
                {running ? (
                  <Button onClick={onStop}>Stop</Button>
                ) : entry?.via === "webhook" ? null : (
                  <Button type="submit" variant="primary" disabled={!!blocked}>
                    {chat ? "Send" : "Run"}
                  </Button>
                )}
                {chat && run.conversationId && !running && (
                  <Button variant="ghost" onClick={onNewConversation}>
                    New conversation
                  </Button>
                )}
              </div>
            </form>

            {run.status !== "idle" && (
              <div className="space-y-3" data-testid="run-result">
                <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                  {running ? <StatusBadge status="running" /> : <StatusBadge status={run.runStatus} />}
                  {run.elapsed !== null && <span>{run.elapsed.toFixed(3)} s</span>}
                  {run.tokens !== null && <span>{run.tokens} tokens</span>}
                </div>
                {run.error && (
                  // A stop (by a person, or a step or time limit) is not a failure.
                  <Alert tone={run.runStatus === "stopped" ? "warning" : "error"} title={run.runStatus === "stopped" ? "The run stopped" : "The run failed"}>
                    {run.error}
                  </Alert>
                )}
                {run.status === "paused" && (
                  <div className="space-y-2" data-testid="run-forms">
                    <p className="text-xs text-zinc-600">
                      The run is waiting for {run.forms.length === 1 ? "a form" : `${run.forms.length} forms`}. Answer it here and the run goes on; the form then closes
                      for everyone else it was sent to.
                    </p>
                    {run.forms.map((f) => (
                      <HumanInputForm
                        key={f.form_id}
                        form={f.form}
                        title={f.form.node_title}
                        upload={uploadDebugFile}
                        onSubmit={(submission) => onAnswer(f.form_id, submission)}
                      />
                    ))}
                  </div>
                )}
                <ol className="rounded-lg border border-zinc-200" aria-label="Node runs">
                  {run.order.map((id) => {
                    const n = run.nodes[id]!;
                    return (
                      <li key={id}>
                        <button
                          type="button"
                          onClick={() => onFocusNode(focusedNode === id ? null : id)}
                          className={cn("flex w-full cursor-pointer items-center gap-2 border-b border-zinc-100 px-2.5 py-1.5 text-left text-xs last:border-b-0 hover:bg-zinc-50", focusedNode === id && "bg-zinc-50")}
                          data-testid="run-node"
                          data-node-id={id}
                        >
                          <span className="min-w-0 flex-1 truncate font-medium text-zinc-800">{titleOf(id)}</span>
                          {typeof n.elapsed_time === "number" && <span className="text-zinc-400">{n.elapsed_time.toFixed(3)} s</span>}
                          <StatusBadge status={n.status} />
                        </button>
                      </li>
                    );
                  })}
                </ol>
                {focused && <NodeRunDetails run={focused} />}
                {run.text && <JsonBlock label="Streamed text" value={run.text} />}
                {!chat && <JsonBlock label="Outputs" value={run.outputs} />}
              </div>
            )}
          </>
        ) : openRun ? (
          <div className="space-y-3">
            <Button size="sm" variant="ghost" onClick={() => setOpenRun(null)}>
              ← All runs
            </Button>
            <RunTrace appId={appId} runId={openRun} />
          </div>
        ) : runs.isPending ? (
          <LoadingState label="Loading runs…" className="py-10" />
        ) : runs.isError ? (
          <Alert
            tone="error"
            title="Couldn't load the runs"
            action={
              <Button size="sm" onClick={() => runs.refetch()}>
                Try again
              </Button>
            }
          >
            {errorMessage(runs.error)}
          </Alert>
        ) : (runs.data.data ?? []).length === 0 ? (
          <EmptyState compact title="No runs yet" description="Test runs, webhook and schedule runs, and runs through the API and WebApp appear here." />
        ) : (
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200" data-testid="run-history">
            {runs.data.data.map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => setOpenRun(r.id)} className="flex w-full cursor-pointer items-center gap-2 px-3 py-2 text-left text-xs hover:bg-zinc-50">
                  <span className="font-medium text-zinc-800">{runName(r)}</span>
                  <span className="text-zinc-400">{formatRelative(r.created_at)}</span>
                  {r.triggered_from && <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] text-zinc-600">{RUN_SOURCES[r.triggered_from] ?? r.triggered_from}</span>}
                  <span className="flex-1" />
                  <span className="text-zinc-400">{(r.elapsed_time ?? 0).toFixed(2)} s</span>
                  <StatusBadge status={r.status} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
