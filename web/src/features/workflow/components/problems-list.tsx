// The graph's problems, the editor's own and the server's from a refused publish; picking one
// opens the node it concerns.
import { useState } from "react";
import { AlertIcon, CheckCircleIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { Problem } from "../api/types";

interface ProblemsListProps {
  problems: Problem[];
  serverProblems: Problem[];
  titleOf: (nodeId: string) => string | null;
  onPick: (nodeId: string) => void;
}

export function ProblemsList({ problems, serverProblems, titleOf, onPick }: ProblemsListProps) {
  const [open, setOpen] = useState(false);
  const all = [...serverProblems.map((p) => ({ ...p, server: true })), ...problems.map((p) => ({ ...p, server: false }))];
  const count = all.length;
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid="problems-button"
        className={cn(
          "inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2.5 text-[13px] font-medium",
          count ? "border-amber-200 bg-amber-50 text-amber-800 hover:bg-amber-100" : "border-zinc-200 bg-white text-zinc-600 hover:bg-zinc-50",
        )}
      >
        {count ? <AlertIcon className="size-4 text-amber-500" /> : <CheckCircleIcon className="size-4 text-emerald-500" />}
        {count ? `${count} problem${count === 1 ? "" : "s"}` : "No problems"}
      </button>
      {open && (
        <div className="absolute top-full right-0 z-20 mt-1 w-96 rounded-xl border border-zinc-200 bg-white p-2 shadow-pop" data-testid="problems-list">
          {count === 0 ? (
            <p className="px-2 py-3 text-[13px] text-zinc-500">The graph is ready to run and publish.</p>
          ) : (
            <ul className="max-h-80 space-y-0.5 overflow-y-auto">
              {all.map((p, i) => {
                const title = p.node_id ? titleOf(p.node_id) : null;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
                  <li key={i}>
                    <button
                      type="button"
                      disabled={!p.node_id}
                      onClick={() => {
                        if (p.node_id) onPick(p.node_id);
                        setOpen(false);
                      }}
                      className="w-full cursor-pointer rounded-lg px-2 py-1.5 text-left hover:bg-zinc-50 disabled:cursor-default"
                      data-testid="problem"
                    >
                      <span className="block text-[13px] text-zinc-800">{p.message}</span>
                      <span className="block text-[11px] text-zinc-400">
                        {p.server ? "Publish check" : "Editor check"}
                        {title ? ` · ${title}` : p.node_id ? ` · node ${p.node_id}` : " · whole workflow"}
                        {p.field ? ` · ${p.field}` : ""}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
