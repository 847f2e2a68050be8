// How a custom tool authenticates: none, an API key in a header or the query, a bearer token, or
// basic auth. Stored secrets come back hidden; leaving them as they are keeps them.
import { Field, Input } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import type { AuthType } from "../api/types";
import { AUTH_LABELS, type AuthForm, HIDDEN_SECRET, type HeaderPrefix, PREFIX_LABELS } from "../lib/auth";

export function AuthFields({ value, onChange, disabled }: { value: AuthForm; onChange: (v: AuthForm) => void; disabled?: boolean }) {
  const set = (patch: Partial<AuthForm>) => onChange({ ...value, ...patch });
  const keepHint = (secret: string) => (secret === HIDDEN_SECRET ? "The saved secret is kept unless you type a new one." : undefined);
  return (
    <div className="space-y-3" data-testid="tool-auth">
      <Field label="Authentication">
        {(id) => (
          <Select
            id={id}
            data-testid="tool-auth-type"
            value={value.auth_type}
            disabled={disabled}
            onChange={(e) => set({ auth_type: e.target.value as AuthType })}
            options={(Object.keys(AUTH_LABELS) as AuthType[]).map((t) => ({ value: t, label: AUTH_LABELS[t] }))}
          />
        )}
      </Field>
      {value.auth_type === "api_key_header" && (
        <div className="grid grid-cols-[1fr_9rem] gap-3">
          <Field label="Header name">
            {(id) => <Input id={id} data-testid="tool-auth-header" value={value.header} disabled={disabled} onChange={(e) => set({ header: e.target.value })} placeholder="X-API-Key" />}
          </Field>
          <Field label="Prefix">
            {(id) => (
              <Select
                id={id}
                data-testid="tool-auth-prefix"
                value={value.prefix}
                disabled={disabled}
                onChange={(e) => set({ prefix: e.target.value as HeaderPrefix })}
                options={(Object.keys(PREFIX_LABELS) as HeaderPrefix[]).map((p) => ({ value: p, label: PREFIX_LABELS[p] }))}
              />
            )}
          </Field>
        </div>
      )}
      {value.auth_type === "api_key_query" && (
        <Field label="Query parameter">
          {(id) => <Input id={id} data-testid="tool-auth-query-param" value={value.query_param} disabled={disabled} onChange={(e) => set({ query_param: e.target.value })} placeholder="api_key" />}
        </Field>
      )}
      {(value.auth_type === "api_key_header" || value.auth_type === "api_key_query" || value.auth_type === "bearer") && (
        <Field label={value.auth_type === "bearer" ? "Token" : "API key"} hint={keepHint(value.value)}>
          {(id, describedBy) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              data-testid="tool-auth-value"
              type="password"
              autoComplete="off"
              value={value.value}
              disabled={disabled}
              onChange={(e) => set({ value: e.target.value })}
            />
          )}
        </Field>
      )}
      {value.auth_type === "basic" && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="User name">
            {(id) => <Input id={id} data-testid="tool-auth-username" autoComplete="off" value={value.username} disabled={disabled} onChange={(e) => set({ username: e.target.value })} />}
          </Field>
          <Field label="Password" hint={keepHint(value.password)}>
            {(id, describedBy) => (
              <Input
                id={id}
                aria-describedby={describedBy}
                data-testid="tool-auth-password"
                type="password"
                autoComplete="off"
                value={value.password}
                disabled={disabled}
                onChange={(e) => set({ password: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
    </div>
  );
}
