// An agent's tool calls before its answer: for each step, the tool it called, with what input, and
// what the tool answered, plus the thought the model wrote before calling. One line per step,
// opened on a click; live while the answer streams (the answer itself is the bubble below).
import type { ReactNode } from "react";
import { CheckCircleIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import type { AgentThought } from "../api/types";
import { toolCalls, toolSteps } from "../lib/agent-thoughts";
import { WrenchIcon } from "./icons";

export function AgentThoughts({ thoughts, running, className }: { thoughts: AgentThought[]; running?: boolean; className?: string }) {
  const steps = toolSteps(thoughts);
  if (steps.length === 0) return null;
  return (
    <ol className={cn("space-y-1.5", className)} data-testid="agent-thoughts" aria-label="Agent steps">
      {steps.map((t) => (
        <ThoughtItem key={t.id} thought={t} running={Boolean(running) && !t.observation} />
      ))}
    </ol>
  );
}

function ThoughtItem({ thought, running }: { thought: AgentThought; running: boolean }) {
  const calls = toolCalls(thought);
  return (
    <li>
      <details className="group rounded-lg border border-zinc-200 bg-white text-[13px] shadow-xs" data-testid="agent-thought" data-tool={thought.tool} data-status={running ? "running" : "done"}>
        <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-1.5 text-zinc-700 [&::-webkit-details-marker]:hidden" data-testid="agent-thought-toggle">
          {running ? <Spinner className="size-3.5 text-brand-500" /> : <CheckCircleIcon className="size-3.5 text-emerald-500" />}
          <span className="min-w-0 flex-1 truncate">
            <WrenchIcon className="mr-1 inline size-3.5 -translate-y-px text-zinc-400" />
            {running ? "Calling" : "Used"}{" "}
            <span className="font-medium text-zinc-900" data-testid="agent-thought-tool">
              {calls.map((c) => c.label).join(", ")}
            </span>
          </span>
          <span className="text-xs text-zinc-400 group-open:hidden">Show</span>
          <span className="hidden text-xs text-zinc-400 group-open:inline">Hide</span>
        </summary>
        <div className="space-y-2 border-t border-zinc-100 px-3 py-2">
          {thought.thought && (
            <Block label="Thought">
              <p className="whitespace-pre-wrap text-zinc-700" data-testid="agent-thought-text">
                {thought.thought}
              </p>
            </Block>
          )}
          {calls.map((c) => (
            <div key={c.name} className="space-y-2">
              <Block label={calls.length > 1 ? `${c.label} · input` : "Input"}>
                <pre className="max-h-48 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-zinc-700" data-testid="agent-thought-input">
                  {c.input || "{}"}
                </pre>
              </Block>
              <Block label={calls.length > 1 ? `${c.label} · observation` : "Observation"}>
                {c.observation ? (
                  <pre className="max-h-60 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-zinc-700" data-testid="agent-thought-observation">
                    {c.observation}
                  </pre>
                ) : (
                  <p className="text-xs text-zinc-400">{running ? "Waiting for the tool…" : "No observation recorded."}</p>
                )}
              </Block>
            </div>
          ))}
        </div>
      </details>
    </li>
  );
}

function Block({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-0.5">
      <p className="text-[11px] font-medium tracking-wide text-zinc-400 uppercase">{label}</p>
      {children}
    </div>
  );
}
