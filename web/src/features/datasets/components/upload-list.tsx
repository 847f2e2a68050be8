// The files picked for upload, each with its size, its own progress bar and its own error.
import { CheckCircleIcon, XIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { UploadItem } from "../hooks/use-uploads";
import { extensionOf, formatBytes } from "../lib/files";

function ExtensionTile({ name }: { name: string }) {
  const ext = extensionOf(name);
  return (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-md border border-zinc-200 bg-zinc-50 font-mono text-[10px] font-semibold text-zinc-600 uppercase">
      {ext.slice(0, 4) || "?"}
    </span>
  );
}

export function UploadList({ items, onRemove, busy }: { items: UploadItem[]; onRemove: (id: string) => void; busy: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Files to upload">
      {items.map((item) => {
        const percent = Math.round(item.progress * 100);
        const bad = item.status === "invalid" || item.status === "failed";
        return (
          <li
            key={item.id}
            data-testid="upload-item"
            data-status={item.status}
            className={cn("flex items-center gap-3 rounded-lg border bg-white px-3 py-2.5", bad ? "border-red-200" : "border-zinc-200")}
          >
            <ExtensionTile name={item.file.name} />
            <div className="min-w-0 flex-1">
              <div className="flex items-baseline justify-between gap-3">
                <p className="truncate text-[13px] font-medium text-zinc-900" title={item.file.name}>
                  {item.file.name}
                </p>
                <span className="shrink-0 text-xs text-zinc-500">
                  {item.status === "uploading" ? `${percent}%` : item.status === "done" ? "Uploaded" : formatBytes(item.file.size)}
                </span>
              </div>
              {item.error ? (
                <p className="mt-0.5 text-xs text-red-600" role="alert">
                  {item.error}
                </p>
              ) : (
                <div
                  className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-100"
                  role="progressbar"
                  aria-label={`Upload of ${item.file.name}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                >
                  <div
                    className={cn("h-full rounded-full transition-[width] duration-200", item.status === "done" ? "bg-emerald-500" : "bg-brand-500")}
                    style={{ width: `${item.status === "ready" ? 0 : percent}%` }}
                  />
                </div>
              )}
            </div>
            {item.status === "done" ? (
              <CheckCircleIcon className="size-4 shrink-0 text-emerald-500" />
            ) : (
              <button
                type="button"
                onClick={() => onRemove(item.id)}
                disabled={busy && item.status === "uploading"}
                aria-label={`Remove ${item.file.name}`}
                className="cursor-pointer rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:cursor-not-allowed disabled:opacity-40"
              >
                <XIcon className="size-3.5" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
