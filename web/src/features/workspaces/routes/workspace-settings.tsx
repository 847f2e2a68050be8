import { useState } from "react";
import { RoleBadge } from "../../../components/role-badge";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { PlusIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { formatDate } from "../../../lib/format";
import { CreateWorkspaceDialog } from "../components/create-workspace-dialog";
import { RenameWorkspaceCard } from "../components/rename-workspace-card";

export function WorkspaceSettingsRoute() {
  const workspace = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader title="Workspace" description="Settings for the workspace you're working in." />
      {workspace.isPending ? (
        <LoadingState />
      ) : workspace.isError ? (
        <Alert tone="error" title="Couldn't load the workspace">
          {errorMessage(workspace.error)}
        </Alert>
      ) : (
        <div className="space-y-6">
          <RenameWorkspaceCard workspace={workspace.data} />
          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <dl className="grid grid-cols-1 gap-x-8 gap-y-4 text-[13px] sm:grid-cols-3">
                <div>
                  <dt className="text-zinc-500">Your role</dt>
                  <dd className="mt-1">
                    <RoleBadge role={workspace.data.role} />
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Plan</dt>
                  <dd className="mt-1 font-medium text-zinc-900 capitalize">{workspace.data.plan}</dd>
                </div>
                <div>
                  <dt className="text-zinc-500">Created</dt>
                  <dd className="mt-1 font-medium text-zinc-900">{formatDate(workspace.data.created_at)}</dd>
                </div>
              </dl>
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="New workspace"
              description="Start a separate workspace, for another team or project. You'll be its owner."
              actions={
                <Button icon={<PlusIcon />} onClick={() => setCreating(true)}>
                  Create workspace
                </Button>
              }
            />
          </Card>
          <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
        </div>
      )}
    </>
  );
}
