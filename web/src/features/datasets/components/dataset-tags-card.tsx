// Settings: the knowledge base's tags. Add one of the workspace's tags or a new one, remove one.
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { useCreateTag, useDatasetTagBinding, useKnowledgeTags } from "../api/tags";
import type { Dataset } from "../api/types";
import { TagChips } from "./tag-chips";

const NEW_TAG = "__new__";

export function DatasetTagsCard({ dataset, canEdit }: { dataset: Dataset; canEdit: boolean }) {
  const tags = useKnowledgeTags();
  const create = useCreateTag();
  const { bind, unbind } = useDatasetTagBinding(dataset.id);
  const [choice, setChoice] = useState("");
  const [newName, setNewName] = useState("");
  const carried = new Set(dataset.tags.map((t) => t.id));
  const available = (tags.data ?? []).filter((t) => !carried.has(t.id));
  const adding = choice === NEW_TAG;
  const error = create.error ?? bind.error ?? unbind.error ?? tags.error;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    if (adding && !name) return;
    const tagId = adding ? (await create.mutateAsync(name)).id : choice;
    if (!tagId) return;
    await bind.mutateAsync([tagId]);
    setChoice("");
    setNewName("");
  };

  return (
    <Card>
      <CardHeader title="Tags" description="Group knowledge bases by topic or team; the Knowledge list filters by them." />
      <CardBody className="space-y-4">
        {error && (
          <Alert tone="error" title="Couldn't update the tags">
            {errorMessage(error)}
          </Alert>
        )}
        {dataset.tags.length ? (
          <TagChips tags={dataset.tags} onRemove={canEdit ? (tag) => unbind.mutate(tag.id) : undefined} removing={unbind.variables} />
        ) : (
          <p className="text-[13px] text-zinc-500">No tags yet.</p>
        )}
        {canEdit && (
          <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => submit(e).catch(() => undefined)} noValidate>
            <Select
              aria-label="Tag to add"
              wrapperClassName="w-56"
              value={choice}
              placeholder="Choose a tag…"
              onChange={(e) => setChoice(e.target.value)}
              options={[...available.map((t) => ({ value: t.id, label: t.name })), { value: NEW_TAG, label: "New tag…" }]}
            />
            {adding && (
              <Input
                aria-label="New tag name"
                className="w-48"
                maxLength={50}
                placeholder="Tag name"
                value={newName}
                onChange={(e) => setNewName(e.target.value)}
              />
            )}
            <Button type="submit" loading={create.isPending || bind.isPending} disabled={!choice || (adding && !newName.trim())}>
              Add tag
            </Button>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
