// Side-by-side compare: the same input sent to up to four model configurations at once, each
// column with its own stream, conversation and usage.
import { useEffect, useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { PlusIcon, XIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { useLlmModels } from "../api/get-llm-models";
import type { EasyMode, ModelConfig } from "../api/types";
import { type Turn, useDebugRun } from "../hooks/use-debug-run";
import type { CompareHandoff } from "../lib/compare-handoff";
import { withColumnModel } from "../lib/draft";
import { AnswerBubble, ChatTranscript, SuggestionChips } from "./chat-transcript";
import { Composer } from "./composer";
import type { PrepareInputs } from "./debug-panel";
import { PlayIcon, RestartIcon, StopIcon } from "./icons";
import { ModelPicker } from "./model-picker";
import { isChatMode } from "../lib/app-rules";

export const MAX_COLUMNS = 4;

interface Column {
  id: number;
  provider: string;
  name: string;
  temperature?: number;
}

type OrderInput = { kind: "send"; query: string; inputs: Record<string, unknown> } | { kind: "stop" | "restart" };
/** What every column is told to do; `seq` makes each order new. */
type Order = OrderInput & { seq: number };

let nextColumn = 1;

interface CompareViewProps {
  appId: string;
  mode: EasyMode;
  draft: ModelConfig;
  prepare: PrepareInputs;
  initial?: CompareHandoff | null;
}

export function CompareView({ appId, mode, draft, prepare, initial }: CompareViewProps) {
  const start = () => ({ id: nextColumn++, provider: draft.model.provider, name: draft.model.name, temperature: draft.model.completion_params?.temperature });
  const [columns, setColumns] = useState<Column[]>(() => {
    const handed = (initial?.models ?? []).map((m) => ({ ...start(), ...m }));
    return handed.length >= 2 ? handed : [...handed, start(), start()].slice(0, 2);
  });
  const [order, setOrder] = useState<Order | null>(null);
  const [running, setRunning] = useState<Record<number, boolean>>({});
  const seq = useRef(0);
  const anyRunning = Object.values(running).some(Boolean);

  const tell = (o: OrderInput) => setOrder({ ...o, seq: ++seq.current });
  const send = (query: string) => {
    const inputs = prepare();
    if (!inputs) return false;
    tell({ kind: "send", query, inputs });
    return true;
  };

  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-zinc-100 px-4 py-1.5">
        <p className="text-xs text-zinc-500">
          {columns.length} configurations · each gets the same {isChatMode(mode) ? "message" : "inputs"}
        </p>
        <div className="flex items-center gap-1">
          {isChatMode(mode) && (
            <Button size="sm" variant="ghost" icon={<RestartIcon className="size-3.5" />} onClick={() => tell({ kind: "restart" })}>
              Restart all
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={<PlusIcon className="size-3.5" />}
            disabled={columns.length >= MAX_COLUMNS || anyRunning}
            onClick={() => setColumns((c) => [...c, start()])}
          >
            Add model
          </Button>
          {mode === "completion" &&
            (anyRunning ? (
              <Button size="sm" icon={<StopIcon className="size-3.5" />} onClick={() => tell({ kind: "stop" })}>
                Stop all
              </Button>
            ) : (
              <Button
                size="sm"
                variant="primary"
                icon={<PlayIcon className="size-3.5" />}
                onClick={() => {
                  const inputs = prepare();
                  if (inputs) tell({ kind: "send", query: "", inputs });
                }}
              >
                Run all
              </Button>
            ))}
        </div>
      </div>
      <div className="grid min-h-0 flex-1 divide-x divide-zinc-200 overflow-hidden" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((col, i) => (
          <CompareColumn
            key={col.id}
            index={i}
            appId={appId}
            mode={mode}
            draft={draft}
            column={col}
            order={order}
            onChange={(next) => setColumns((all) => all.map((c) => (c.id === col.id ? next : c)))}
            onRemove={columns.length > 2 && !anyRunning ? () => setColumns((all) => all.filter((c) => c.id !== col.id)) : undefined}
            onRunning={(r) => setRunning((all) => (all[col.id] === r ? all : { ...all, [col.id]: r }))}
          />
        ))}
      </div>
      {isChatMode(mode) && !!initial?.samples.length && (
        <div className="border-t border-zinc-100 px-4 pt-2.5">
          <p className="mb-1.5 pl-1 text-[11px] font-medium text-zinc-400">Try questions from the fine-tuning set</p>
          <SuggestionChips label="Questions from the fine-tuning set" questions={initial.samples} onPick={(q) => !anyRunning && send(q)} />
        </div>
      )}
      {isChatMode(mode) && <Composer running={anyRunning} onSend={send} onStop={() => tell({ kind: "stop" })} placeholder="Send the same message to every model" />}
    </>
  );
}

interface CompareColumnProps {
  index: number;
  appId: string;
  mode: EasyMode;
  draft: ModelConfig;
  column: Column;
  order: Order | null;
  onChange: (c: Column) => void;
  onRemove?: () => void;
  onRunning: (running: boolean) => void;
}

function CompareColumn({ index, appId, mode, draft, column, order, onChange, onRemove, onRunning }: CompareColumnProps) {
  const models = useLlmModels();
  const run = useDebugRun(appId, mode);
  const handled = useRef(0);
  const config = withColumnModel(draft, column);
  const configRef = useRef(config);
  configRef.current = config;

  useEffect(() => {
    if (!order || order.seq === handled.current) return;
    handled.current = order.seq;
    if (order.kind === "send") void run.send({ query: order.query, inputs: order.inputs, modelConfig: configRef.current });
    else if (order.kind === "stop") run.stop();
    else run.restart();
  }, [order, run]);

  useEffect(() => onRunning(run.isRunning), [run.isRunning, onRunning]);

  return (
    <section className="flex min-h-0 min-w-0 flex-col" aria-label={`Model ${index + 1}`} data-testid="compare-column">
      <div className="space-y-2 border-b border-zinc-100 bg-white px-3 py-2.5">
        <div className="flex items-center justify-between gap-2">
          <span className="text-[11px] font-semibold tracking-wide text-zinc-400 uppercase">Model {index + 1}</span>
          {onRemove && (
            <button type="button" aria-label={`Remove model ${index + 1}`} onClick={onRemove} className="cursor-pointer rounded p-0.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700">
              <XIcon className="size-3.5" />
            </button>
          )}
        </div>
        <ModelPicker
          compact
          label={`Model ${index + 1}`}
          providers={models.data}
          loading={models.isPending}
          error={models.error}
          value={{ provider: column.provider, name: column.name }}
          onChange={(m) => onChange({ ...column, ...m })}
          disabled={run.isRunning}
        />
        <label className="flex items-center gap-2 text-xs text-zinc-600">
          Temperature
          <Input
            type="number"
            aria-label={`Temperature of model ${index + 1}`}
            min={0}
            max={2}
            step={0.1}
            placeholder="default"
            value={column.temperature ?? ""}
            disabled={run.isRunning}
            onChange={(e) => onChange({ ...column, temperature: e.target.value === "" ? undefined : Math.min(2, Math.max(0, Number(e.target.value))) })}
            className="h-7! w-20 px-2! text-xs!"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto bg-zinc-50/40">
        {isChatMode(mode) ? (
          <ChatTranscript turns={run.turns} emptyHint="Answers from this model appear here." />
        ) : (
          <div className="p-3">
            <CompletionOutput turn={run.turns[0]} />
          </div>
        )}
      </div>
    </section>
  );
}

function CompletionOutput({ turn }: { turn: Turn | undefined }) {
  if (!turn) return <p className="py-10 text-center text-[13px] text-zinc-400">Output appears here.</p>;
  return <AnswerBubble text={turn.answer} turn={turn} document />;
}
