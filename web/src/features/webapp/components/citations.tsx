// At the foot of an answer: the documents it drew on, as chips; a chip opens the passages used
// from that document, with their retrieval scores.
import { useState } from "react";
import { XIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { RetrieverResource } from "../api/types";
import { type CitationGroup, citationGroups, formatScore } from "../lib/citations";
import { DocumentIcon } from "./icons";

export function Citations({ resources, className }: { resources: RetrieverResource[] | null | undefined; className?: string }) {
  const groups = citationGroups(resources);
  const [openName, setOpenName] = useState<string | null>(null);
  if (groups.length === 0) return null;
  const open = groups.find((g) => g.documentName === openName) ?? null;
  return (
    <div data-testid="citations" className={cn("space-y-2", className)}>
      <p className="flex items-center gap-2 text-[11px] font-semibold tracking-wide text-zinc-400 uppercase">
        Citations
        <span className="h-px flex-1 bg-zinc-100" />
      </p>
      <div className="flex flex-wrap gap-1.5">
        {groups.map((g) => {
          const active = g.documentName === openName;
          return (
            <button
              key={g.documentName}
              type="button"
              data-testid="citation-chip"
              aria-expanded={active}
              title={g.passages[0]?.content.slice(0, 200)}
              onClick={() => setOpenName(active ? null : g.documentName)}
              className={cn(
                "inline-flex max-w-full cursor-pointer items-center gap-1.5 rounded-lg border px-2.5 py-1 text-[13px] transition-colors",
                active ? "border-brand-300 bg-brand-50 text-brand-800" : "border-zinc-200 bg-zinc-50 text-zinc-700 hover:border-zinc-300 hover:bg-white",
              )}
            >
              <DocumentIcon className="size-3.5 shrink-0 text-zinc-400" />
              <span className="max-w-[16rem] truncate">{g.documentName}</span>
              {g.passages.length > 1 && <span className="rounded bg-zinc-200/70 px-1 text-[11px] font-medium text-zinc-600 tabular-nums">{g.passages.length}</span>}
            </button>
          );
        })}
      </div>
      {open && <Passages group={open} onClose={() => setOpenName(null)} />}
    </div>
  );
}

function Passages({ group, onClose }: { group: CitationGroup; onClose: () => void }) {
  return (
    <div data-testid="citation-panel" className="rounded-xl border border-zinc-200 bg-zinc-50/60">
      <div className="flex items-center gap-2 border-b border-zinc-200/70 px-3 py-2">
        <DocumentIcon className="size-4 shrink-0 text-zinc-400" />
        <p className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-800">{group.documentName}</p>
        <button type="button" aria-label="Close citation" onClick={onClose} className="cursor-pointer rounded-md p-1 text-zinc-400 hover:bg-zinc-200/60 hover:text-zinc-700">
          <XIcon className="size-3.5" />
        </button>
      </div>
      <ol className="max-h-80 divide-y divide-zinc-200/70 overflow-y-auto">
        {group.passages.map((p) => (
          <Passage key={p.segment_id || p.position} passage={p} />
        ))}
      </ol>
    </div>
  );
}

const LONG = 360;

function Passage({ passage }: { passage: RetrieverResource }) {
  const [expanded, setExpanded] = useState(false);
  const score = formatScore(passage.score);
  const long = passage.content.length > LONG;
  return (
    <li data-testid="citation-passage" className="space-y-1.5 px-3 py-2.5">
      {score && (
        <div className="flex items-center gap-2 text-xs text-zinc-500 tabular-nums" title="How closely this passage matched">
          <span className="h-1 w-14 overflow-hidden rounded-full bg-zinc-200">
            <span className="block h-full rounded-full bg-brand-500" style={{ width: `${Math.round(Math.min(1, Math.max(0, passage.score ?? 0)) * 100)}%` }} />
          </span>
          Score {score}
        </div>
      )}
      <p className={cn("text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700", !expanded && long && "line-clamp-6")}>{passage.content}</p>
      {long && (
        <button type="button" onClick={() => setExpanded((e) => !e)} className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">
          {expanded ? "Show less" : "Show all"}
        </button>
      )}
    </li>
  );
}
