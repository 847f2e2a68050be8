import { type ReactNode, useEffect, useRef } from "react";
import { AlertIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { Turn } from "../hooks/use-debug-run";
import { AnnotationReplyBadge } from "../../annotations/components/annotation-badge";
import { AgentThoughts } from "./agent-thoughts";
import { Citations } from "./citations";
import { UsageLine } from "./usage-line";

interface ChatTranscriptProps {
  turns: Turn[];
  opening?: string | null;
  suggestions?: string[];
  onSuggestion?: (q: string) => void;
  appIcon?: string;
  /** Shown when there is nothing yet (no opening statement, no turns). */
  emptyHint?: string;
  /** Under the last answer (follow-up suggestions). */
  footer?: ReactNode;
}

/** The debugger's conversation: the opening, each question and its streamed answer with usage. */
export function ChatTranscript({ turns, opening, suggestions = [], onSuggestion, emptyHint, footer }: ChatTranscriptProps) {
  const end = useRef<HTMLDivElement>(null);
  const last = turns[turns.length - 1];
  // Follow the answer as it streams in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls on every new piece of the last answer
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [turns.length, last?.answer, last?.status, last?.thoughts, footer]);

  const questions = suggestions.filter((q) => q.trim());
  return (
    <div className="space-y-4 px-4 py-4">
      {opening || questions.length > 0 ? (
        <div className="space-y-2">
          {opening && <AnswerBubble text={opening} />}
          {questions.length > 0 && turns.length === 0 && <SuggestionChips questions={questions} onPick={onSuggestion} />}
        </div>
      ) : turns.length === 0 && emptyHint ? (
        <p className="py-10 text-center text-[13px] text-zinc-400">{emptyHint}</p>
      ) : null}
      {turns.map((t) => (
        <div key={t.id} className="space-y-2" data-testid="debug-turn">
          {t.query && (
            <div className="flex justify-end">
              <div className="max-w-[85%] rounded-2xl rounded-br-md bg-zinc-900 px-3.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap text-white">
                {t.query}
              </div>
            </div>
          )}
          {t.thoughts.length > 0 && <AgentThoughts thoughts={t.thoughts} running={t.status === "streaming"} className="max-w-[92%]" />}
          <AnswerBubble text={t.answer} turn={t} />
        </div>
      ))}
      {footer}
      <div ref={end} />
    </div>
  );
}

/** An answer: a chat bubble, or (`document`) a completion app's generated text. */
export function AnswerBubble({ text, turn, document }: { text: string; turn?: Turn; document?: boolean }) {
  const streaming = turn?.status === "streaming";
  return (
    <div className="flex flex-col items-start gap-1">
      <div
        data-testid={turn ? "debug-answer" : undefined}
        data-status={turn?.status}
        className={cn(
          "border text-[13px] leading-relaxed whitespace-pre-wrap",
          document ? "w-full rounded-xl px-4 py-3" : "max-w-[92%] rounded-2xl rounded-bl-md px-3.5 py-2",
          turn?.status === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-zinc-200 bg-white text-zinc-800 shadow-xs",
        )}
      >
        {text}
        {streaming && !text && <span className="text-zinc-400">{turn?.thoughts.length ? "Working…" : "Thinking…"}</span>}
        {streaming && <span className="ml-0.5 inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-brand-500" />}
        {turn?.status === "error" && (
          <span className="flex items-start gap-1.5" role="alert">
            <AlertIcon className="mt-0.5 size-3.5 shrink-0 text-red-500" />
            {turn.error}
          </span>
        )}
      </div>
      {turn?.status === "stopped" && <p className="pl-1 text-[11px] text-zinc-400">Stopped</p>}
      {turn?.annotatedBy && (
        <div className="pl-1" data-testid="debug-annotation-reply">
          <AnnotationReplyBadge author={turn.annotatedBy} />
        </div>
      )}
      {turn && turn.status !== "streaming" && turn.citations.length > 0 && (
        <Citations resources={turn.citations} className={cn("mt-1 pl-1", !document && "max-w-[92%]")} />
      )}
      {turn?.usage && (
        <div className="pl-1">
          <UsageLine usage={turn.usage} />
        </div>
      )}
    </div>
  );
}

export function SuggestionChips({ questions, onPick, label }: { questions: string[]; onPick?: (q: string) => void; label?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5 pl-1" role="group" aria-label={label ?? "Suggested questions"}>
      {questions.map((q) => (
        <button
          key={q}
          type="button"
          onClick={() => onPick?.(q)}
          className="cursor-pointer rounded-full border border-zinc-200 bg-white px-3 py-1 text-xs text-zinc-700 shadow-xs hover:border-brand-300 hover:text-brand-700"
        >
          {q}
        </button>
      ))}
    </div>
  );
}
