import { useState } from "react";
import { RoleBadge } from "../../../components/role-badge";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { MailIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { formatRelative } from "../../../lib/format";
import { useInvitations } from "../api/get-invitations";
import { useRevokeInvitation } from "../api/revoke-invitation";

export function InvitationsCard() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const toast = useToast();
  const [revokingId, setRevokingId] = useState<string | null>(null);

  return (
    <Card>
      <CardHeader
        title="Pending invitations"
        description="Invitations that haven't been accepted yet. Revoke one to make its link stop working."
      />
      {invitations.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : invitations.isError ? (
        <div className="p-5">
          <Alert tone="error" title="Couldn't load invitations">
            {errorMessage(invitations.error)}
          </Alert>
        </div>
      ) : invitations.data.length === 0 ? (
        <EmptyState
          compact
          icon={<MailIcon className="size-5" />}
          title="No pending invitations"
          description="People you invite show up here until they accept."
        />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Expires</TH>
              <TH className="w-24">
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {invitations.data.map((inv) => (
              <TR key={inv.id} data-testid="invitation-row">
                <TD className="font-medium text-zinc-900">{inv.email}</TD>
                <TD>
                  <RoleBadge role={inv.role} />
                </TD>
                <TD className="text-[13px] text-zinc-500">{formatRelative(inv.expires_at)}</TD>
                <TD className="text-right">
                  <Button
                    size="sm"
                    variant="danger-ghost"
                    loading={revoke.isPending && revokingId === inv.id}
                    onClick={() => {
                      setRevokingId(inv.id);
                      revoke.mutate(inv.id, {
                        onSuccess: () => toast({ tone: "success", title: `Revoked the invitation for ${inv.email}` }),
                        onError: (err) =>
                          toast({ tone: "error", title: "Couldn't revoke the invitation", description: errorMessage(err) }),
                      });
                    }}
                  >
                    Revoke
                  </Button>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
