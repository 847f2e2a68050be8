import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, UsersIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { useProfile } from "../../../hooks/use-profile";
import { errorMessage } from "../../../lib/api";
import { canManageWorkspace } from "../../../lib/roles";
import { useMembers } from "../api/get-members";
import { InvitationsCard } from "../components/invitations-card";
import { InviteDialog } from "../components/invite-dialog";
import { MembersTable } from "../components/members-table";

export function MembersRoute() {
  const workspace = useCurrentWorkspace();
  const profile = useProfile();
  const members = useMembers();
  const [inviting, setInviting] = useState(false);
  const canManage = canManageWorkspace(workspace.data?.role);

  const actor = workspace.data && profile.data ? { accountId: profile.data.id, role: workspace.data.role } : null;

  return (
    <>
      <PageHeader
        title="Members"
        description={
          workspace.data ? `Who has access to ${workspace.data.name}, and what they can do.` : "Who has access to this workspace."
        }
        actions={
          canManage && (
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setInviting(true)}>
              Invite members
            </Button>
          )
        }
      />
      <div className="space-y-6">
        {workspace.data && !canManage && (
          <Alert tone="info">Only the workspace owner and admins can invite people or change roles.</Alert>
        )}
        <Card>
          <CardHeader
            title="Members"
            description={members.data ? `${members.data.length} ${members.data.length === 1 ? "person" : "people"}` : undefined}
          />
          {members.isError || workspace.isError ? (
            <div className="p-5">
              <Alert tone="error" title="Couldn't load members">
                {errorMessage(members.error ?? workspace.error)}
              </Alert>
            </div>
          ) : members.isPending || !actor ? (
            <LoadingState label="Loading members…" />
          ) : members.data.length === 0 ? (
            <EmptyState compact icon={<UsersIcon className="size-5" />} title="No members yet" />
          ) : (
            <MembersTable members={members.data} actor={actor} />
          )}
        </Card>
        {canManage && <InvitationsCard />}
      </div>
      {canManage && <InviteDialog open={inviting} onClose={() => setInviting(false)} />}
    </>
  );
}
