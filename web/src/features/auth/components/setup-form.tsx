import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Field, Input } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import type { SetupInput, useSetup } from "../api/setup";
import { emailProblem, nameProblem, passwordProblem } from "../lib/credentials";
import { PasswordChecklist, PasswordInput } from "./password-input";

type Errors = Partial<Record<keyof SetupInput, string>>;

/** The owner's details; `setup` is the mutation the route watches to move on once it succeeds. */
export function SetupForm({ setup }: { setup: ReturnType<typeof useSetup> }) {
  const [form, setForm] = useState<SetupInput>({ email: "", name: "", password: "" });
  const [errors, setErrors] = useState<Errors>({});

  const update = (key: keyof SetupInput) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setErrors((errs) => ({ ...errs, [key]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {
      email: emailProblem(form.email) ?? undefined,
      name: nameProblem(form.name) ?? undefined,
      password: passwordProblem(form.password) ?? undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setup.mutate({ ...form, email: form.email.trim(), name: form.name.trim() });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {setup.error && <Alert tone="error">{errorMessage(setup.error)}</Alert>}
      <Field label="Email" error={errors.email}>
        {(id, described) => (
          <Input
            id={id}
            name="email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            value={form.email}
            onChange={update("email")}
            aria-invalid={!!errors.email}
            aria-describedby={described}
            autoFocus
          />
        )}
      </Field>
      <Field label="Your name" error={errors.name}>
        {(id, described) => (
          <Input
            id={id}
            name="name"
            autoComplete="name"
            placeholder="Ada Lovelace"
            value={form.name}
            onChange={update("name")}
            aria-invalid={!!errors.name}
            aria-describedby={described}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password}>
        {(id, described) => (
          <div className="space-y-2">
            <PasswordInput
              id={id}
              name="password"
              autoComplete="new-password"
              value={form.password}
              onChange={update("password")}
              aria-invalid={!!errors.password}
              aria-describedby={described}
            />
            <PasswordChecklist password={form.password} />
          </div>
        )}
      </Field>
      <Button type="submit" variant="primary" size="lg" className="w-full" loading={setup.isPending}>
        {setup.isPending ? "Setting up Kiln…" : "Create owner account"}
      </Button>
    </form>
  );
}
