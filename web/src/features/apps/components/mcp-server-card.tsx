// The app as an MCP server: MCP clients (Claude Desktop, Cursor, other agents) call the app as a
// tool at its own URL with its own key. Enable it (the key is shown once), switch it off and on,
// describe the tool and its inputs, rotate the URL and key.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { CopyButton } from "../../../components/ui/copy-button";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { ServerIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { type AppMcpServer, type AppMcpServerWithKey, useCreateMcpServer, useMcpServer, useRotateMcpServer, useUpdateMcpServer } from "../api/mcp-server";
import type { AppDetail } from "../api/types";
import { isChatMode } from "../lib/app-rules";
import { variablesOf } from "../lib/draft";
import { Toggle } from "./toggle";

/** The inputs an MCP client fills in: the app's form variables, and the message for chat apps. */
function toolInputs(app: AppDetail): { name: string; label: string }[] {
  const vars = variablesOf(app.model_config ?? ({} as AppDetail["model_config"])).map((v) => ({ name: v.variable, label: v.label || v.variable }));
  return isChatMode(app.mode) || app.mode === "advanced-chat" ? [{ name: "query", label: "The user's message" }, ...vars] : vars;
}

export function McpServerCard({ app, canEdit }: { app: AppDetail; canEdit: boolean }) {
  const server = useMcpServer(app.id, canEdit);
  const create = useCreateMcpServer(app.id);
  const rotate = useRotateMcpServer(app.id);
  const [revealed, setRevealed] = useState<AppMcpServerWithKey | null>(null);
  const [rotating, setRotating] = useState(false);

  return (
    <Card data-testid="mcp-server-panel">
      <CardHeader
        icon={
          <span className="flex size-8 items-center justify-center rounded-lg bg-emerald-50 text-emerald-600">
            <ServerIcon />
          </span>
        }
        title="MCP server"
        description="Let MCP clients (Claude Desktop, Cursor, other agents) call this app as a tool, with their own key."
        actions={
          server.data ? (
            <Badge tone={server.data.status === "active" ? "green" : "neutral"} dot>
              <span data-testid="mcp-server-status">{server.data.status === "active" ? "On" : "Off"}</span>
            </Badge>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {!canEdit ? (
          <p className="text-[13px] text-zinc-500">Only owners, admins and editors can see and manage this app's MCP server.</p>
        ) : server.isPending ? (
          <LoadingState label="Loading the MCP server…" className="py-6" />
        ) : server.isError ? (
          <Alert tone="error" title="Couldn't load the MCP server">
            {errorMessage(server.error)}
          </Alert>
        ) : (
          <>
            {(!app.is_published || !app.enable_api) && (
              <Alert tone="warning">
                {!app.is_published ? "MCP clients get answers once the app is published." : "The app's API is off, so MCP clients are refused (403) until you turn it on in Overview."}
              </Alert>
            )}
            {revealed && <NewKey server={revealed} onDismiss={() => setRevealed(null)} />}
            {server.data === null ? (
              <div className="flex flex-wrap items-center justify-between gap-3" data-testid="mcp-server-disabled">
                <p className="text-[13px] text-zinc-600">Not offered as an MCP server. Enabling gives it a URL and a key; the app's input form becomes the tool's parameters.</p>
                {canEdit && (
                  <Button variant="primary" size="sm" loading={create.isPending} onClick={() => create.mutate({}, { onSuccess: (s) => setRevealed(s as AppMcpServerWithKey) })} data-testid="mcp-server-enable">
                    Enable MCP server
                  </Button>
                )}
                {create.error ? (
                  <Alert tone="error" title="Couldn't enable the MCP server" className="w-full">
                    {errorMessage(create.error)}
                  </Alert>
                ) : null}
              </div>
            ) : (
              <ServerSettings key={server.data.updated_at} app={app} server={server.data} canEdit={canEdit} onRotate={() => setRotating(true)} />
            )}
          </>
        )}
      </CardBody>
      <ConfirmDialog
        open={rotating}
        onClose={() => {
          setRotating(false);
          rotate.reset();
        }}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: (s) => {
              setRevealed(s as AppMcpServerWithKey);
              setRotating(false);
            },
          })
        }
        title="Rotate the URL and key?"
        description="The server gets a new URL and a new key. Clients using the old ones stop working at once."
        confirmLabel="Rotate"
        pending={rotate.isPending}
        error={rotate.error}
      />
    </Card>
  );
}

