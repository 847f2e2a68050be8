// The app's Service API keys: create (the token is shown once), list by hint, revoke.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CopyButton } from "../../../components/ui/copy-button";
import { Dialog } from "../../../components/ui/dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { KeyIcon, PlusIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { formatDate, formatRelative } from "../../../lib/format";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../api/api-keys";
import type { ApiKey } from "../api/types";

export const MAX_KEYS = 10;

export function ApiKeysCard({ appId, canEdit }: { appId: string; canEdit: boolean }) {
  const keys = useApiKeys(appId);
  const create = useCreateApiKey(appId);
  const revoke = useRevokeApiKey(appId);
  const toast = useToast();
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const count = keys.data?.length ?? 0;
  const full = count >= MAX_KEYS;

  const createButton = (
    <Button
      size="sm"
      variant="primary"
      icon={<PlusIcon className="size-3.5" />}
      loading={create.isPending}
      disabled={full}
      title={full ? `An app can have at most ${MAX_KEYS} keys; revoke one first.` : undefined}
      onClick={() => create.mutate(undefined, { onSuccess: setCreated })}
    >
      Create key
    </Button>
  );

  return (
    <Card>
      <CardHeader
        title="API keys"
        description={`Server-side secrets for calling this app. ${count} of ${MAX_KEYS} used.`}
        actions={canEdit && keys.data && createButton}
      />
      {create.error ? (
        <div className="px-5 pt-4">
          <Alert tone="error" title="Couldn't create a key">
            {errorMessage(create.error)}
          </Alert>
        </div>
      ) : null}
      {!canEdit ? (
        <p className="px-5 py-4 text-[13px] text-zinc-500">Only owners, admins and editors can see and manage this app's keys.</p>
      ) : keys.isPending ? (
        <LoadingState label="Loading keys…" />
      ) : keys.isError ? (
        <div className="p-5">
          <Alert tone="error" title="Couldn't load the keys">
            {errorMessage(keys.error)}
          </Alert>
        </div>
      ) : keys.data.length === 0 ? (
        <EmptyState
          compact
          icon={<KeyIcon className="size-5" />}
          title="No API keys yet"
          description="Create a key to call this app from your backend. Keep keys out of browsers and apps you ship."
          action={createButton}
        />
      ) : (
        <Table>
          <THead>
            <tr>
              <TH>Key</TH>
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH className="text-right">
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {keys.data.map((k) => (
              <TR key={k.id} data-testid="api-key-row">
                <TD className="font-mono text-xs text-zinc-800">{k.token}</TD>
                <TD className="text-[13px]">{formatDate(k.created_at)}</TD>
                <TD className="text-[13px]">{k.last_used_at ? formatRelative(k.last_used_at) : "Never"}</TD>
                <TD className="text-right">
                  <Button size="sm" variant="danger-ghost" onClick={() => setRevoking(k)}>
                    Revoke
                  </Button>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}

      <Dialog
        open={!!created}
        onClose={() => setCreated(null)}
        title="Your new API key"
        description="Copy it now and store it somewhere safe: Kiln keeps only a hash, so it can't show the key again."
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            I've copied it
          </Button>
        }
      >
        <div className="space-y-3">
          <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-2 pl-3">
            <code data-testid="new-api-key" className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900">
              {created?.token}
            </code>
            {created && <CopyButton text={created.token} />}
          </div>
          <Alert tone="warning">Anyone with this key can run the app and spend your model quota. Use it only from your server.</Alert>
        </div>
      </Dialog>

      <ConfirmDialog
        open={!!revoking}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() =>
          revoke.mutate(revoking!.id, {
            onSuccess: () => {
              toast({ tone: "success", title: "API key revoked" });
              setRevoking(null);
            },
          })
        }
        title="Revoke this API key?"
        description={`Requests with ${revoking?.token ?? "this key"} stop working immediately. This can't be undone.`}
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error}
      />
    </Card>
  );
}
