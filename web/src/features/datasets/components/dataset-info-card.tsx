// Settings: the knowledge base's name, description and who can see it.
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "../../../components/ui/card";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import type { Dataset, Permission } from "../api/types";
import { useUpdateDataset } from "../api/update-dataset";
import { datasetProblems, PERMISSIONS } from "../lib/dataset-rules";

export function DatasetInfoCard({ dataset, canEdit }: { dataset: Dataset; canEdit: boolean }) {
  const update = useUpdateDataset(dataset.id);
  const toast = useToast();
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description);
  const [permission, setPermission] = useState<Permission>(dataset.permission === "all_team_members" ? "all_team_members" : "only_me");
  const problems = datasetProblems({ name, description });
  const changed = name !== dataset.name || description !== dataset.description || permission !== dataset.permission;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.name || problems.description) return;
    update.mutate(
      { name: name.trim(), description: description.trim(), permission },
      { onSuccess: () => toast({ tone: "success", title: "Settings saved" }) },
    );
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate>
        <CardHeader title="General" description="How the knowledge base is named, described and shared." />
        <CardBody className="space-y-4">
          {update.error && (
            <Alert tone="error" title="Couldn't save">
              {errorMessage(update.error)}
            </Alert>
          )}
          <Field label="Name" error={name !== dataset.name ? problems.name : undefined}>
            {(id, describedBy) => (
              <Input id={id} aria-describedby={describedBy} value={name} maxLength={40} disabled={!canEdit} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          <Field label="Description" optional error={problems.description}>
            {(id, describedBy) => (
              <Textarea id={id} aria-describedby={describedBy} rows={3} value={description} maxLength={400} disabled={!canEdit} onChange={(e) => setDescription(e.target.value)} />
            )}
          </Field>
          <Field label="Who can see it" hint="Only the creator (or the owner) can change this.">
            {(id, describedBy) => (
              <Select
                id={id}
                aria-describedby={describedBy}
                options={PERMISSIONS}
                value={permission}
                disabled={!canEdit}
                onChange={(e) => setPermission(e.target.value as Permission)}
              />
            )}
          </Field>
        </CardBody>
        {canEdit && (
          <CardFooter>
            <Button type="submit" variant="primary" loading={update.isPending} disabled={!changed}>
              Save
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
