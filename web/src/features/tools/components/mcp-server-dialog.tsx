// "Add MCP server": name, URL, transport and header rows. The server is saved even when it doesn't
// answer; the dialog then shows the tools it listed, or why it couldn't list them.
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input } from "../../../components/ui/input";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { Select } from "../../../components/ui/select";
import { errorMessage } from "../../../lib/api";
import { useAddMcpProvider } from "../api/mcp-providers";
import type { McpTransport, ToolProvider } from "../api/types";
import { ProviderCard } from "./provider-card";

const TRANSPORTS: { value: McpTransport; label: string }[] = [
  { value: "auto", label: "Automatic (Streamable HTTP, then SSE)" },
  { value: "streamable_http", label: "Streamable HTTP" },
  { value: "sse", label: "SSE (older servers)" },
];

interface HeaderRow {
  name: string;
  value: string;
}

export function McpServerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const add = useAddMcpProvider();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [transport, setTransport] = useState<McpTransport>("auto");
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<ToolProvider | null>(null);

  const close = () => {
    if (add.isPending) return;
    setName("");
    setUrl("");
    setTransport("auto");
    setHeaders([]);
    setProblem(null);
    setSaved(null);
    add.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setProblem("Give the server a name.");
    if (!/^https?:\/\/\S+$/.test(url.trim())) return setProblem("Enter the server's URL, starting with http:// or https://.");
    const rows = headers.filter((h) => h.name.trim());
    if (rows.some((h) => !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(h.name.trim()))) return setProblem("A header name has characters headers can't have.");
    setProblem(null);
    add.mutate(
      {
        name: name.trim(),
        server_url: url.trim(),
        transport,
        headers: Object.fromEntries(rows.map((h) => [h.name.trim(), h.value])),
        icon: { type: "emoji", content: "🔌", background: "#E0EAFF" },
      },
      { onSuccess: setSaved },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={add.isPending}
      size="lg"
      title={saved ? `${saved.label || saved.name} added` : "Add MCP server"}
      description={saved ? undefined : "Use the tools of a Model Context Protocol server. Kiln connects to it from the server side."}
      footer={
        saved ? (
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={add.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="mcp-server-form" variant="primary" loading={add.isPending} data-testid="mcp-add-save">
              {add.isPending ? "Connecting…" : "Add server"}
            </Button>
          </>
        )
      }
    >
      {saved ? (
        <div className="space-y-3" data-testid="mcp-add-result">
          {saved.error ? (
            <Alert tone="warning" title="Saved, but the server didn't answer">
              Its tools appear once it does: fix the URL or headers, or start the server, then press Refresh on the Tools page.
            </Alert>
          ) : (
            <Alert tone="success" title={`${saved.tools.length} tool${saved.tools.length === 1 ? "" : "s"} found`} />
          )}
          <ProviderCard provider={saved} />
        </div>
      ) : (
        <form id="mcp-server-form" onSubmit={submit} noValidate className="space-y-4" data-testid="mcp-add-form">
          {add.error ? (
            <Alert tone="error" title="Couldn't add the server">
              {errorMessage(add.error)}
            </Alert>
          ) : null}
          <Field label="Name">
            {(id) => <Input id={id} data-testid="mcp-add-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="GitHub" disabled={add.isPending} />}
          </Field>
          <Field label="Server URL">
            {(id) => (
              <Input
                id={id}
                data-testid="mcp-add-url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://mcp.example.com/mcp"
                className="font-mono text-[13px]"
                disabled={add.isPending}
              />
            )}
          </Field>
          <Field label="Transport">
            {(id) => (
              <Select
                id={id}
                data-testid="mcp-add-transport"
                value={transport}
                onChange={(e) => setTransport(e.target.value as McpTransport)}
                options={TRANSPORTS}
                disabled={add.isPending}
              />
            )}
          </Field>
          <div className="space-y-2">
            <p className="text-[13px] font-medium text-zinc-700">Headers</p>
            {headers.length === 0 && <p className="text-xs text-zinc-500">No headers. Add one when the server wants a key, e.g. Authorization: Bearer …</p>}
            {headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; names are being typed
              <div key={i} className="grid grid-cols-[12rem_1fr_auto] gap-2" data-testid="mcp-add-header">
                <Input
                  aria-label="Header name"
                  data-testid="mcp-add-header-name"
                  value={h.name}
                  onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  placeholder="Authorization"
                  className="font-mono text-xs"
                  disabled={add.isPending}
                />
                <Input
                  aria-label="Header value"
                  data-testid="mcp-add-header-value"
                  type="password"
                  autoComplete="off"
                  value={h.value}
                  onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                  className="font-mono text-xs"
                  disabled={add.isPending}
                />
                <Button size="icon" variant="danger-ghost" aria-label="Remove header" onClick={() => setHeaders(headers.filter((_, j) => j !== i))} disabled={add.isPending}>
                  <TrashIcon className="size-3.5" />
                </Button>
              </div>
            ))}
            <Button size="sm" icon={<PlusIcon className="size-3.5" />} onClick={() => setHeaders([...headers, { name: "", value: "" }])} disabled={add.isPending} data-testid="mcp-add-add-header">
              Add header
            </Button>
          </div>
          {problem && <Alert tone="error">{problem}</Alert>}
          {add.isPending && <p className="text-xs text-zinc-500">Connecting to the server and listing its tools; this can take a few seconds.</p>}
        </form>
      )}
    </Dialog>
  );
}
