import { useState } from "react";
import { RoleBadge } from "../../../components/role-badge";
import { Avatar } from "../../../components/ui/avatar";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { TrashIcon } from "../../../components/ui/icons";
import { Select } from "../../../components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { formatRelative } from "../../../lib/format";
import { ASSIGNABLE_ROLES, type AssignableRole, roleLabel } from "../../../lib/roles";
import { useRemoveMember } from "../api/remove-member";
import type { Member } from "../api/types";
import { useUpdateMemberRole } from "../api/update-member-role";
import { type Actor, canManageMember } from "../lib/member-rules";

const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

function RoleCell({ member, editable }: { member: Member; editable: boolean }) {
  const update = useUpdateMemberRole();
  const toast = useToast();
  if (!editable) return <RoleBadge role={member.role} />;
  return (
    <Select
      aria-label={`Role of ${member.name || member.email}`}
      value={update.isPending ? update.variables.role : member.role}
      disabled={update.isPending}
      wrapperClassName="w-44"
      className="h-8 text-[13px]"
      options={ROLE_OPTIONS}
      onChange={(e) => {
        const role = e.target.value as AssignableRole;
        update.mutate(
          { memberId: member.id, role },
          {
            onSuccess: () =>
              toast({ tone: "success", title: `${member.name || member.email} is now ${roleLabel(role)}` }),
            onError: (err) =>
              toast({ tone: "error", title: "Couldn't change the role", description: errorMessage(err) }),
          },
        );
      }}
    />
  );
}

export function MembersTable({ members, actor }: { members: Member[]; actor: Actor }) {
  const remove = useRemoveMember();
  const toast = useToast();
  const [removing, setRemoving] = useState<Member | null>(null);

  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <>
      <Table>
        <THead>
          <tr>
            <TH>Member</TH>
            <TH>Role</TH>
            <TH>Last active</TH>
            <TH className="w-12">
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {members.map((m) => {
            const manageable = canManageMember(actor, m);
            return (
              <TR key={m.id} data-testid="member-row" data-email={m.email}>
                <TD>
                  <div className="flex items-center gap-3">
                    <Avatar name={m.name || m.email} seed={m.id} />
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 font-medium text-zinc-900">
                        <span className="truncate">{m.name || m.email}</span>
                        {m.id === actor.accountId && <Badge>You</Badge>}
                        {m.status && m.status !== "active" && <Badge tone="amber">{m.status}</Badge>}
                      </p>
                      <p className="truncate text-[13px] text-zinc-500">{m.email}</p>
                    </div>
                  </div>
                </TD>
                <TD>
                  <RoleCell member={m} editable={manageable} />
                </TD>
                <TD className="text-[13px] whitespace-nowrap text-zinc-500">
                  {formatRelative(m.last_active_at ?? m.last_login_at)}
                </TD>
                <TD className="text-right">
                  {manageable && (
                    <Button
                      variant="danger-ghost"
                      size="icon"
                      aria-label={`Remove ${m.name || m.email}`}
                      title="Remove from workspace"
                      onClick={() => setRemoving(m)}
                    >
                      <TrashIcon />
                    </Button>
                  )}
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={closeRemove}
        title={`Remove ${removing?.name || removing?.email || "member"}?`}
        description="They lose access to this workspace's apps and knowledge straight away. Their account stays, and you can invite them again later."
        confirmLabel="Remove member"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              toast({ tone: "success", title: `Removed ${removing.name || removing.email}` });
              closeRemove();
            },
          });
        }}
      />
    </>
  );
}
