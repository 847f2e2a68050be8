// One chunk of a document: its text, keywords and child chunks; edited in place.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { TrashIcon } from "../../../components/ui/icons";
import { Textarea } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import type { Segment, SegmentInput } from "../api/types";
import { HashIcon, PenIcon } from "./icons";
import { KeywordInput } from "./keyword-input";
import { Toggle } from "./toggle";

interface SegmentCardProps {
  segment: Segment;
  canEdit: boolean;
  onSave: (input: SegmentInput) => Promise<unknown>;
  onToggle: (enabled: boolean) => void;
  onDelete: () => void;
  toggling: boolean;
  /** Economy knowledge bases search keywords; the others keep them without matching on them. */
  keywordsSearched: boolean;
}

export function SegmentCard({ segment: s, canEdit, onSave, onToggle, onDelete, toggling, keywordsSearched }: SegmentCardProps) {
  const [editing, setEditing] = useState(false);
  const [content, setContent] = useState(s.content);
  const [keywords, setKeywords] = useState(s.keywords);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [expanded, setExpanded] = useState(false);

  const startEdit = () => {
    setContent(s.content);
    setKeywords(s.keywords);
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave({ content, keywords });
      setEditing(false);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <article
      data-testid="segment-card"
      data-enabled={s.enabled}
      className={cn("rounded-xl border bg-white shadow-card", editing ? "border-brand-300 ring-3 ring-brand-500/10" : "border-zinc-200")}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 pt-3">
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] font-medium text-zinc-600">
          {s.child_chunks.length ? "Parent" : "Chunk"}-{String(s.position).padStart(2, "0")}
        </span>
        <span className="text-xs text-zinc-500">
          {s.word_count} characters · {s.tokens} tokens · {s.hit_count} hit{s.hit_count === 1 ? "" : "s"}
        </span>
        {!s.enabled && <span className="text-xs font-medium text-zinc-400">Disabled</span>}
        <div className="ml-auto flex items-center gap-1">
          {canEdit && !editing && (
            <>
              <Toggle size="sm" hideLabel label={`Chunk ${s.position} enabled`} checked={s.enabled} disabled={toggling} onChange={onToggle} />
              <Button
                size="icon"
                variant="ghost"
                aria-label={`Edit chunk ${s.position}`}
                title={s.enabled ? "Edit" : "Enable the chunk to edit it"}
                disabled={!s.enabled}
                onClick={startEdit}
              >
                <PenIcon className="size-3.5" />
              </Button>
              <Button size="icon" variant="ghost" className="hover:bg-red-50 hover:text-red-600" aria-label={`Delete chunk ${s.position}`} title="Delete" onClick={onDelete}>
                <TrashIcon className="size-3.5" />
              </Button>
            </>
          )}
        </div>
      </header>
      {editing ? (
        <div className="space-y-3 px-4 pt-2 pb-4">
          {error ? <Alert tone="error" title="Couldn't save the chunk">{errorMessage(error)}</Alert> : null}
          <Textarea aria-label="Chunk content" rows={Math.min(14, Math.max(4, content.split("\n").length + 1))} value={content} onChange={(e) => setContent(e.target.value)} disabled={saving} />
          <div className="space-y-1.5">
            <p className="text-xs font-medium text-zinc-600">Keywords</p>
            <KeywordInput value={keywords} onChange={setKeywords} disabled={saving} />
            {keywordsSearched ? null : <p className="text-xs text-zinc-500">Kept with the chunk; only economy knowledge bases search by keyword.</p>}
          </div>
          <div className="flex justify-end gap-2">
            <Button size="sm" onClick={() => setEditing(false)} disabled={saving}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" onClick={save} loading={saving} disabled={!content.trim()}>
              Save
            </Button>
          </div>
        </div>
      ) : (
        <div className={cn("px-4 pt-2 pb-3", !s.enabled && "opacity-60")}>
          <button type="button" onClick={() => setExpanded(!expanded)} className="block w-full cursor-text text-left" aria-expanded={expanded}>
            <p className={cn("text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-800", !expanded && "line-clamp-5")} data-testid="segment-content">
              {s.content}
            </p>
          </button>
          {s.child_chunks.length > 0 && (
            <div className="mt-2.5 space-y-1.5" data-testid="child-chunks">
              {s.child_chunks.map((c) => (
                <p key={c.id} className="rounded-md bg-zinc-50 px-2 py-1.5 text-xs leading-relaxed text-zinc-700 ring-1 ring-zinc-200">
                  <span className="mr-1.5 font-medium text-brand-600">C-{c.position}</span>
                  {c.content}
                </p>
              ))}
            </div>
          )}
          {s.keywords.length > 0 && (
            <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
              <HashIcon className="size-3.5 text-zinc-400" />
              {s.keywords.map((k) => (
                <span key={k} className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-[11px] text-zinc-600" data-testid="keyword-chip">
                  {k}
                </span>
              ))}
            </div>
          )}
        </div>
      )}
    </article>
  );
}
