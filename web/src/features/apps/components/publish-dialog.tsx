import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import type { AppVersion } from "../api/types";

interface PublishDialogProps {
  open: boolean;
  current: AppVersion | null;
  nextVersion: number;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onPublish: (input: { marked_name?: string; marked_comment?: string }) => void;
}

/** Publishing the draft as the next version, with an optional name and note. */
export function PublishDialog({ open, current, nextVersion, pending, error, onClose, onPublish }: PublishDialogProps) {
  const [name, setName] = useState("");
  const [comment, setComment] = useState("");
  useEffect(() => {
    if (!open) return;
    setName("");
    setComment("");
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPublish({ marked_name: name.trim() || undefined, marked_comment: comment.trim() || undefined });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={pending}
      size="sm"
      title={`Publish version ${nextVersion}`}
      description={
        current
          ? `The API and the WebApp switch from version ${current.version} to this draft as soon as you publish.`
          : "The API and the WebApp start answering with this draft as soon as you publish."
      }
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="publish-form" variant="primary" loading={pending}>
            {pending ? "Publishing…" : "Publish"}
          </Button>
        </>
      }
    >
      <form id="publish-form" onSubmit={submit} className="space-y-4">
        {error ? (
          <Alert tone="error" title="Couldn't publish">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Field label="Version name" optional hint="Up to 20 characters, e.g. “Friendlier tone”.">
          {(id, described) => (
            <Input id={id} value={name} maxLength={20} onChange={(e) => setName(e.target.value)} aria-describedby={described} disabled={pending} />
          )}
        </Field>
        <Field label="What changed" optional hint="Up to 100 characters, shown in the version history.">
          {(id, described) => (
            <Input id={id} value={comment} maxLength={100} onChange={(e) => setComment(e.target.value)} aria-describedby={described} disabled={pending} />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
