import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "../../../components/ui/card";
import { Field, Input } from "../../../components/ui/input";
import { useToast } from "../../../components/ui/toast";
import type { Workspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { canManageWorkspace } from "../../../lib/roles";
import { useRenameWorkspace } from "../api/rename-workspace";
import { workspaceNameProblem } from "../lib/workspace-name";

export function RenameWorkspaceCard({ workspace }: { workspace: Workspace }) {
  const rename = useRenameWorkspace();
  const toast = useToast();
  const [name, setName] = useState(workspace.name);
  const [problem, setProblem] = useState<string | null>(null);
  const canEdit = canManageWorkspace(workspace.role);

  // A switch to another workspace replaces what is being edited.
  useEffect(() => setName(workspace.name), [workspace.name]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = workspaceNameProblem(name);
    setProblem(found);
    if (found) return;
    rename.mutate(name.trim(), {
      onSuccess: () => toast({ tone: "success", title: "Workspace renamed" }),
    });
  };

  return (
    <Card>
      <CardHeader title="General" description="The name everyone in this workspace sees." />
      <form onSubmit={submit} noValidate>
        <CardBody className="space-y-4">
          {rename.error && <Alert tone="error">{errorMessage(rename.error)}</Alert>}
          {!canEdit && (
            <Alert tone="info">Only the workspace owner and admins can rename the workspace.</Alert>
          )}
          <Field label="Workspace name" error={problem} className="max-w-md">
            {(id, described) => (
              <Input
                id={id}
                value={name}
                onChange={(e) => setName(e.target.value)}
                disabled={!canEdit}
                aria-invalid={!!problem}
                aria-describedby={described}
              />
            )}
          </Field>
        </CardBody>
        {canEdit && (
          <CardFooter>
            <Button
              type="submit"
              variant="primary"
              loading={rename.isPending}
              disabled={name.trim() === workspace.name}
            >
              Save
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
