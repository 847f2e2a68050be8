// Settings: a signed webhook other systems push documents to. The secret is shown once, when it
// is created or rotated; afterwards only its hint.
import { type ReactNode, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CopyButton } from "../../../components/ui/copy-button";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { formatDate } from "../../../lib/format";
import { useCreateSource, useDeleteSource, useSource } from "../api/source";
import { webhookCurlExample } from "../lib/webhook-example";
import { CodeBlock } from "./code-block";
import { DeliveriesTable } from "./deliveries-table";
import { RestartIcon, WebhookIcon } from "./icons";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <p className="text-[13px] font-medium text-zinc-700">{label}</p>
      {children}
    </div>
  );
}

export function WebhookSourceCard({ datasetId, canEdit }: { datasetId: string; canEdit: boolean }) {
  const source = useSource(datasetId);
  const create = useCreateSource(datasetId);
  const remove = useDeleteSource(datasetId);
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);

  const createOrRotate = () =>
    create.mutate(undefined, {
      onSuccess: (s) => {
        setSecret(s.secret ?? null);
        setConfirm(null);
        toast({ tone: "success", title: confirm === "rotate" ? "Secret rotated" : "Webhook created", description: "Copy the secret now: it is shown only once." });
      },
    });

  return (
    <Card data-testid="webhook-source">
      <CardHeader
        icon={<span className="flex size-8 items-center justify-center rounded-lg bg-violet-50 text-violet-600"><WebhookIcon /></span>}
        title="Webhook source"
        description="Let another system push documents into this knowledge base: signed requests create, update or delete documents by their external id."
      />
      <CardBody className="space-y-4">
        {create.error && !confirm ? <Alert tone="error" title="Couldn't create the webhook">{errorMessage(create.error)}</Alert> : null}
        {source.isPending ? (
          <LoadingState label="Loading the webhook…" className="py-6" />
        ) : source.isError ? (
          <Alert tone="error" title="Couldn't load the webhook" action={<Button size="sm" onClick={() => source.refetch()}>Try again</Button>}>
            {errorMessage(source.error)}
          </Alert>
        ) : !source.data ? (
          <EmptyState
            compact
            icon={<WebhookIcon className="size-5" />}
            title="No webhook yet"
            description="Create one to get a URL and a signing secret."
            action={canEdit && <Button variant="primary" loading={create.isPending} onClick={createOrRotate}>Create webhook</Button>}
          />
        ) : (
          <>
            <Row label="URL">
              <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-2 pl-3">
                <code data-testid="webhook-url" className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900">{source.data.url}</code>
                <CopyButton text={source.data.url} />
              </div>
            </Row>
            <Row label="Signing secret">
              {secret ? (
                <div className="space-y-2">
                  <div className="flex items-center gap-2 rounded-lg border border-amber-200 bg-amber-50 p-2 pl-3">
                    <code data-testid="webhook-secret" className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900">{secret}</code>
                    <CopyButton text={secret} />
                  </div>
                  <p className="text-xs text-amber-800">Copy it now and store it with the sender: Kiln won't show it again.</p>
                </div>
              ) : (
                <div className="flex flex-wrap items-center gap-3">
                  <code className="rounded-md bg-zinc-100 px-2 py-1 font-mono text-[13px] text-zinc-700" data-testid="webhook-secret-hint">{source.data.secret_hint}</code>
                  <span className="text-xs text-zinc-500">created {formatDate(source.data.created_at)}</span>
                  {canEdit && (
                    <Button size="sm" icon={<RestartIcon className="size-3.5" />} onClick={() => setConfirm("rotate")}>
                      Rotate secret
                    </Button>
                  )}
                </div>
              )}
            </Row>
            <Row label="Send a document">
              <p className="text-xs leading-relaxed text-zinc-500">
                Sign each request: <code className="font-mono">X-Kiln-Timestamp</code> is the Unix time in seconds and{" "}
                <code className="font-mono">X-Kiln-Signature</code> is <code className="font-mono">sha256=</code> followed by the hex HMAC-SHA256 of{" "}
                <code className="font-mono">"&lt;timestamp&gt;.&lt;raw body&gt;"</code> with the secret. A document with{" "}
                <code className="font-mono">"deleted": true</code> is removed; <code className="font-mono">url</code> may replace <code className="font-mono">text</code>.
              </p>
              <CodeBlock label="curl" code={webhookCurlExample(source.data.url, secret ?? undefined)} testId="webhook-curl" />
            </Row>
            <Row label="Recent deliveries">
              <DeliveriesTable datasetId={datasetId} />
            </Row>
            {canEdit && (
              <div className="flex justify-end border-t border-zinc-100 pt-3">
                <Button size="sm" variant="danger-ghost" onClick={() => setConfirm("delete")}>
                  Remove webhook
                </Button>
              </div>
            )}
          </>
        )}
      </CardBody>
      <ConfirmDialog
        open={confirm === "rotate"}
        onClose={() => {
          setConfirm(null);
          create.reset();
        }}
        onConfirm={createOrRotate}
        title="Rotate the signing secret?"
        description="Requests signed with the current secret are refused from now on. Update the sender with the new secret."
        confirmLabel="Rotate secret"
        pending={create.isPending}
        error={create.error}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onClose={() => {
          setConfirm(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(null);
              setSecret(null);
              toast({ tone: "success", title: "Webhook removed" });
            },
          })
        }
        title="Remove the webhook?"
        description="Its URL stops accepting documents. Documents it already pushed stay in the knowledge base."
        confirmLabel="Remove webhook"
        pending={remove.isPending}
        error={remove.error}
      />
    </Card>
  );
}
