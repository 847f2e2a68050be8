import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useCreateDataset } from "../api/create-dataset";
import type { IndexingTechnique, Permission } from "../api/types";
import { datasetProblems, INDEX_MODES, PERMISSIONS } from "../lib/dataset-rules";
import { ChoiceCards } from "./choice-cards";

interface Form {
  name: string;
  description: string;
  permission: Permission;
  technique: IndexingTechnique;
}

const EMPTY: Form = { name: "", description: "", permission: "only_me", technique: "high_quality" };

export function CreateDatasetDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateDataset();
  const navigate = useNavigate();
  const toast = useToast();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});

  const close = () => {
    if (create.isPending) return;
    setForm(EMPTY);
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = datasetProblems(form);
    setErrors(found);
    if (found.name || found.description) return;
    create.mutate(
      {
        name: form.name.trim(),
        description: form.description.trim(),
        permission: form.permission,
        indexing_technique: form.technique,
      },
      {
        onSuccess: (dataset) => {
          toast({ tone: "success", title: `${dataset.name} created`, description: "Add documents to fill it." });
          close();
          navigate(`/datasets/${dataset.id}/add`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      size="lg"
      title="Create knowledge"
      description="A knowledge base holds documents your apps search and cite. You add the documents next."
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="create-dataset-form" variant="primary" loading={create.isPending}>
            Create
          </Button>
        </>
      }
    >
      <form id="create-dataset-form" onSubmit={submit} noValidate className="space-y-4">
        {create.error && (
          <Alert tone="error" title="Couldn't create the knowledge base">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Field label="Name" error={errors.name}>
          {(id, describedBy) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={errors.name ? true : undefined}
              value={form.name}
              maxLength={40}
              placeholder="e.g. Product handbook"
              autoFocus
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Description" optional error={errors.description} hint="Helps your team, and apps choosing a knowledge base, know what's inside.">
          {(id, describedBy) => (
            <Textarea
              id={id}
              aria-describedby={describedBy}
              value={form.description}
              maxLength={400}
              rows={2}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          )}
        </Field>
        <div className="space-y-1.5">
          <p className="text-[13px] font-medium text-zinc-700">Index mode</p>
          <ChoiceCards label="Index mode" value={form.technique} options={INDEX_MODES} onChange={(technique) => setForm({ ...form, technique })} />
        </div>
        <Field label="Who can see it" hint="Owners always see every knowledge base of the workspace.">
          {(id, describedBy) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              options={PERMISSIONS}
              value={form.permission}
              onChange={(e) => setForm({ ...form, permission: e.target.value as Permission })}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
