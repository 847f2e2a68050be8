// Ranked retrieval results: score bar, document, chunk text and matching child chunks.
import type { HitRecord } from "../api/types";
import { extensionOf } from "../lib/files";

function ScoreBar({ score }: { score: number }) {
  const pct = Math.max(0, Math.min(1, score)) * 100;
  return (
    <div className="flex items-center gap-2" title={`Score ${score.toFixed(4)}`}>
      <div className="h-1.5 w-24 overflow-hidden rounded-full bg-zinc-100">
        <div className="h-full rounded-full bg-brand-500" style={{ width: `${pct}%` }} />
      </div>
      <span className="font-mono text-xs font-medium text-zinc-700" data-testid="hit-score">
        {score.toFixed(2)}
      </span>
    </div>
  );
}

export function HitResults({ records }: { records: HitRecord[] }) {
  return (
    <ol className="space-y-3">
      {records.map((r, i) => (
        <li key={r.segment.id} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-card" data-testid="hit-record">
          <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="flex size-6 items-center justify-center rounded-full bg-zinc-900 text-[11px] font-semibold text-white">{i + 1}</span>
            <ScoreBar score={r.score} />
            <span className="text-xs text-zinc-400">Chunk-{String(r.segment.position).padStart(2, "0")} · {r.segment.word_count} characters</span>
          </div>
          <p className="line-clamp-6 text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-800" data-testid="hit-content">
            {r.segment.content}
          </p>
          {r.child_chunks && r.child_chunks.length > 0 && (
            <div className="mt-3 space-y-1.5 border-t border-zinc-100 pt-3">
              <p className="text-[11px] font-medium tracking-wide text-zinc-400 uppercase">Matching child chunks</p>
              {r.child_chunks.map((c) => (
                <div key={c.id} className="flex items-start gap-2 rounded-md bg-zinc-50 px-2 py-1.5 ring-1 ring-zinc-200">
                  <span className="shrink-0 font-mono text-[11px] font-medium text-brand-600">
                    C-{c.position} · {c.score.toFixed(2)}
                  </span>
                  <p className="text-xs leading-relaxed text-zinc-700">{c.content}</p>
                </div>
              ))}
            </div>
          )}
          <div className="mt-3 flex items-center gap-1.5 border-t border-zinc-100 pt-2.5 text-xs text-zinc-600" data-testid="hit-document">
            <span className="rounded border border-zinc-200 bg-zinc-50 px-1 font-mono text-[9px] font-semibold text-zinc-500 uppercase">
              {extensionOf(r.segment.document.name) || "txt"}
            </span>
            <span className="truncate" title={r.segment.document.name}>
              {r.segment.document.name}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}
