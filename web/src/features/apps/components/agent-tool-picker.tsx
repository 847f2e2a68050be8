// The agent's tool picker: every provider of the workspace with its tools, searchable; a click adds
// a tool to the draft. Tools already added are marked.
import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { CheckIcon, PlusIcon, SearchIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import type { PickerProvider, PickerTool } from "../api/get-tool-providers";
import { useToolProviders } from "../api/get-tool-providers";
import { toolKey } from "../lib/agent";
import { WrenchIcon } from "./icons";
import { ToolProviderIcon } from "./tool-provider-icon";

const TYPE_LABELS: Record<PickerProvider["type"], string> = { builtin: "Built-in", api: "Custom", mcp: "MCP", workflow: "App" };

interface AgentToolPickerProps {
  open: boolean;
  onClose: () => void;
  added: Set<string>;
  onAdd: (provider: PickerProvider, tool: PickerTool) => void;
}

export function AgentToolPicker({ open, onClose, added, onAdd }: AgentToolPickerProps) {
  const providers = useToolProviders();
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const matches = (p: PickerProvider, t: PickerTool) =>
    !q || [p.label, p.name, t.name, t.label, t.description].some((s) => s?.toLowerCase().includes(q));
  const shown = (providers.data ?? [])
    .map((p) => ({ provider: p, tools: p.tools.filter((t) => matches(p, t)) }))
    .filter((g) => g.tools.length > 0);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Add tools"
      description="Pick what the agent may call. Manage providers on the Tools page."
      footer={
        <Button variant="primary" onClick={onClose} data-testid="agent-picker-done">
          Done
        </Button>
      }
    >
      <div className="space-y-4" data-testid="agent-tool-picker">
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search tools" aria-label="Search tools" className="pl-9" data-testid="agent-tool-search" />
        </div>
        {providers.isPending ? (
          <LoadingState label="Loading tools…" />
        ) : providers.isError ? (
          <Alert tone="error" title="Couldn't load the tools">
            {errorMessage(providers.error)}
          </Alert>
        ) : shown.length === 0 ? (
          <EmptyState
            compact
            icon={<WrenchIcon className="size-5" />}
            title={q ? "No tool matches" : "No tools yet"}
            description={q ? "Try another word." : "Add a custom API or an MCP server on the Tools page."}
            action={
              <Link to="/tools" className="text-[13px] font-medium text-brand-700 underline underline-offset-2">
                Open Tools
              </Link>
            }
          />
        ) : (
          shown.map(({ provider, tools }) => (
            <section key={provider.id} className="space-y-1.5" data-testid="agent-picker-provider" data-provider={provider.name}>
              <div className="flex items-center gap-2">
                <ToolProviderIcon icon={provider.icon} className="size-6 text-xs" />
                <h3 className="text-[13px] font-semibold text-zinc-900">{provider.label || provider.name}</h3>
                <Badge tone="neutral">{TYPE_LABELS[provider.type]}</Badge>
                {!provider.is_team_authorization && <Badge tone="amber">{provider.error ? "Unavailable" : "Not authorized"}</Badge>}
              </div>
              <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
                {tools.map((tool) => {
                  const isAdded = added.has(toolKey({ provider_type: provider.type, provider_id: provider.id, tool_name: tool.name }));
                  return (
                    <li key={tool.name} className="flex items-start gap-3 px-3 py-2" data-testid="agent-picker-tool" data-tool={tool.name}>
                      <div className="min-w-0 flex-1">
                        <p className="text-[13px] font-medium text-zinc-900">
                          {tool.label || tool.name}
                          {tool.label && tool.label !== tool.name && <span className="ml-1.5 font-mono text-xs font-normal text-zinc-400">{tool.name}</span>}
                        </p>
                        {tool.description && <p className="line-clamp-2 text-xs text-zinc-500">{tool.description}</p>}
                      </div>
                      <Button
                        size="sm"
                        variant={isAdded ? "ghost" : "secondary"}
                        className="h-7"
                        disabled={isAdded}
                        icon={isAdded ? <CheckIcon className="size-3.5" /> : <PlusIcon className="size-3.5" />}
                        onClick={() => onAdd(provider, tool)}
                        data-testid="agent-picker-add"
                      >
                        {isAdded ? "Added" : "Add"}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))
        )}
      </div>
    </Dialog>
  );
}
