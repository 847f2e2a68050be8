// One provider on the Tools page: who it is, whether it is usable, its last error, and its tools
// (each with its parameters and a Test button).
import { type ReactNode, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ChevronDownIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { ToolDefinition, ToolProvider } from "../api/types";
import { PlayIcon } from "./icons";
import { ParametersTable } from "./parameters-table";
import { ProviderIcon } from "./provider-icon";

interface ProviderCardProps {
  provider: ToolProvider;
  onTest?: (tool: ToolDefinition) => void;
  actions?: ReactNode;
}

export function ProviderCard({ provider, onTest, actions }: ProviderCardProps) {
  return (
    <Card data-testid="tool-provider-card" data-provider={provider.name} data-provider-type={provider.type}>
      <div className="flex items-start gap-3 px-5 py-4">
        <ProviderIcon icon={provider.icon} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-[15px] font-semibold text-zinc-900" data-testid="tool-provider-label">
              {provider.label || provider.name}
            </h3>
            <Badge tone={provider.is_team_authorization ? "green" : "amber"} dot>
              <span data-testid="tool-provider-status">{provider.is_team_authorization ? "Ready" : provider.error ? "Unavailable" : "Not authorized"}</span>
            </Badge>
            <span className="text-xs text-zinc-400">
              {provider.tools.length} tool{provider.tools.length === 1 ? "" : "s"}
              {provider.author ? ` · by ${provider.author}` : ""}
            </span>
          </div>
          {provider.description && <p className="mt-0.5 text-[13px] text-zinc-500">{provider.description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-1">{actions}</div>}
      </div>
      {provider.error && (
        <div className="px-5 pb-3">
          <Alert tone="error" title="The provider isn't answering">
            <span data-testid="tool-provider-error">{provider.error}</span>
          </Alert>
        </div>
      )}
      {provider.tools.length === 0 ? (
        <p className="border-t border-zinc-100 px-5 py-3 text-[13px] text-zinc-500">
          {provider.error ? "No tools until the provider answers. Fix the problem, then refresh." : "This provider offers no tools."}
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-100">
          {provider.tools.map((tool) => (
            <ToolRow key={tool.name} tool={tool} onTest={onTest ? () => onTest(tool) : undefined} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function ToolRow({ tool, onTest }: { tool: ToolDefinition; onTest?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="tool-row" data-tool={tool.name}>
      <div className="flex items-start gap-2 px-5 py-2.5">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="flex min-w-0 flex-1 cursor-pointer items-start gap-2 text-left"
        >
          <ChevronDownIcon className={cn("mt-0.5 size-4 shrink-0 text-zinc-400 transition-transform", !open && "-rotate-90")} />
          <span className="min-w-0">
            <span className="font-mono text-[13px] font-medium text-zinc-900">{tool.name}</span>
            {tool.label && tool.label !== tool.name && <span className="ml-2 text-[13px] text-zinc-600">{tool.label}</span>}
            {tool.description && <span className="block text-xs text-zinc-500">{tool.description}</span>}
          </span>
        </button>
        <span className="mt-0.5 shrink-0 text-xs text-zinc-400">
          {tool.parameters.length} param{tool.parameters.length === 1 ? "" : "s"}
        </span>
        {onTest && (
          <Button size="sm" variant="ghost" className="h-7 shrink-0" icon={<PlayIcon className="size-3.5" />} onClick={onTest} data-testid="tool-test-button">
            Test
          </Button>
        )}
      </div>
      {open && (
        <div className="px-5 pb-3 pl-11">
          <ParametersTable parameters={tool.parameters} />
        </div>
      )}
    </li>
  );
}
