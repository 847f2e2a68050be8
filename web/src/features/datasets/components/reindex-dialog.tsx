// Re-index a document with new chunk settings: its chunks are rebuilt from the original file.
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { errorMessage } from "../../../lib/api";
import type { KnowledgeDocument, ProcessRule } from "../api/types";
import { type ChunkSettings, chunkProblem, fromProcessRule, toProcessRule } from "../lib/process-rule";
import { ChunkSettingsForm } from "./chunk-settings";

interface ReindexDialogProps {
  doc: KnowledgeDocument | null;
  onClose: () => void;
  onSubmit: (rule: ProcessRule) => void;
  pending: boolean;
  error: unknown;
}

export function ReindexDialog({ doc, onClose, onSubmit, pending, error }: ReindexDialogProps) {
  const [settings, setSettings] = useState<ChunkSettings>(() => fromProcessRule(doc?.dataset_process_rule));
  useEffect(() => {
    if (doc) setSettings(fromProcessRule(doc.dataset_process_rule));
  }, [doc]);
  const problem = chunkProblem(settings);

  return (
    <Dialog
      open={!!doc}
      onClose={onClose}
      busy={pending}
      size="lg"
      title={`Re-index ${doc?.name ?? "document"}`}
      description="Its chunks are rebuilt from the original file with these settings. Chunks you edited by hand are replaced."
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" loading={pending} disabled={!!problem} onClick={() => onSubmit(toProcessRule(settings))}>
            Re-index
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {error ? (
          <Alert tone="error" title="Couldn't re-index">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <ChunkSettingsForm value={settings} onChange={setSettings} disabled={pending} />
      </div>
    </Dialog>
  );
}
