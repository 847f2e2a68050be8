// Files attached to the next chat message, when the app takes them: a paperclip beside the
// message box opens the picker, and each file shows above the box while it uploads (images as
// thumbnails), refused or failed ones with the reason, any removable.
import { useRef } from "react";
import { addPickedFiles, type UploadFn } from "../../../components/file-inputs";
import { Spinner } from "../../../components/ui/spinner";
import { PaperclipIcon, XIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import { acceptFor, type FileVariable, fileLimit, type PickedFile } from "../../../lib/file-inputs";

interface AttachProps {
  input: FileVariable;
  files: PickedFile[];
  upload: UploadFn;
  onUpdate: (change: (files: PickedFile[]) => PickedFile[]) => void;
  disabled?: boolean;
}

export function AttachButton({ input, files, upload, onUpdate, disabled }: AttachProps) {
  const picker = useRef<HTMLInputElement>(null);
  const room = fileLimit(input) - files.filter((f) => f.status !== "error").length;
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
        title={room > 0 ? `Attach files (up to ${fileLimit(input)})` : `At most ${fileLimit(input)} files per message`}
        className="flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-xl text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 disabled:cursor-not-allowed disabled:opacity-50"
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
              <span className="block text-zinc-500">Ready</span>
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
