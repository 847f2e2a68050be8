import { type FormEvent, useState } from "react";
import { RoleBadge } from "../../../components/role-badge";
import { Alert } from "../../../components/ui/alert";
import { Avatar } from "../../../components/ui/avatar";
import { Button } from "../../../components/ui/button";
import { Field, Input } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { type Invitation, useActivate } from "../api/activate";
import { nameProblem, passwordProblem } from "../lib/credentials";
import { PasswordChecklist, PasswordInput } from "./password-input";

interface ActivateFormProps {
  token: string;
  invitation: Invitation;
  onDone: () => void;
}

export function ActivateForm({ token, invitation, onDone }: ActivateFormProps) {
  const activate = useActivate();
  const isNewAccount = !invitation.account_exists;
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      name: isNewAccount ? (nameProblem(name) ?? undefined) : undefined,
      password: isNewAccount
        ? (passwordProblem(password) ?? undefined)
        : password
          ? undefined
          : "Enter your password.",
    };
    setErrors(found);
    if (found.name || found.password) return;
    activate.mutate(
      {
        token,
        workspaceId: invitation.workspace_id,
        name: isNewAccount ? name.trim() : undefined,
        password,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <div className="space-y-6">
      <div className="flex items-center gap-3 rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-3.5">
        <Avatar name={invitation.workspace_name} square size="lg" className="size-10 text-sm" />
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-zinc-900" data-testid="invite-workspace">
            {invitation.workspace_name}
          </p>
          <p className="truncate text-[13px] text-zinc-500">{invitation.email}</p>
        </div>
        <RoleBadge role={invitation.role} />
      </div>

      <form onSubmit={submit} noValidate className="space-y-5">
        {activate.error && <Alert tone="error">{errorMessage(activate.error)}</Alert>}
        {isNewAccount && (
          <Field label="Your name" error={errors.name}>
            {(id, described) => (
              <Input
                id={id}
                name="name"
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={!!errors.name}
                aria-describedby={described}
                autoFocus
              />
            )}
          </Field>
        )}
        <Field
          label={isNewAccount ? "Choose a password" : "Your password"}
          error={errors.password}
          hint={isNewAccount ? undefined : `You already have a Kiln account as ${invitation.email}.`}
        >
          {(id, described) => (
            <div className="space-y-2">
              <PasswordInput
                id={id}
                name="password"
                autoComplete={isNewAccount ? "new-password" : "current-password"}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={!!errors.password}
                aria-describedby={described}
                autoFocus={!isNewAccount}
              />
              {isNewAccount && <PasswordChecklist password={password} />}
            </div>
          )}
        </Field>
        <Button type="submit" variant="primary" size="lg" className="w-full" loading={activate.isPending}>
          {activate.isPending ? "Joining…" : `Join ${invitation.workspace_name}`}
        </Button>
      </form>
    </div>
  );
}
