// The rules a new account's details must meet, the same ones the server enforces, checked before
// sending so the form can say exactly what to fix.

export interface PasswordRule {
  label: string;
  met: boolean;
}

export function passwordRules(password: string): PasswordRule[] {
  return [
    { label: "At least 8 characters", met: password.length >= 8 },
    { label: "A letter", met: /[a-zA-Z]/.test(password) },
    { label: "A digit", met: /\d/.test(password) },
  ];
}

export function passwordProblem(password: string): string | null {
  if (!password) return "Enter a password.";
  const unmet = passwordRules(password).filter((r) => !r.met);
  if (unmet.length === 0) return null;
  return "Use at least 8 characters, with at least one letter and one digit.";
}

export function emailProblem(email: string): string | null {
  if (!email.trim()) return "Enter an email address.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return "Enter a valid email address, like you@company.com.";
  return null;
}

export function nameProblem(name: string): string | null {
  if (!name.trim()) return "Enter your name.";
  if (name.trim().length > 30) return "Keep the name to 30 characters or fewer.";
  return null;
}

/** Where to go after signing in: the page the user was sent away from, if it is one of ours. */
export function safeNext(next: string | null): string {
  if (next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/signin")) return next;
  return "/apps";
}
