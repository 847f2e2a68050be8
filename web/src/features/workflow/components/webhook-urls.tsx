// A webhook trigger's URLs from the server, with copy buttons and a curl call that fits the node's
// settings, and its on/off switch. The node gets its URLs once the draft holding it is saved (a
// moment after an edit).
import { type ReactNode, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { CopyButton } from "../../../components/ui/copy-button";
import { Segmented } from "../../../components/ui/segmented";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage, isApiError } from "../../../lib/api";
import type { NodeData } from "../api/types";
import { useWebhookTrigger } from "../api/webhook-trigger";
import { curlExample } from "../lib/webhook";
import { Section } from "./fields";
import { TriggerSwitch } from "./trigger-switch";

function UrlRow({ label, url, hint }: { label: string; url: string; hint: ReactNode }) {
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-[13px] font-medium text-zinc-700">{label}</span>
        <CopyButton text={url} label="Copy" />
      </div>
      <p className="rounded-md bg-zinc-50 px-2 py-1.5 font-mono text-[11px] break-all text-zinc-800" data-testid={label === "Webhook URL" ? "webhook-url" : "webhook-debug-url"}>
        {url}
      </p>
      <p className="text-xs text-zinc-500">{hint}</p>
    </div>
  );
}

export function WebhookUrls({ appId, nodeId, data, readOnly }: { appId: string; nodeId: string; data: NodeData; readOnly: boolean }) {
  const webhook = useWebhookTrigger(appId, nodeId);
  const [target, setTarget] = useState<"published" | "debug">("published");
  let body: ReactNode;
  if (webhook.isPending) {
    body = (
      <p className="flex items-center gap-2 text-xs text-zinc-500">
        <Spinner className="size-3.5" /> Getting the webhook's URL…
      </p>
    );
  } else if (webhook.isError) {
    body = isApiError(webhook.error) && webhook.error.status === 404 ? (
      <p className="flex items-center gap-2 text-xs text-zinc-500" data-testid="webhook-unsaved">
        {webhook.isFetching && <Spinner className="size-3.5" />}
        The URL appears once the draft with this node is saved, a moment after your last edit.
      </p>
    ) : (
      <Alert
        tone="error"
        title="Couldn't get the webhook's URL"
        action={
          <Button size="sm" onClick={() => webhook.refetch()}>
            Try again
          </Button>
        }
      >
        {errorMessage(webhook.error)}
      </Alert>
    );
  } else {
    const url = target === "published" ? webhook.data.webhook_url : webhook.data.webhook_debug_url;
    body = (
      <div className="space-y-3">
        <UrlRow
          label="Webhook URL"
          url={webhook.data.webhook_url}
          hint={
            webhook.data.enabled ? (
              "Runs the published workflow. Publish after changing this node for callers to get the change."
            ) : (
              <span className="text-amber-700" data-testid="webhook-disabled">
                The trigger is disabled: this URL answers 404 until you enable it again.
              </span>
            )
          }
        />
        <UrlRow label="Debug URL" url={webhook.data.webhook_debug_url} hint="Runs the draft as it is saved now; each call shows in the test run's History as a debug run." />
        <div className="space-y-1">
          <div className="flex items-center justify-between gap-2">
            <span className="text-[13px] font-medium text-zinc-700">Example call</span>
            <Segmented
              label="Example calls"
              options={[
                { value: "published", label: "Published" },
                { value: "debug", label: "Draft" },
              ]}
              value={target}
              onChange={setTarget}
            />
          </div>
          <pre className="rounded-lg bg-zinc-900 p-2.5 font-mono text-[11px] leading-relaxed break-all whitespace-pre-wrap text-zinc-100" data-testid="webhook-curl">
            {curlExample(data, url)}
          </pre>
          <div className="flex justify-end">
            <CopyButton text={curlExample(data, url)} label="Copy command" />
          </div>
        </div>
      </div>
    );
  }
  return (
    <Section
      title="Webhook URL"
      hint="A call to this URL starts a run from this node; the caller gets the response below at once."
      action={webhook.isSuccess ? <TriggerSwitch appId={appId} nodeId={nodeId} label="Webhook trigger" enabled={webhook.data.enabled} readOnly={readOnly} /> : undefined}
    >
      {body}
    </Section>
  );
}
