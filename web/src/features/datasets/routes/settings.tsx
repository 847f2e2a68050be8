// Settings of a knowledge base: general info, tags, default retrieval, the webhook source, deletion.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { useToast } from "../../../components/ui/toast";
import { useDeleteDataset } from "../api/delete-dataset";
import { DatasetInfoCard } from "../components/dataset-info-card";
import { DatasetPage } from "../components/dataset-page";
import { DatasetTagsCard } from "../components/dataset-tags-card";
import { RetrievalDefaultsCard } from "../components/retrieval-defaults-card";
import { WebhookSourceCard } from "../components/webhook-source-card";
import { useDatasetContext } from "../hooks/use-dataset-context";

export function DatasetSettingsRoute() {
  const { dataset, canEdit } = useDatasetContext();
  const remove = useDeleteDataset();
  const navigate = useNavigate();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);

  return (
    <DatasetPage title="Settings" description="Name and sharing, how apps search this knowledge base, and where documents come from.">
      <div className="space-y-6">
        <DatasetInfoCard key={`info:${dataset.updated_at}`} dataset={dataset} canEdit={canEdit} />
        <DatasetTagsCard dataset={dataset} canEdit={canEdit} />
        <RetrievalDefaultsCard key={`retrieval:${dataset.updated_at}`} dataset={dataset} canEdit={canEdit} />
        <WebhookSourceCard datasetId={dataset.id} canEdit={canEdit} />
        {canEdit && (
          <Card className="border-red-200">
            <CardHeader
              className="border-b-0"
              title="Delete this knowledge base"
              description={`Deletes its ${dataset.document_count} document(s), their chunks and the query history. Apps using it stop retrieving from it.`}
              actions={
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  Delete knowledge
                </Button>
              }
            />
          </Card>
        )}
      </div>
      <ConfirmDialog
        open={deleting}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(dataset.id, {
            onSuccess: () => {
              toast({ tone: "success", title: `${dataset.name} deleted` });
              navigate("/datasets", { replace: true });
            },
          })
        }
        title={`Delete ${dataset.name}?`}
        description="Every document, chunk and query of this knowledge base is deleted. This can't be undone."
        confirmLabel="Delete knowledge"
        pending={remove.isPending}
        error={remove.error}
      />
    </DatasetPage>
  );
}
