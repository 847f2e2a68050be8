// Import annotations from a CSV: the file's rules and a template up front, upload progress, and
// when the server refuses the file, every row at fault in a list (nothing is half-imported).
import { useRef, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useImportAnnotations } from "../api/import-annotations";
import { fileProblem, importProblems, MAX_IMPORT_MB, MAX_IMPORT_ROWS, templateFile } from "../lib/import-file";
import { DownloadIcon, FileIcon, UploadIcon } from "./icons";

function downloadTemplate() {
  const url = URL.createObjectURL(templateFile());
  const link = document.createElement("a");
  link.href = url;
  link.download = "annotations-template.csv";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ImportDialog({ appId, open, onClose }: { appId: string; open: boolean; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [over, setOver] = useState(false);
  const upload = useImportAnnotations(appId);
  const toast = useToast();
  const local = file ? fileProblem(file) : null;
  const refused = upload.error ? importProblems(errorMessage(upload.error)) : null;

  const close = () => {
    setFile(null);
    setProgress(0);
    upload.reset();
    onClose();
  };
  const choose = (f: File | undefined) => {
    if (!f) return;
    upload.reset();
    setProgress(0);
    setFile(f);
  };
  const submit = () =>
    file &&
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (r) => {
          toast({ tone: "success", title: `Imported ${r.record_count} annotation${r.record_count === 1 ? "" : "s"}` });
          close();
        },
      },
    );

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={upload.isPending}
      title="Import annotations"
      description={`A CSV file with a header row naming the columns question and answer, one annotation per row: up to ${MAX_IMPORT_ROWS.toLocaleString()} rows and ${MAX_IMPORT_MB} MB. Every row is checked first; if one is wrong, nothing is imported.`}
      footer={
        <>
          <Button variant="ghost" icon={<DownloadIcon className="size-3.5" />} onClick={downloadTemplate} className="mr-auto">
            Download template
          </Button>
          <Button onClick={close} disabled={upload.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={!file || !!local} loading={upload.isPending} data-testid="import-submit">
            Import
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            choose(e.dataTransfer.files[0]);
          }}
          className={cn(
            "flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-6 py-7 text-center transition-colors",
            over ? "border-brand-400 bg-brand-50/60" : "border-zinc-300 bg-zinc-50/60",
          )}
        >
          <span className="flex size-10 items-center justify-center rounded-lg border border-zinc-200 bg-white text-zinc-500 shadow-card">
            {file ? <FileIcon className="size-5" /> : <UploadIcon className="size-5" />}
          </span>
          {file ? (
            <p className="text-[13px] text-zinc-800">
              <span className="font-medium" data-testid="import-file-name">
                {file.name}
              </span>{" "}
              <span className="text-zinc-500">· {(file.size / 1024).toFixed(1)} KB</span>
            </p>
          ) : (
            <p className="text-[13px] text-zinc-700">Drag a CSV file here</p>
          )}
          <button
            type="button"
            onClick={() => input.current?.click()}
            className="cursor-pointer text-[13px] font-medium text-brand-600 underline-offset-2 hover:underline"
          >
            {file ? "Choose another file" : "or browse"}
          </button>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            aria-label="Choose a CSV file"
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              choose(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </div>
        {upload.isPending && (
          <div className="space-y-1" role="progressbar" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-1.5 overflow-hidden rounded-full bg-zinc-100">
              <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${Math.max(5, progress * 100)}%` }} />
            </div>
            <p className="text-xs text-zinc-500">{progress < 1 ? "Uploading…" : "Checking rows and embedding questions…"}</p>
          </div>
        )}
        {local && <Alert tone="error">{local}</Alert>}
        {refused && (
          <Alert tone="error" title={refused.rows.length ? refused.summary : "The file was refused"}>
            {refused.rows.length ? (
              <ul className="mt-1 max-h-48 list-disc space-y-0.5 overflow-y-auto pl-4" data-testid="import-row-errors">
                {refused.rows.map((r) => (
                  <li key={r}>{r.replace(/^row (\d+):/, "Row $1:")}</li>
                ))}
              </ul>
            ) : (
              <span data-testid="import-row-errors">{refused.summary}</span>
            )}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
