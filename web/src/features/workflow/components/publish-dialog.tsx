// Publishing: an optional name and note, then the server checks the graph; what it refuses is
// listed here and highlighted on the canvas.
import { useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import type { Problem } from "../api/types";

interface PublishDialogProps {
  open: boolean;
  pending: boolean;
  error: unknown;
  localProblems: Problem[];
  /** What the server refused, from the last attempt. */
  refused: Problem[];
  titleOf: (nodeId: string) => string | null;
  onClose: () => void;
  onPublish: (input: { marked_name?: string; marked_comment?: string }) => void;
}

export function PublishDialog({ open, pending, error, localProblems, refused, titleOf, onClose, onPublish }: PublishDialogProps) {
  const [name, setName] = useState("");
  const [comment, setComment] = useState("");
  useEffect(() => {
    if (open) {
      setName("");
      setComment("");
    }
  }, [open]);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={pending}
      title="Publish workflow"
      description="The API and the WebApp run the published version; the draft stays yours to edit."
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" loading={pending} onClick={() => onPublish({ ...(name.trim() ? { marked_name: name.trim() } : {}), ...(comment.trim() ? { marked_comment: comment.trim() } : {}) })}>
            Publish
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {localProblems.length > 0 && (
          <Alert tone="warning" title={`The editor found ${localProblems.length} problem${localProblems.length === 1 ? "" : "s"}`}>
            Publishing will likely be refused; see the Problems list.
          </Alert>
        )}
        {!!error && (
          <Alert tone="error" title="Couldn't publish">
            {errorMessage(error)}
            {refused.length > 0 && (
              <ul className="mt-1.5 list-disc space-y-0.5 pl-4" data-testid="publish-problems">
                {refused.map((p, i) => {
                  const title = p.node_id ? titleOf(p.node_id) : null;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are edited in place.
                    <li key={i}>
                      {title ? <strong>{title}: </strong> : null}
                      {p.message}
                    </li>
                  );
                })}
              </ul>
            )}
          </Alert>
        )}
        <Field label="Version name" optional hint="Up to 20 characters.">
          {(id) => <Input id={id} maxLength={20} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="What changed" optional hint="Up to 100 characters.">
          {(id) => <Textarea id={id} maxLength={100} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
      </div>
    </Dialog>
  );
}
