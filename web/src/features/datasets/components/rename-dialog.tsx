import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";

interface RenameDialogProps {
  /** The current name; the dialog is open while it is not null. */
  name: string | null;
  onClose: () => void;
  onSubmit: (name: string) => void;
  pending: boolean;
  error: unknown;
}

export function RenameDialog({ name, onClose, onSubmit, pending, error }: RenameDialogProps) {
  const [value, setValue] = useState(name ?? "");
  useEffect(() => {
    if (name !== null) setValue(name);
  }, [name]);
  const trimmed = value.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed) onSubmit(trimmed);
  };

  return (
    <Dialog
      open={name !== null}
      onClose={onClose}
      busy={pending}
      size="sm"
      title="Rename document"
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="rename-document-form" variant="primary" loading={pending} disabled={!trimmed}>
            Save
          </Button>
        </>
      }
    >
      <form id="rename-document-form" onSubmit={submit} className="space-y-3">
        {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        <Field label="Name">
          {(id) => <Input id={id} value={value} maxLength={255} autoFocus onChange={(e) => setValue(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
