// Importing a Dify DSL file: paste YAML or pick a .yml file; a newer DSL version asks for
// confirmation first, and warnings are shown before opening the new app.
import { type ChangeEvent, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Textarea } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useConfirmImport, useImportApp } from "../api/import-app";
import type { AppImport } from "../api/types";
import { UploadIcon } from "./icons";

const MAX_FILE_BYTES = 1024 * 1024;

export function ImportDslDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const importApp = useImportApp();
  const confirm = useConfirmImport();
  const navigate = useNavigate();
  const toast = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const [yaml, setYaml] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [result, setResult] = useState<AppImport | null>(null);
  const pending = importApp.isPending || confirm.isPending;

  const reset = () => {
    setYaml("");
    setFileName(null);
    setFileError(null);
    setResult(null);
    importApp.reset();
    confirm.reset();
  };
  const close = () => {
    if (pending) return;
    reset();
    onClose();
  };

  const openApp = (appId: string) => {
    reset();
    onClose();
    // The app's index page opens the canvas or the Prompt IDE, whichever its mode uses.
    navigate(`/apps/${appId}`);
  };

  const handle = (r: AppImport) => {
    if (r.status === "completed" && r.app_id) {
      toast({ tone: "success", title: "App imported" });
      openApp(r.app_id);
      return;
    }
    setResult(r);
  };

  const pickFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setFileError(null);
    if (!/\.ya?ml$/i.test(file.name)) return setFileError("Choose a .yml or .yaml file exported from Kiln or Dify.");
    if (file.size > MAX_FILE_BYTES) return setFileError("That file is over 1 MB; DSL files are much smaller. Check it's the right file.");
    setYaml(await file.text());
    setFileName(file.name);
    importApp.reset();
  };

  const submit = () => {
    if (!yaml.trim()) return setFileError("Paste the DSL, or choose a .yml file.");
    importApp.mutate(yaml, { onSuccess: handle });
  };

  const isPending = result?.status === "pending";
  const warned = result?.status === "completed-with-warnings" && result.app_id;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={pending}
      size="lg"
      title="Import DSL"
      description="Create an app from a DSL file exported from Kiln or Dify (chat and completion apps)."
      footer={
        warned ? (
          <>
            <Button onClick={close}>Close</Button>
            <Button variant="primary" onClick={() => openApp(result.app_id!)}>
              Open app
            </Button>
          </>
        ) : isPending ? (
          <>
            <Button onClick={() => setResult(null)} disabled={pending}>
              Back
            </Button>
            <Button
              variant="primary"
              loading={confirm.isPending}
              onClick={() => confirm.mutate(result.id, { onSuccess: handle })}
            >
              Import anyway
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={submit} loading={importApp.isPending} disabled={!yaml.trim()}>
              {importApp.isPending ? "Importing…" : "Import"}
            </Button>
          </>
        )
      }
    >
      {warned ? (
        <Alert tone="warning" title="Imported, with warnings">
          <ul className="mt-1 list-disc space-y-1 pl-4">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="mt-2">Open the app to check its settings before you publish it.</p>
        </Alert>
      ) : isPending ? (
        <div className="space-y-3">
          <Alert tone="warning" title="This file is from a newer DSL version">
            It uses DSL version <strong>{result.imported_dsl_version}</strong>; this Kiln reads version{" "}
            <strong>{result.current_dsl_version}</strong>. Settings Kiln doesn't know may be dropped. Import it anyway?
          </Alert>
          {confirm.error ? (
            <Alert tone="error" title="Couldn't import">
              {errorMessage(confirm.error)}
            </Alert>
          ) : null}
        </div>
      ) : (
        <div className="space-y-3">
          {importApp.error ? (
            <Alert tone="error" title="Couldn't import this file">
              {errorMessage(importApp.error)}
            </Alert>
          ) : null}
          <div className="flex items-center gap-3">
            <input ref={fileInput} type="file" accept=".yml,.yaml" className="sr-only" onChange={pickFile} aria-label="DSL file" />
            <Button icon={<UploadIcon />} onClick={() => fileInput.current?.click()} disabled={pending}>
              Choose .yml file
            </Button>
            <span className="truncate text-[13px] text-zinc-500">{fileName ?? "or paste the YAML below"}</span>
          </div>
          <Textarea
            aria-label="DSL YAML"
            value={yaml}
            onChange={(e) => {
              setYaml(e.target.value);
              setFileName(null);
              setFileError(null);
            }}
            disabled={pending}
            rows={12}
            spellCheck={false}
            placeholder={"version: 0.3.0\nkind: app\napp:\n  name: …\n  mode: chat\nmodel_config:\n  …"}
            className={cn("font-mono text-[12.5px] leading-relaxed", fileError && "border-red-400")}
          />
          {fileError && <p className="text-xs text-red-600">{fileError}</p>}
        </div>
      )}
    </Dialog>
  );
}
