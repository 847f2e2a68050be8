import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useCreateWorkspace } from "../api/create-workspace";
import { workspaceNameProblem } from "../lib/workspace-name";

export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateWorkspace();
  const toast = useToast();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    setName("");
    setProblem(null);
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = workspaceNameProblem(name);
    setProblem(found);
    if (found) return;
    create.mutate(name.trim(), {
      onSuccess: (w) => {
        toast({ tone: "success", title: `Created ${w.name}`, description: "You're now working in the new workspace." });
        close();
      },
    });
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title="Create a workspace"
      description="A separate space with its own apps, knowledge, members and model providers. You'll be its owner."
      footer={
        <>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="create-workspace" loading={create.isPending}>
            Create workspace
          </Button>
        </>
      }
    >
      <form id="create-workspace" onSubmit={submit} noValidate className="space-y-4">
        {create.error && <Alert tone="error">{errorMessage(create.error)}</Alert>}
        <Field label="Workspace name" error={problem}>
          {(id, described) => (
            <Input
              id={id}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Acme Research"
              aria-invalid={!!problem}
              aria-describedby={described}
              autoFocus
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