function NewKey({ server, onDismiss }: { server: AppMcpServerWithKey; onDismiss: () => void }) {
  return (
    <div className="space-y-2 rounded-lg border border-amber-200 bg-amber-50/60 p-3" data-testid="mcp-server-secret">
      <p className="text-[13px] font-medium text-amber-900">Copy the key now: Kiln keeps only a hash, so it can't show it again.</p>
      <SecretRow label="Server URL" value={server.server_url} testId="mcp-server-new-url" />
      <SecretRow label="Key" value={server.api_key} testId="mcp-server-key" />
      <p className="text-xs text-amber-900">Clients send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.</p>
      <Button size="sm" onClick={onDismiss}>
        I've copied it
      </Button>
    </div>
  );
}

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex items-center gap-2">
      <span className="w-20 shrink-0 text-xs text-zinc-600">{label}</span>
      <code data-testid={testId} className="min-w-0 flex-1 truncate rounded-md border border-zinc-200 bg-white px-2 py-1 font-mono text-xs text-zinc-900" title={value}>
        {value}
      </code>
      <CopyButton text={value} />
    </div>
  );
}

function ServerSettings({ app, server, canEdit, onRotate }: { app: AppDetail; server: AppMcpServer; canEdit: boolean; onRotate: () => void }) {
  const update = useUpdateMcpServer(app.id);
  const toast = useToast();
  const inputs = toolInputs(app);
  const [description, setDescription] = useState(server.description);
  const [params, setParams] = useState<Record<string, string>>(server.parameters ?? {});
  const changed = description !== server.description || JSON.stringify(params) !== JSON.stringify(server.parameters ?? {});

  const save = () =>
    update.mutate(
      { description, parameters: Object.fromEntries(Object.entries(params).filter(([, v]) => v.trim())) },
      { onSuccess: () => toast({ tone: "success", title: "MCP server saved" }) },
    );

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <span className="w-20 shrink-0 text-xs text-zinc-600">Server URL</span>
        <code data-testid="mcp-server-url" className="min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-1.5 font-mono text-xs text-zinc-800" title={server.server_url}>
          {server.server_url}
        </code>
        <CopyButton text={server.server_url} />
      </div>
      <div className="flex items-center gap-2">
        <span className="w-20 shrink-0 text-xs text-zinc-600">Key</span>
        <code data-testid="mcp-server-key-hint" className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-500">
          {server.key_hint}
        </code>
        {canEdit && (
          <Button size="sm" onClick={onRotate} data-testid="mcp-server-rotate">
            Rotate URL and key
          </Button>
        )}
      </div>
      <Toggle
        label={server.status === "active" ? "Clients can call the app" : "Switched off: clients are refused"}
        checked={server.status === "active"}
        disabled={!canEdit || update.isPending}
        onChange={(on) =>
          update.mutate(
            { status: on ? "active" : "inactive" },
            {
              onSuccess: () => toast({ tone: "success", title: on ? "MCP server on" : "MCP server off" }),
              onError: (err) => toast({ tone: "error", title: "Couldn't change the MCP server", description: errorMessage(err) }),
            },
          )
        }
      />
      <Field label="Tool description" hint="What MCP clients (and their models) read to decide when to call this app.">
        {(id, describedBy) => (
          <Textarea id={id} aria-describedby={describedBy} data-testid="mcp-server-description" rows={2} value={description} disabled={!canEdit} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <div className="space-y-2">
        <p className="text-[13px] font-medium text-zinc-700">Input descriptions</p>
        {inputs.length === 0 ? (
          <p className="text-xs text-zinc-500">This app has no inputs: the tool takes no parameters.</p>
        ) : (
          inputs.map((input) => (
            <div key={input.name} className="grid grid-cols-[9rem_1fr] items-center gap-2">
              <span className="truncate font-mono text-xs text-zinc-700" title={input.label}>
                {input.name}
              </span>
              <Input
                aria-label={`Description of ${input.name}`}
                data-testid={`mcp-server-param-${input.name}`}
                value={params[input.name] ?? ""}
                disabled={!canEdit}
                placeholder={input.label}
                onChange={(e) => setParams({ ...params, [input.name]: e.target.value })}
                className="h-8 text-[13px]"
              />
            </div>
          ))
        )}
      </div>
      {update.error ? (
        <Alert tone="error" title="Couldn't save the MCP server">
          {errorMessage(update.error)}
        </Alert>
      ) : null}
      {canEdit && (
        <div className="flex justify-end">
          <Button size="sm" variant="primary" disabled={!changed} loading={update.isPending} onClick={save} data-testid="mcp-server-save-settings">
            Save
          </Button>
        </div>
      )}
    </div>
  );
}
