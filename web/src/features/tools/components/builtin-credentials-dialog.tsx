// Sets a built-in provider's credentials (Tavily's API key…), as Dify's "Authorize" form does: the
// fields come from the provider, stored secrets show masked, and the server checks the values
// with the provider before it keeps them.
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useBuiltinCredentials, useDeleteBuiltinCredentials, useSaveBuiltinCredentials } from "../api/builtin-credentials";
import type { ToolProvider } from "../api/types";

export function BuiltinCredentialsDialog({ provider, onClose }: { provider: ToolProvider | null; onClose: () => void }) {
  const stored = useBuiltinCredentials(provider?.name ?? null);
  const save = useSaveBuiltinCredentials();
  const remove = useDeleteBuiltinCredentials();
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const fields = provider?.credentials_schema ?? [];
  const hasStored = Object.keys(stored.data ?? {}).length > 0;

  // The form starts from what is stored (secrets masked: sent back unchanged, they are kept).
  useEffect(() => {
    setValues(stored.data ?? {});
    setMissing({});
  }, [stored.data]);

  const close = () => {
    save.reset();
    remove.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!provider) return;
    const gaps = Object.fromEntries(fields.filter((f) => f.required && !values[f.name]?.trim()).map((f) => [f.name, true]));
    setMissing(gaps);
    if (Object.keys(gaps).length) return;
    const credentials = Object.fromEntries(fields.map((f) => [f.name, values[f.name]?.trim() ?? ""]).filter(([, v]) => v));
    save.mutate(
      { provider: provider.name, credentials },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `${provider.label} is authorized` });
          close();
        },
      },
    );
  };

  const busy = save.isPending || remove.isPending;
  const error = save.error ?? remove.error;

  return (
    <Dialog
      open={provider !== null}
      onClose={close}
      busy={busy}
      title={provider ? `Authorize ${provider.label}` : ""}
      description="Stored encrypted for this workspace and checked with the provider before it is saved."
      footer={
        <>
          {hasStored && (
            <Button
              variant="danger-ghost"
              disabled={busy}
              loading={remove.isPending}
              onClick={() =>
                provider &&
                remove.mutate(provider.name, {
                  onSuccess: () => {
                    toast({ tone: "success", title: `Removed ${provider.label}'s credentials` });
                    close();
                  },
                })
              }
            >
              Remove
            </Button>
          )}
          <span className="flex-1" />
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="builtin-credentials" loading={save.isPending} disabled={busy || stored.isPending}>
            {save.isPending ? "Checking…" : "Save"}
          </Button>
        </>
      }
    >
      {stored.isPending ? (
        <LoadingState label="Loading…" />
      ) : stored.isError ? (
        <Alert tone="error" title="Couldn't load the credentials">
          {errorMessage(stored.error)}
        </Alert>
      ) : (
        <form id="builtin-credentials" onSubmit={submit} noValidate className="space-y-4">
          {error && (
            <Alert tone="error" title="Not saved">
              <span data-testid="builtin-credentials-error">{errorMessage(error)}</span>
            </Alert>
          )}
          {fields.map((field) => (
            <Field
              key={field.name}
              label={field.label}
              optional={!field.required}
              error={missing[field.name] ? `Enter the ${field.label}.` : undefined}
              hint={
                <>
                  {field.help}
                  {field.url && (
                    <>
                      {field.help ? " · " : ""}
                      <a href={field.url} target="_blank" rel="noreferrer" className="font-medium underline underline-offset-2">
                        Get one
                      </a>
                    </>
                  )}
                </>
              }
            >
              {(id, described) => (
                <Input
                  id={id}
                  name={field.name}
                  type={field.type === "secret-input" ? "password" : "text"}
                  autoComplete="off"
                  placeholder={field.placeholder}
                  value={values[field.name] ?? ""}
                  onChange={(e) => {
                    const value = e.target.value;
                    setValues((v) => ({ ...v, [field.name]: value }));
                    setMissing((m) => ({ ...m, [field.name]: false }));
                  }}
                  disabled={busy}
                  aria-invalid={!!missing[field.name]}
                  aria-describedby={described}
                  className="font-mono"
                />
              )}
            </Field>
          ))}
        </form>
      )}
    </Dialog>
  );
}
