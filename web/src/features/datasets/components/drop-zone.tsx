// Drag files here or pick them: several at once, the accepted types and size limit spelled out.
import { type DragEvent, useRef, useState } from "react";
import { cn } from "../../../lib/cn";
import { ACCEPT_ATTRIBUTE, MAX_FILE_MB } from "../lib/files";
import { UploadIcon } from "./icons";

export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) onFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors",
        over ? "border-brand-400 bg-brand-50/60" : "border-zinc-300 bg-zinc-50/60",
        disabled && "opacity-60",
      )}
      data-testid="drop-zone"
    >
      <span className="flex size-10 items-center justify-center rounded-lg border border-zinc-200 bg-white text-zinc-500 shadow-card">
        <UploadIcon className="size-5" />
      </span>
      <p className="text-[13px] text-zinc-700">
        Drag and drop files here, or{" "}
        <button
          type="button"
          disabled={disabled}
          onClick={() => input.current?.click()}
          className="cursor-pointer font-medium text-brand-600 underline-offset-2 hover:underline disabled:cursor-not-allowed"
        >
          browse
        </button>
      </p>
      <p className="text-xs text-zinc-500">PDF, Word, Excel, PowerPoint, Markdown, HTML, text, CSV, JSON, EPUB, e-mail · up to {MAX_FILE_MB} MB each · several at once</p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        aria-label="Choose files to upload"
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = "";
        }}
      />
    </div>
  );
}
