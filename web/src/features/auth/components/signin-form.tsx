import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Field, Input } from "../../../components/ui/input";
import { errorMessage, isApiError } from "../../../lib/api";
import { useLogin } from "../api/login";
import { emailProblem } from "../lib/credentials";
import { PasswordInput } from "./password-input";

/** Seconds left until `until` (a Date.now() value), ticking once a second. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function SigninForm({ onDone }: { onDone: () => void }) {
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const wait = useSecondsUntil(lockedUntil);
  const locked = wait > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = emailProblem(email) ?? (password ? null : "Enter your password.");
    setProblem(found);
    if (found) return;
    login.mutate(
      { email: email.trim(), password, remember_me: true },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (isApiError(err, "too_many_requests")) setLockedUntil(Date.now() + (err.retryAfter ?? 60) * 1000);
        },
      },
    );
  };

  const rateLimited = isApiError(login.error, "too_many_requests");

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {problem && <Alert tone="error">{problem}</Alert>}
      {!problem && login.error && (
        <Alert tone="error" title={rateLimited ? "Too many sign-in attempts" : undefined}>
          {errorMessage(login.error)}
          {rateLimited && (locked ? ` You can try again in ${formatWait(wait)}.` : " You can try again now.")}
        </Alert>
      )}
      <Field label="Email">
        {(id) => (
          <Input
            id={id}
            name="email"
            type="email"
            autoComplete="username"
            placeholder="you@company.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        )}
      </Field>
      <Field label="Password">
        {(id) => (
          <PasswordInput
            id={id}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Button
        type="submit"
        variant="primary"
        size="lg"
        className="w-full"
        loading={login.isPending}
        disabled={locked}
      >
        {locked ? `Try again in ${formatWait(wait)}` : login.isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
