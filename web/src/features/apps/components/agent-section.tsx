// The Prompt IDE's agent settings (agent apps): the tools the agent may call, each with its
// settings, switch and removal; how it reasons (function calling or ReAct); its iteration cap.
import { type Dispatch, type SetStateAction, useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { PlusIcon, SettingsIcon, TrashIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { type PickerTool, useToolProviders } from "../api/get-tool-providers";
import type { AgentTool, ModelConfig } from "../api/types";
import {
  agentModeOf,
  findTool,
  MAX_ITERATIONS,
  missingSettings,
  settingsOf,
  toolKey,
  withAddedTool,
  withMaxIterations,
  withoutTool,
  withStrategy,
  withToolChange,
} from "../lib/agent";
import { AgentToolPicker } from "./agent-tool-picker";
import { AgentToolSettings } from "./agent-tool-settings";
import { ConfigSection } from "./config-section";
import { BotIcon, WrenchIcon } from "./icons";
import { Segmented } from "./segmented";
import { Toggle } from "./toggle";
import { ToolProviderIcon } from "./tool-provider-icon";

const STRATEGY_LABELS = { auto: "Automatic", function_call: "Function calling", react: "ReAct" } as const;

const STRATEGY_HINTS: Record<keyof typeof STRATEGY_LABELS, string> = {
  auto: "Function calling when the model supports it, ReAct otherwise.",
  function_call: "The model's own tool calls; needs a model that supports them.",
  react: "The model writes Thought / Action / Observation steps; works with any model.",
};

interface AgentSectionProps {
  draft: ModelConfig;
  setDraft: Dispatch<SetStateAction<ModelConfig>>;
  disabled?: boolean;
}

export function AgentSection({ draft, setDraft, disabled }: AgentSectionProps) {
  const agent = agentModeOf(draft);
  const providers = useToolProviders();
  const [picking, setPicking] = useState(false);
  const [editing, setEditing] = useState<{ configured: AgentTool; tool: PickerTool } | null>(null);
  const added = new Set(agent.tools.map(toolKey));
  const enabledCount = agent.tools.filter((t) => t.enabled).length;

  return (
    <>
      <ConfigSection
        icon={<WrenchIcon />}
        title="Tools"
        description={
          agent.tools.length
            ? `The agent may call ${enabledCount} of ${agent.tools.length} tool${agent.tools.length === 1 ? "" : "s"} while it answers.`
            : "Give the agent tools to call: built-in ones, your APIs, MCP servers, your apps."
        }
        testId="agent-tools-section"
        actions={
          !disabled && (
            <Button size="sm" icon={<PlusIcon className="size-3.5" />} onClick={() => setPicking(true)} data-testid="agent-add-tool">
              Add
            </Button>
          )
        }
      >
        {agent.tools.length === 0 ? (
          <p className="text-[13px] text-zinc-500" data-testid="agent-tools-empty">
            No tools yet. Without tools the agent answers from the model alone.
          </p>
        ) : (
          <ul className="space-y-1.5" data-testid="agent-tools">
            {agent.tools.map((t) => {
              const key = toolKey(t);
              const found = findTool(providers.data, t);
              const missing = found ? missingSettings(found.tool, t.tool_parameters ?? {}) : [];
              const hasSettings = found ? settingsOf(found.tool).length > 0 : false;
              return (
                <li key={key} className="flex items-center gap-2.5 rounded-lg border border-zinc-200 px-2.5 py-1.5" data-testid="agent-tool" data-tool={t.tool_name}>
                  <ToolProviderIcon icon={found?.provider.icon} />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-[13px] font-medium text-zinc-900">{t.tool_label || t.tool_name}</p>
                    <p className="truncate text-xs text-zinc-500">{found?.provider.label || t.provider_name}</p>
                  </div>
                  {!providers.isPending && !found && <Badge tone="red">Not found</Badge>}
                  {found && !found.provider.is_team_authorization && <Badge tone="amber">{found.provider.error ? "Unavailable" : "Not authorized"}</Badge>}
                  {missing.length > 0 && <Badge tone="amber">Needs {missing.join(", ")}</Badge>}
                  {hasSettings && found && !disabled && (
                    <Button size="icon" variant="ghost" aria-label={`Settings of ${t.tool_label || t.tool_name}`} onClick={() => setEditing({ configured: t, tool: found.tool })} data-testid="agent-tool-settings-button">
                      <SettingsIcon className="size-3.5" />
                    </Button>
                  )}
                  <Toggle
                    label={`Use ${t.tool_label || t.tool_name}`}
                    hideLabel
                    checked={t.enabled}
                    disabled={disabled}
                    onChange={(enabled) => setDraft((d) => withToolChange(d, key, { enabled }))}
                  />
                  {!disabled && (
                    <Button size="icon" variant="danger-ghost" aria-label={`Remove ${t.tool_label || t.tool_name}`} onClick={() => setDraft((d) => withoutTool(d, key))} data-testid="agent-tool-remove">
                      <TrashIcon className="size-3.5" />
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </ConfigSection>

      <ConfigSection icon={<BotIcon />} title="Agent settings" description="How the agent decides which tool to call, and when it must stop." testId="agent-settings-section">
        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <p className="text-[13px] font-medium text-zinc-700">Strategy</p>
              <p className="text-xs text-zinc-500">{STRATEGY_HINTS[agent.strategy ?? "auto"]}</p>
            </div>
            {disabled ? (
              <Badge tone="neutral">{STRATEGY_LABELS[agent.strategy ?? "auto"]}</Badge>
            ) : (
              <div data-testid="agent-strategy">
                <Segmented
                  size="sm"
                  label="Agent strategy"
                  value={agent.strategy ?? "auto"}
                  onChange={(s) => setDraft((d) => withStrategy(d, s === "auto" ? null : s))}
                  options={(Object.keys(STRATEGY_LABELS) as (keyof typeof STRATEGY_LABELS)[]).map((value) => ({ value, label: STRATEGY_LABELS[value] }))}
                />
              </div>
            )}
          </div>
          <label className="flex items-center gap-3 text-[13px] whitespace-nowrap text-zinc-700">
            Max iterations
            <input
              type="range"
              aria-label="Max iterations slider"
              min={1}
              max={MAX_ITERATIONS}
              value={agent.max_iteration ?? 5}
              disabled={disabled}
              onChange={(e) => setDraft((d) => withMaxIterations(d, Number(e.target.value)))}
              className="h-1.5 flex-1 cursor-pointer accent-brand-500"
            />
            <Input
              type="number"
              aria-label="Max iterations"
              data-testid="agent-max-iterations"
              min={1}
              max={MAX_ITERATIONS}
              value={agent.max_iteration ?? 5}
              disabled={disabled}
              onChange={(e) => setDraft((d) => withMaxIterations(d, Number.parseInt(e.target.value, 10) || 1))}
              className="h-8! w-20 px-2! text-[13px]"
            />
          </label>
        </div>
      </ConfigSection>

      <AgentToolPicker open={picking} onClose={() => setPicking(false)} added={added} onAdd={(p, tool) => setDraft((d) => withAddedTool(d, p, tool))} />
      <AgentToolSettings
        target={editing}
        onClose={() => setEditing(null)}
        onSave={(values) => {
          if (editing) setDraft((d) => withToolChange(d, toolKey(editing.configured), { tool_parameters: values }));
          setEditing(null);
        }}
      />
    </>
  );
}
