// Settings: how apps search this knowledge base unless they say otherwise.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "../../../components/ui/card";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import type { Dataset } from "../api/types";
import { useUpdateDataset } from "../api/update-dataset";
import { IndexModeBadge } from "./badges";
import { fromRetrievalModel, type RetrievalSettings, toRetrievalModel } from "../lib/retrieval";
import { RetrievalSettingsForm } from "./retrieval-settings";

export function RetrievalDefaultsCard({ dataset, canEdit }: { dataset: Dataset; canEdit: boolean }) {
  const update = useUpdateDataset(dataset.id);
  const toast = useToast();
  const initial = () => fromRetrievalModel(dataset.retrieval_model_dict, dataset.indexing_technique);
  const [settings, setSettings] = useState<RetrievalSettings>(initial);
  const changed = JSON.stringify(toRetrievalModel(settings)) !== JSON.stringify(toRetrievalModel(initial()));

  return (
    <Card>
      <CardHeader
        title="Retrieval settings"
        description="The default search for apps using this knowledge base and for the Knowledge API."
        actions={<IndexModeBadge technique={dataset.indexing_technique} />}
      />
      <CardBody className="space-y-4">
        {update.error && (
          <Alert tone="error" title="Couldn't save">
            {errorMessage(update.error)}
          </Alert>
        )}
        <RetrievalSettingsForm value={settings} onChange={setSettings} technique={dataset.indexing_technique} disabled={!canEdit} />
        {dataset.indexing_technique === "high_quality" && dataset.embedding_model && (
          <p className="text-xs text-zinc-500">
            Embedding model: <span className="font-mono text-zinc-700">{dataset.embedding_model_provider}/{dataset.embedding_model}</span> (fixed once documents are indexed)
          </p>
        )}
      </CardBody>
      {canEdit && (
        <CardFooter>
          <Button
            variant="primary"
            loading={update.isPending}
            disabled={!changed}
            onClick={() =>
              update.mutate({ retrieval_model: toRetrievalModel(settings) }, { onSuccess: () => toast({ tone: "success", title: "Retrieval settings saved" }) })
            }
          >
            Save
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
