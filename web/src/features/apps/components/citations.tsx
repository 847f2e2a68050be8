// Under a debugger answer: the documents it was grounded on as chips; a chip opens the passages
// the answer used from that document, each with its retrieval score.
import { useState } from "react";
import { XIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { RetrieverResource } from "../api/types";
import { type CitationGroup, citationGroups, formatScore } from "../lib/citations";
import { TextIcon } from "./icons";

export function Citations({ resources, className }: { resources: RetrieverResource[] | null | undefined; className?: string }) {
  const groups = citationGroups(resources);
  const [openKey, setOpenKey] = useState<string | null>(null);
  if (groups.length === 0) return null;
  const open = groups.find((g) => g.key === openKey) ?? null;
  return (
    <div data-testid="citations" className={cn("w-full space-y-1.5", className)}>
      <p className="flex items-center gap-2 text-[11px] font-medium tracking-wide text-zinc-400 uppercase">
        Citations
        <span className="h-px flex-1 bg-zinc-200" />
      </p>
      <div className="flex flex-wrap gap-1.5">
        {groups.map((g) => (
          <button
            key={g.key}
            type="button"
            data-testid="citation-chip"
            aria-expanded={g.key === openKey}
            title={`${g.documentName}${g.datasetName ? ` · ${g.datasetName}` : ""}\n\n${g.passages[0]?.content.slice(0, 200) ?? ""}`}
            onClick={() => setOpenKey((k) => (k === g.key ? null : g.key))}
            className={cn(
              "inline-flex max-w-full cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-xs transition-colors",
              g.key === openKey ? "border-brand-300 bg-brand-50 text-brand-800" : "border-zinc-200 bg-white text-zinc-700 hover:border-zinc-300 hover:bg-zinc-50",
            )}
          >
            <TextIcon className="size-3.5 shrink-0 text-zinc-400" />
            <span className="max-w-[14rem] truncate">{g.documentName}</span>
            {g.passages.length > 1 && <span className="rounded bg-zinc-100 px-1 text-[10px] font-medium text-zinc-500 tabular-nums">{g.passages.length}</span>}
          </button>
        ))}
      </div>
      {open && <CitationPanel group={open} onClose={() => setOpenKey(null)} />}
    </div>
  );
}

function CitationPanel({ group, onClose }: { group: CitationGroup; onClose: () => void }) {
  return (
    <div data-testid="citation-panel" className="rounded-lg border border-zinc-200 bg-white shadow-card">
      <div className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2">
        <TextIcon className="size-3.5 shrink-0 text-zinc-400" />
        <p className="min-w-0 flex-1 truncate text-xs font-medium text-zinc-800">
          {group.documentName}
          {group.datasetName && <span className="font-normal text-zinc-400"> · {group.datasetName}</span>}
        </p>
        <button type="button" aria-label="Close citation" onClick={onClose} className="cursor-pointer rounded p-0.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700">
          <XIcon className="size-3.5" />
        </button>
      </div>
      <ol className="max-h-72 divide-y divide-zinc-100 overflow-y-auto">
        {group.passages.map((p) => (
          <Passage key={p.segment_id || p.position} passage={p} />
        ))}
      </ol>
    </div>
  );
}

const LONG = 320;

function Passage({ passage }: { passage: RetrieverResource }) {
  const [expanded, setExpanded] = useState(false);
  const score = formatScore(passage.score);
  const long = passage.content.length > LONG;
  return (
    <li data-testid="citation-passage" className="space-y-1 px-3 py-2">
      <div className="flex items-center gap-2 text-[11px] text-zinc-500">
        <span className="font-medium">{passage.segment_position ? `Passage ${passage.segment_position}` : `Result ${passage.position}`}</span>
        {score && (
          <span className="ml-auto flex items-center gap-1.5 tabular-nums" title="Retrieval score">
            <span className="h-1 w-12 overflow-hidden rounded-full bg-zinc-100">
              <span className="block h-full rounded-full bg-brand-500" style={{ width: `${Math.round(Math.min(1, Math.max(0, passage.score ?? 0)) * 100)}%` }} />
            </span>
            Score {score}
          </span>
        )}
      </div>
      <p className={cn("text-xs leading-relaxed whitespace-pre-wrap text-zinc-700", !expanded && long && "line-clamp-5")}>{passage.content}</p>
      {long && (
        <button type="button" onClick={() => setExpanded((e) => !e)} className="cursor-pointer text-[11px] font-medium text-brand-700 hover:underline">
          {expanded ? "Show less" : "Show all"}
        </button>
      )}
    </li>
  );
}
