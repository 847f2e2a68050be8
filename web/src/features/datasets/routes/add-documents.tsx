// Add documents: files (several at once, each with its own progress bar) or pasted text, the
// chunk settings with a live preview, then each new document's indexing progress.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useCreateTextDocument } from "../api/add-documents";
import type { DocumentOptions, IndexingTechnique, KnowledgeDocument } from "../api/types";
import { ChoiceCards } from "../components/choice-cards";
import { ChunkPreview } from "../components/chunk-preview";
import { ChunkSettingsForm } from "../components/chunk-settings";
import { DatasetPage } from "../components/dataset-page";
import { DropZone } from "../components/drop-zone";
import { IndexingProgress } from "../components/indexing-progress";
import { Segmented } from "../components/segmented";
import { UploadList } from "../components/upload-list";
import { useDatasetContext } from "../hooks/use-dataset-context";
import { useUploads } from "../hooks/use-uploads";
import { INDEX_MODES } from "../lib/dataset-rules";
import { type ChunkSettings, chunkProblem, DEFAULT_CHUNK_SETTINGS, docFormOf, toProcessRule } from "../lib/process-rule";

type SourceKind = "files" | "text";

export function AddDocumentsRoute() {
  const { dataset, canEdit } = useDatasetContext();
  const toast = useToast();
  const uploads = useUploads(dataset.id);
  const createText = useCreateTextDocument(dataset.id);
  const [kind, setKind] = useState<SourceKind>("files");
  const [textName, setTextName] = useState("");
  const [text, setText] = useState("");
  const [technique, setTechnique] = useState<IndexingTechnique>(dataset.indexing_technique ?? "high_quality");
  const [settings, setSettings] = useState<ChunkSettings>(
    dataset.doc_form === "hierarchical_model" ? { ...DEFAULT_CHUNK_SETTINGS, mode: "hierarchical" } : DEFAULT_CHUNK_SETTINGS,
  );
  const [added, setAdded] = useState<{ document: KnowledgeDocument; batch: string }[] | null>(null);

  if (!canEdit) {
    return (
      <DatasetPage title="Add documents">
        <EmptyState title="You can't add documents" description="Only owners, admins, editors and knowledge operators add documents." />
      </DatasetPage>
    );
  }

  const ready = uploads.items.filter((i) => i.status === "ready" || i.status === "failed");
  const previewFiles = uploads.items.filter((i) => i.status !== "invalid").map((i) => i.file);
  const problem = chunkProblem(settings);
  const options: DocumentOptions = {
    indexing_technique: dataset.indexing_technique ? undefined : technique,
    process_rule: toProcessRule(settings),
    doc_form: docFormOf(settings.mode),
  };

  const submit = async () => {
    if (kind === "text") {
      createText.mutate(
        { name: textName.trim(), text, ...options },
        {
          onSuccess: (res) => {
            const document = res.document ?? res.documents?.[0];
            if (document) setAdded([{ document, batch: res.batch }]);
            toast({ tone: "success", title: `${textName.trim()} added`, description: "It is being indexed." });
          },
        },
      );
      return;
    }
    const { uploaded, failed } = await uploads.start(options);
    if (uploaded === 0) return;
    toast({
      tone: failed ? "info" : "success",
      title: `${uploaded} document${uploaded === 1 ? "" : "s"} uploaded`,
      description: failed ? "Some files failed; their errors are shown in the list." : "Indexing has started.",
    });
  };

  // Once every picked file is up (or the text is added), show what was added, indexing live.
  const allUp = uploads.items.length > 0 && !uploads.running && uploads.items.every((i) => i.status === "done");
  const fromUploads = uploads.items.flatMap((i) => (i.document && i.batch ? [{ document: i.document, batch: i.batch }] : []));
  const results = added ?? (allUp ? fromUploads : null);

  if (results) {
    return (
      <DatasetPage title="Add documents" description="Each document is parsed, split into chunks and indexed.">
        <IndexingProgress
          datasetId={dataset.id}
          added={results}
          onAddMore={() => {
            uploads.clear();
            setAdded(null);
            setText("");
            setTextName("");
          }}
        />
      </DatasetPage>
    );
  }

  const busy = uploads.running || createText.isPending;
  const canSubmit =
    !problem && !busy && (kind === "files" ? ready.length > 0 : textName.trim().length > 0 && text.trim().length > 0);

  return (
    <DatasetPage wide title="Add documents" description="Upload files or paste text, choose how it is split into chunks, and check the preview before indexing.">
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-5">
          <Card>
            <CardHeader
              title="Source"
              actions={
                <Segmented
                  label="Source"
                  size="sm"
                  value={kind}
                  onChange={setKind}
                  options={[
                    { value: "files", label: "Upload files" },
                    { value: "text", label: "Paste text" },
                  ]}
                />
              }
            />
            <CardBody className="space-y-3">
              {kind === "files" ? (
                <>
                  <DropZone onFiles={uploads.add} disabled={uploads.running} />
                  <UploadList items={uploads.items} onRemove={uploads.remove} busy={uploads.running} />
                </>
              ) : (
                <>
                  <Field label="Document name">
                    {(id) => <Input id={id} value={textName} maxLength={255} placeholder="e.g. Returns policy" onChange={(e) => setTextName(e.target.value)} />}
                  </Field>
                  <Field label="Text" hint={`${text.length.toLocaleString()} characters`}>
                    {(id, describedBy) => (
                      <Textarea id={id} aria-describedby={describedBy} rows={10} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste the document's text here." />
                    )}
                  </Field>
                </>
              )}
            </CardBody>
          </Card>

          {!dataset.indexing_technique && (
            <Card>
              <CardHeader title="Index mode" description="Chosen once, with the first documents." />
              <CardBody>
                <ChoiceCards label="Index mode" value={technique} options={INDEX_MODES} onChange={setTechnique} />
              </CardBody>
            </Card>
          )}

          <Card>
            <CardHeader title="Chunk settings" description="How documents are split into the pieces retrieval finds and hands to the model." />
            <CardBody>
              <ChunkSettingsForm value={settings} onChange={setSettings} disabled={busy} />
            </CardBody>
          </Card>

          {createText.error && (
            <Alert tone="error" title="Couldn't add the text">
              {errorMessage(createText.error)}
            </Alert>
          )}
          <div className="flex items-center justify-end gap-3">
            {kind === "files" && ready.length > 0 && (
              <span className="text-[13px] text-zinc-500">
                {ready.length} file{ready.length === 1 ? "" : "s"} ready
              </span>
            )}
            <Button variant="primary" onClick={submit} loading={busy} disabled={!canSubmit}>
              Save &amp; process
            </Button>
          </div>
        </div>
        <div className="lg:sticky lg:top-20">
          <ChunkPreview files={previewFiles} text={kind === "text" ? text : null} settings={settings} />
        </div>
      </div>
    </DatasetPage>
  );
}
