// A workflow form's file inputs (the hosted page's and the debugger's): pick files (one, or up to
// the input's limit), each uploaded at once with its progress shown, or give a file's link, as the
// input allows; refused types and failed uploads named, and any removable. Where files go is the
// caller's `upload`.
import { useRef, useState } from "react";
import { cn } from "../lib/cn";
import { acceptFor, type FileValues, type FileVariable, fileLimit, fileTypeFor, linkedFile, type PickedFile, takesLinks, takesUploads } from "../lib/file-inputs";
import { Button } from "./ui/button";
import { LinkIcon, PlusIcon, XIcon } from "./ui/icons";
import { Field, Input, RequiredLabel } from "./ui/input";

/** Stores one file and gives its upload id; a failure's message is shown beside the file. */
export type UploadFn = (file: File) => Promise<{ id: string }>;

interface FileInputsProps {
  upload: UploadFn;
  variables: FileVariable[];
  values: FileValues;
  errors: Record<string, string>;
  disabled?: boolean;
  /** Changes one input's files from what they are now (uploads finish after other changes). */
  onUpdate: (variable: string, change: (files: PickedFile[]) => PickedFile[]) => void;
}

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Adds the chosen files to an input and uploads each at once: a type the input does not take is
 * listed as refused, and each upload settles its own entry (done with its id, or its error).
 */
export function addPickedFiles(chosen: File[], v: FileVariable, upload: UploadFn, update: (change: (files: PickedFile[]) => PickedFile[]) => void): void {
  const limit = fileLimit(v);
  const items = chosen.map((file) => {
    const type = fileTypeFor(v, file.name);
    const item: PickedFile = {
      key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
      name: file.name,
      size: file.size,
      status: type ? "uploading" : "error",
      error: type ? undefined : `${v.label} doesn't take this kind of file.`,
      preview: type === "image" && typeof URL.createObjectURL === "function" ? URL.createObjectURL(file) : undefined,
    };
    return { file, item, send: type !== null };
  });
  // A single-file input replaces its file; a list adds to its files.
  update((prev) => [...(limit === 1 ? [] : prev), ...items.map((i) => i.item)]);
  for (const { file, item, send } of items) {
    if (!send) continue;
    const settle = (patch: Partial<PickedFile>) => update((prev) => prev.map((f) => (f.key === item.key ? { ...f, ...patch } : f)));
    upload(file).then(
      (stored) => settle({ status: "done", id: stored.id }),
      (err) => settle({ status: "error", error: err instanceof Error && err.message ? err.message : "The upload failed. Try again." }),
    );
  }
}

/**
 * A file given by its link: a web address and an Add button (or Enter). A link the input cannot
 * take is added as refused, with the reason, as a refused upload is.
 */
export function AddLink({ variable: v, onAdd, disabled, autoFocus }: { variable: FileVariable; onAdd: (file: PickedFile) => void; disabled?: boolean; autoFocus?: boolean }) {
  const [link, setLink] = useState("");
  const add = () => {
    if (!link.trim()) return;
    onAdd(linkedFile(v, link));
    setLink("");
  };
  return (
    <div className="flex items-center gap-2">
      <Input
        type="url"
        aria-label={`Link to a file for ${v.label}`}
        placeholder="https://example.com/report.pdf"
        value={link}
        disabled={disabled}
        autoFocus={autoFocus}
        className="h-9"
        onChange={(e) => setLink(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            add();
          }
        }}
      />
      <Button icon={<LinkIcon />} disabled={disabled || !link.trim()} onClick={add}>
        Add link
      </Button>
    </div>
  );
}

export function FileInputs({ upload, variables, values, errors, disabled, onUpdate }: FileInputsProps) {
  return (
    <div className="space-y-4">
      {variables
        .filter((v) => !v.hide)
        .map((v) => (
          <FileInput key={v.variable} upload={upload} variable={v} files={values[v.variable] ?? []} error={errors[v.variable]} disabled={disabled} onUpdate={onUpdate} />
        ))}
    </div>
  );
}

export function FileInput({
  upload,
  variable: v,
  files,
  error,
  disabled,
  onUpdate,
}: { upload: UploadFn; variable: FileVariable; files: PickedFile[]; error?: string; disabled?: boolean; onUpdate: FileInputsProps["onUpdate"] }) {
  const picker = useRef<HTMLInputElement>(null);
  const limit = fileLimit(v);
  // A single-file input can always take a file: it replaces the one it has.
  const room = limit === 1 ? 1 : limit - files.filter((f) => f.status !== "error").length;

  const add = (list: FileList | null) => {
    addPickedFiles([...(list ?? [])].slice(0, Math.max(room, 0)), v, upload, (change) => onUpdate(v.variable, change));
    if (picker.current) picker.current.value = "";
  };

  const label = <RequiredLabel text={v.label} required={v.required} />;
  const hint = limit > 1 ? `Up to ${limit} files` : undefined;
  return (
    <Field label={label} optional={!v.required} error={error} hint={hint}>
      {(id, describedBy) => (
        <div className="space-y-2">
          <input
            ref={picker}
            id={id}
            type="file"
            className="sr-only"
            name={v.variable}
            multiple={limit > 1}
            accept={acceptFor(v)}
            disabled={disabled || room <= 0}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(e) => add(e.target.files)}
          />
          {files.length > 0 && (
            <ul className="space-y-1.5" aria-label={`Files for ${v.label}`}>
              {files.map((f) => (
                <li
                  key={f.key}
                  className={cn(
                    "flex items-center gap-2 rounded-lg border px-2.5 py-1.5 text-[13px]",
                    f.status === "error" ? "border-red-200 bg-red-50" : "border-zinc-200 bg-zinc-50",
                  )}
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-zinc-800">{f.name}</span>
                    <span className={cn("block text-xs", f.status === "error" ? "text-red-600" : "text-zinc-500")}>
                      {f.status === "uploading" ? "Uploading…" : f.status === "error" ? f.error : f.url ? "Link · fetched when the app runs" : `${sizeText(f.size)} · uploaded`}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="cursor-pointer rounded p-1 text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700 disabled:cursor-not-allowed"
                    aria-label={`Remove ${f.name}`}
                    disabled={disabled}
                    onClick={() => onUpdate(v.variable, (prev) => prev.filter((x) => x.key !== f.key))}
                  >
                    <XIcon className="size-3.5" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          {room > 0 && takesUploads(v) && (
            <Button icon={<PlusIcon />} disabled={disabled} onClick={() => picker.current?.click()}>
              {files.length > 0 && limit === 1 ? "Replace file" : limit > 1 ? "Add files" : "Choose file"}
            </Button>
          )}
          {room > 0 && takesLinks(v) && (
            <AddLink variable={v} disabled={disabled} onAdd={(file) => onUpdate(v.variable, (prev) => [...(limit === 1 ? [] : prev), file])} />
          )}
        </div>
      )}
    </Field>
  );
}
