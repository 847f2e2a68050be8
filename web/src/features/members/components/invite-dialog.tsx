import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { CopyButton } from "../../../components/ui/copy-button";
import { Dialog } from "../../../components/ui/dialog";
import { CheckCircleIcon } from "../../../components/ui/icons";
import { Field, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { ASSIGNABLE_ROLES, type AssignableRole, ROLE_DESCRIPTIONS, roleLabel } from "../../../lib/roles";
import { useInviteMembers } from "../api/invite-members";
import type { InvitationResult } from "../api/types";
import { absoluteUrl, parseEmails } from "../lib/member-rules";

const ROLE_OPTIONS = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

function InvitationResults({ results }: { results: InvitationResult[] }) {
  return (
    <div className="space-y-4">
      <Alert tone="info">
        Kiln doesn't send email. Copy each link and share it with the person you invited — it works once and
        expires.
      </Alert>
      <ul className="space-y-3">
        {results.map((r) => (
          <li key={r.email} className="rounded-xl border border-zinc-200 p-3.5">
            <div className="flex items-center justify-between gap-3">
              <span className="truncate text-[13px] font-medium text-zinc-900">{r.email}</span>
              {r.status === "success" ? (
                <Badge tone="green" icon={<CheckCircleIcon className="size-3" />}>
                  Invited
                </Badge>
              ) : (
                <Badge tone="red">Not invited</Badge>
              )}
            </div>
            {r.status === "success" && r.url && (
              <div className="mt-2.5 flex items-center gap-2">
                <input
                  readOnly
                  value={absoluteUrl(r.url)}
                  aria-label={`Invite link for ${r.email}`}
                  data-testid="invite-link"
                  onFocus={(e) => e.currentTarget.select()}
                  className="h-8 min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-2.5 font-mono text-xs text-zinc-700 focus:outline-none"
                />
                <CopyButton text={absoluteUrl(r.url)} label="Copy link" />
              </div>
            )}
            {r.status === "failed" && (
              <p className="mt-1.5 text-[13px] text-red-600">{r.message ?? "This address could not be invited."}</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const invite = useInviteMembers();
  const [emailsText, setEmailsText] = useState("");
  const [role, setRole] = useState<AssignableRole>("normal");
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    setEmailsText("");
    setRole("normal");
    setProblem(null);
    invite.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { emails, invalid } = parseEmails(emailsText);
    const found =
      invalid.length > 0
        ? `These don't look like email addresses: ${invalid.join(", ")}.`
        : emails.length === 0
          ? "Enter at least one email address."
          : null;
    setProblem(found);
    if (found) return;
    invite.mutate({ emails, role });
  };

  const results = invite.data?.invitation_results;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={invite.isPending}
      title={results ? "Invitations created" : "Invite members"}
      description={results ? undefined : "Invite people by email. They join with the role you pick."}
      footer={
        results ? (
          <>
            <Button onClick={() => invite.reset()}>Invite more</Button>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close} disabled={invite.isPending}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" form="invite-members" loading={invite.isPending}>
              Send invitations
            </Button>
          </>
        )
      }
    >
      {results ? (
        <InvitationResults results={results} />
      ) : (
        <form id="invite-members" onSubmit={submit} noValidate className="space-y-4">
          {invite.error && <Alert tone="error">{errorMessage(invite.error)}</Alert>}
          <Field label="Email addresses" error={problem} hint="Separate several addresses with commas or new lines.">
            {(id, described) => (
              <Textarea
                id={id}
                name="emails"
                value={emailsText}
                onChange={(e) => setEmailsText(e.target.value)}
                placeholder="teammate@company.com"
                rows={3}
                aria-invalid={!!problem}
                aria-describedby={described}
                autoFocus
              />
            )}
          </Field>
          <Field label="Role" hint={ROLE_DESCRIPTIONS[role]}>
            {(id, described) => (
              <Select
                id={id}
                name="role"
                value={role}
                onChange={(e) => setRole(e.target.value as AssignableRole)}
                options={ROLE_OPTIONS}
                aria-describedby={described}
              />
            )}
          </Field>
        </form>
      )}
    </Dialog>
  );
}
