// The prompt IDE's right side: fill the variables, then chat with (or run) the draft on screen,
// one model at a time or several side by side.
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useSuggestions } from "../api/get-suggestions";
import type { EasyMode, ModelConfig } from "../api/types";
import { useDebugRun } from "../hooks/use-debug-run";
import type { CompareHandoff } from "../lib/compare-handoff";
import { variablesOf } from "../lib/draft";
import { type FormVariable, initialInputs, prepareInputs } from "../lib/variables";
import { AnswerBubble, ChatTranscript, SuggestionChips } from "./chat-transcript";
import { CompareView } from "./compare-view";
import { Composer } from "./composer";
import { DebugInputs } from "./debug-inputs";
import { ColumnsIcon, PlayIcon, RestartIcon, StopIcon } from "./icons";
import { isChatMode } from "../lib/app-rules";

interface DebugPanelProps {
  appId: string;
  mode: EasyMode;
  draft: ModelConfig;
  comparing: boolean;
  /** Columns and sample questions handed over by a link (fine-tuning's "Compare"). */
  compareWith?: CompareHandoff | null;
}

export type PrepareInputs = () => Record<string, unknown> | null;

export function DebugPanel({ appId, mode, draft, comparing, compareWith }: DebugPanelProps) {
  const variables = variablesOf(draft);
  const [values, setValues] = useState<Record<string, string>>(() => initialInputs(variables));
  const [invalid, setInvalid] = useState<string | null>(null);

  // Variables added since the form was filled start at their defaults.
  const current = { ...initialInputs(variables), ...values };
  const prepare: PrepareInputs = () => {
    const { inputs, missing } = prepareInputs(variables, current);
    setInvalid(missing?.variable ?? null);
    return missing ? null : inputs;
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <DebugInputs
        variables={variables}
        values={current}
        invalid={invalid}
        onChange={(v) => {
          setValues(v);
          setInvalid(null);
        }}
      />
      {comparing ? (
        <CompareView appId={appId} mode={mode} draft={draft} prepare={prepare} initial={compareWith} />
      ) : isChatMode(mode) ? (
        <ChatDebugger appId={appId} draft={draft} prepare={prepare} />
      ) : (
        <CompletionDebugger appId={appId} draft={draft} prepare={prepare} variables={variables} />
      )}
    </div>
  );
}

export function DebugHeaderActions({ comparing, onCompareChange }: { comparing: boolean; onCompareChange: (on: boolean) => void }) {
  return (
    <Button size="sm" variant={comparing ? "primary" : "secondary"} icon={<ColumnsIcon className="size-3.5" />} onClick={() => onCompareChange(!comparing)}>
      {comparing ? "Exit compare" : "Compare models"}
    </Button>
  );
}

function ChatDebugger({ appId, draft, prepare }: { appId: string; draft: ModelConfig; prepare: PrepareInputs }) {
  const run = useDebugRun(appId, "chat");
  const send = (query: string) => {
    const inputs = prepare();
    if (!inputs) return false;
    void run.send({ query, inputs, modelConfig: draft });
    return true;
  };
  const last = run.turns[run.turns.length - 1];
  const followUpsOn = Boolean(draft.suggested_questions_after_answer?.enabled);
  const followUps = useSuggestions(appId, last?.status === "done" ? last.messageId : null, followUpsOn);
  const footer = !followUpsOn || !last?.messageId || last.status !== "done" ? null : followUps.isPending ? (
    <p className="flex items-center gap-1.5 pl-1 text-xs text-zinc-400">
      <Spinner className="size-3" /> Suggesting follow-up questions…
    </p>
  ) : followUps.isError ? (
    <p className="pl-1 text-xs text-zinc-500">Couldn't suggest follow-ups: {errorMessage(followUps.error)}</p>
  ) : followUps.data.length > 0 ? (
    <SuggestionChips label="Follow-up questions" questions={followUps.data} onPick={send} />
  ) : null;
  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-zinc-100 px-4 py-1.5">
        <p className="truncate text-xs text-zinc-500">
          {run.conversationId ? `Conversation · ${run.turns.length} message${run.turns.length === 1 ? "" : "s"}` : "New conversation"}
        </p>
        <Button size="sm" variant="ghost" icon={<RestartIcon className="size-3.5" />} onClick={run.restart} disabled={run.turns.length === 0}>
          Restart
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto bg-zinc-50/40" data-testid="debug-transcript">
        <ChatTranscript
          turns={run.turns}
          opening={draft.opening_statement}
          suggestions={draft.suggested_questions}
          onSuggestion={send}
          emptyHint="Send a message to try the draft. Changes apply to the next message; nothing is published."
          footer={footer}
        />
      </div>
      <Composer running={run.isRunning} onSend={send} onStop={run.stop} />
    </>
  );
}

function CompletionDebugger({ appId, draft, prepare, variables }: { appId: string; draft: ModelConfig; prepare: PrepareInputs; variables: FormVariable[] }) {
  const run = useDebugRun(appId, "completion");
  const turn = run.turns[0];
  const start = () => {
    const inputs = prepare();
    if (inputs) void run.send({ query: "", inputs, modelConfig: draft });
  };
  return (
    <>
      <div className="flex items-center justify-between gap-2 border-b border-zinc-100 px-4 py-2">
        <p className="text-xs text-zinc-500">{variables.length ? "Fill in the variables, then run." : "Run the prompt as it is."}</p>
        {run.isRunning ? (
          <Button size="sm" onClick={run.stop} icon={<StopIcon className="size-3.5" />}>
            Stop
          </Button>
        ) : (
          <Button size="sm" variant="primary" onClick={start} icon={<PlayIcon className="size-3.5" />}>
            Run
          </Button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto bg-zinc-50/40 px-4 py-4" data-testid="debug-transcript">
        {turn ? (
          <AnswerBubble text={turn.answer} turn={turn} document />
        ) : (
          <p className="py-10 text-center text-[13px] text-zinc-400">The generated text appears here, with its tokens, cost and latency.</p>
        )}
      </div>
    </>
  );
}
