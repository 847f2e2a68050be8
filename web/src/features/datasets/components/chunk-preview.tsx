// The live chunk preview: the first chunks a file or text splits into under the current settings,
// fetched again (debounced) whenever the settings change.
import { useEffect, useMemo, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { EmptyState } from "../../../components/ui/empty-state";
import { Select } from "../../../components/ui/select";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { type PreviewSource, useChunkPreview } from "../api/chunk-preview";
import { useDebouncedValue } from "../hooks/use-debounced-value";
import { type ChunkSettings, chunkProblem, toProcessRule } from "../lib/process-rule";
import { ScissorsIcon } from "./icons";

interface ChunkPreviewProps {
  /** Files that can be previewed (the first is shown unless the user picks another). */
  files: File[];
  /** Pasted text; previewed instead of files when not null. */
  text: string | null;
  settings: ChunkSettings;
}

export function ChunkPreview({ files, text, settings }: ChunkPreviewProps) {
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    if (picked >= files.length) setPicked(0);
  }, [files.length, picked]);

  const debouncedSettings = useDebouncedValue(settings, 400);
  const debouncedText = useDebouncedValue(text, 600);
  const source = useMemo<PreviewSource | null>(() => {
    if (debouncedText !== null) return debouncedText.trim() ? { kind: "text", text: debouncedText } : null;
    const file = files[picked] ?? files[0];
    return file ? { kind: "file", file } : null;
  }, [debouncedText, files, picked]);
  const problem = chunkProblem(debouncedSettings);
  const rule = useMemo(() => toProcessRule(debouncedSettings), [debouncedSettings]);
  const preview = useChunkPreview(source, rule, !problem);
  const pending = preview.isFetching || settings !== debouncedSettings;

  return (
    <section className="flex min-h-[24rem] flex-col rounded-xl border border-zinc-200 bg-white shadow-card" data-testid="chunk-preview">
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-4 py-3">
        <h2 className="text-[13px] font-semibold text-zinc-900">Preview</h2>
        {preview.data && source && (
          <span className="text-xs text-zinc-500" data-testid="chunk-preview-summary">
            {preview.data.total} chunk{preview.data.total === 1 ? "" : "s"} · {preview.data.total_tokens} tokens
            {preview.data.total > preview.data.chunks.length ? ` · first ${preview.data.chunks.length} shown` : ""}
          </span>
        )}
        {pending && source && (
          <span className="flex items-center gap-1.5 text-xs text-zinc-400" role="status">
            <Spinner className="size-3" /> Updating…
          </span>
        )}
      </header>
      {text === null && files.length > 1 && (
        <div className="flex items-center gap-2 border-b border-zinc-100 px-4 py-2">
          <span className="text-xs text-zinc-500">Previewing</span>
          <Select
            aria-label="File to preview"
            wrapperClassName="min-w-0 flex-1"
            className="h-8 text-[13px]"
            value={String(picked)}
            onChange={(e) => setPicked(Number(e.target.value))}
            options={files.map((f, i) => ({ value: String(i), label: f.name }))}
          />
        </div>
      )}
      <div className="flex-1 overflow-y-auto p-4">
        {!source ? (
          <EmptyState
            compact
            icon={<ScissorsIcon className="size-5" />}
            title="Nothing to preview yet"
            description={text === null ? "Add a file to see how it will be split into chunks." : "Paste some text to see how it will be split."}
          />
        ) : problem ? (
          <p className="py-10 text-center text-[13px] text-zinc-500">Fix the chunk settings to update the preview.</p>
        ) : preview.isError ? (
          <Alert tone="error" title="Couldn't preview the chunks">
            {errorMessage(preview.error)}
          </Alert>
        ) : !preview.data ? (
          <div className="flex items-center justify-center gap-2 py-16 text-[13px] text-zinc-500" role="status">
            <Spinner /> Splitting the document…
          </div>
        ) : preview.data.chunks.length === 0 ? (
          <p className="py-10 text-center text-[13px] text-zinc-500">This document has no text to index.</p>
        ) : (
          <ol className="space-y-3">
            {preview.data.chunks.map((chunk, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview chunks have no id and the list is replaced, never reordered.
              <li key={i} className="rounded-lg border border-zinc-200 bg-zinc-50/50 p-3" data-testid="preview-chunk">
                <p className="mb-1.5 flex items-center gap-2 text-[11px] font-medium tracking-wide text-zinc-400 uppercase">
                  <span className="rounded bg-white px-1.5 py-0.5 whitespace-nowrap text-zinc-600 ring-1 ring-zinc-200">
                    {chunk.children ? "Parent" : "Chunk"} {String(i + 1).padStart(2, "0")}
                  </span>
                  {chunk.tokens} tokens · {chunk.content.length} characters
                </p>
                {chunk.children ? (
                  <div className="space-y-1.5">
                    {chunk.children.map((child, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above, child chunks of a preview have no id.
                      <p key={j} className="rounded-md bg-white px-2 py-1.5 text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700 ring-1 ring-zinc-200">
                        <span className="mr-1.5 text-[11px] font-medium text-brand-600">C-{j + 1}</span>
                        {child.content}
                      </p>
                    ))}
                  </div>
                ) : (
                  <p className="line-clamp-[12] text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700">{chunk.content}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
