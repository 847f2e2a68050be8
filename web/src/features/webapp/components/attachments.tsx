// Files attached to the next chat message, when the app takes them: a paperclip beside the
// message box opens the picker and a link button takes a file's web address (as the app allows),
// and each file shows above the box while it uploads (images as thumbnails), refused or failed
// ones with the reason, any removable.
import { useRef, useState } from "react";
import { AddLink, addPickedFiles, type UploadFn } from "../../../components/file-inputs";
import { Spinner } from "../../../components/ui/spinner";
import { LinkIcon, PaperclipIcon, XIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import { acceptFor, type FileVariable, fileLimit, type PickedFile, takesLinks, takesUploads } from "../../../lib/file-inputs";

const iconButton =
  "flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-xl text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 disabled:cursor-not-allowed disabled:opacity-50";

interface AttachProps {
  input: FileVariable;
  files: PickedFile[];
  upload: UploadFn;
  onUpdate: (change: (files: PickedFile[]) => PickedFile[]) => void;
  disabled?: boolean;
}

export function AttachButton({ input, files, upload, onUpdate, disabled }: AttachProps) {
  const [linking, setLinking] = useState(false);
  const room = fileLimit(input) - files.filter((f) => f.status !== "error").length;
  const full = room > 0 ? undefined : `At most ${fileLimit(input)} files per message`;
  return (
    <>
      {takesLinks(input) && (
        <div className="relative">
          <button
            type="button"
            onClick={() => setLinking((open) => !open)}
            disabled={disabled || room <= 0}
            aria-label="Attach a link"
            aria-expanded={linking}
            title={full ?? "Attach a file by its link"}
            className={iconButton}
          >
            <LinkIcon className="size-4" />
          </button>
          {linking && room > 0 && (
            <div role="dialog" aria-label="Attach a link" className="absolute right-0 bottom-full z-20 mb-2 w-96 max-w-[calc(100vw-2rem)] rounded-xl border border-zinc-200 bg-white p-2 shadow-card">
              <AddLink
                variable={input}
                autoFocus
                onAdd={(file) => {
                  onUpdate((prev) => [...prev, file]);
                  setLinking(false);
                }}
              />
            </div>
          )}
        </div>
      )}
      {takesUploads(input) && <UploadButton input={input} room={room} full={full} upload={upload} onUpdate={onUpdate} disabled={disabled} />}
    </>
  );
}

function UploadButton({ input, room, full, upload, onUpdate, disabled }: Omit<AttachProps, "files"> & { room: number; full?: string }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={picker}
        type="file"
        className="sr-only"
        name="message-files"
        aria-label="Attach files"
        multiple={fileLimit(input) > 1}
        accept={acceptFor(input)}
        disabled={disabled || room <= 0}
        onChange={(e) => {
          addPickedFiles([...(e.target.files ?? [])].slice(0, Math.max(room, 0)), input, upload, onUpdate);
          e.target.value = "";
        }}
      />
      <button
        type="button"
        onClick={() => picker.current?.click()}
        disabled={disabled || room <= 0}
        aria-label="Attach a file"
        title={full ?? `Attach files (up to ${fileLimit(input)})`}
        className={iconButton}
      >
        <PaperclipIcon className="size-4" />
      </button>
    </>
  );
}

export function AttachmentList({ files, onUpdate }: { files: PickedFile[]; onUpdate: AttachProps["onUpdate"] }) {
  if (files.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Files to send">
      {files.map((f) => (
        <li
          key={f.key}
          className={cn(
            "flex max-w-64 items-center gap-2 rounded-xl border bg-white py-1 pr-1 pl-1.5 text-xs shadow-card",
            f.status === "error" ? "border-red-200" : "border-zinc-200",
          )}
        >
          {f.preview ? (
            <img src={f.preview} alt="" className="size-8 rounded-md object-cover" />
          ) : f.url ? (
            <LinkIcon className="size-4 shrink-0 text-zinc-400" />
          ) : (
            <PaperclipIcon className="size-4 shrink-0 text-zinc-400" />
          )}
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium text-zinc-800">{f.name}</span>
            {f.status === "error" ? (
              <span className="block text-red-600">{f.error}</span>
            ) : f.status === "uploading" ? (
              <span className="flex items-center gap-1 text-zinc-500">
                <Spinner className="size-3" /> Uploading…
              </span>
            ) : (
              <span className="block text-zinc-500">{f.url ? "Link" : "Ready"}</span>
            )}
          </span>
          <button
            type="button"
            aria-label={`Remove ${f.name}`}
            onClick={() => onUpdate((prev) => prev.filter((x) => x.key !== f.key))}
            className="cursor-pointer rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
          >
            <XIcon className="size-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
