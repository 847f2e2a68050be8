// /tools: every tool provider of the workspace by kind, each with its tools; custom API tools and
// MCP servers are added, edited, refreshed and deleted here.
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { canManageWorkspace } from "../../../lib/roles";
import { useDeleteApiProvider } from "../api/api-providers";
import { useToolProviders } from "../api/get-tool-providers";
import { useDeleteMcpProvider, useRefreshMcpProvider } from "../api/mcp-providers";
import type { ToolDefinition, ToolProvider, ToolProviderType } from "../api/types";
import { BuiltinCredentialsDialog } from "../components/builtin-credentials-dialog";
import { CustomToolDialog, type CustomToolTarget } from "../components/custom-tool-dialog";
import { PenIcon, PlugIcon, RefreshIcon, WrenchIcon } from "../components/icons";
import { McpServerDialog } from "../components/mcp-server-dialog";
import { ProviderCard } from "../components/provider-card";
import { Segmented } from "../components/segmented";
import { TestToolDialog } from "../components/test-tool-dialog";
import { canEditTools, isSectionType, SECTIONS } from "../lib/sections";

const EMPTY: Record<ToolProviderType, { title: string; description: string }> = {
  builtin: { title: "No built-in tools", description: "This Kiln has no built-in providers enabled." },
  api: { title: "No custom tools yet", description: "Import an OpenAPI document, or describe one HTTP call, to give agents your own API." },
  mcp: { title: "No MCP servers yet", description: "Add a server by URL; its tools appear here and in the agent tool picker." },
  workflow: { title: "No apps offered as tools", description: "Published apps of this workspace appear here, ready for agents to call." },
};

export function ToolsRoute() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get("tab");
  const tab: ToolProviderType = isSectionType(tabParam) ? tabParam : "builtin";
  const providers = useToolProviders();
  const role = useCurrentWorkspace().data?.role;
  const canEdit = canEditTools(role);
  const canAuthorize = canManageWorkspace(role);
  const [authorizing, setAuthorizing] = useState<ToolProvider | null>(null);
  const [testing, setTesting] = useState<{ provider: ToolProvider; tool: ToolDefinition } | null>(null);
  const [customTool, setCustomTool] = useState<CustomToolTarget | null>(null);
  const [addingMcp, setAddingMcp] = useState(false);
  const [deleting, setDeleting] = useState<ToolProvider | null>(null);
  const deleteApi = useDeleteApiProvider();
  const deleteMcp = useDeleteMcpProvider();
  const refresh = useRefreshMcpProvider();
  const toast = useToast();

  const all = providers.data ?? [];
  const count = (type: ToolProviderType) => all.filter((p) => p.type === type).length;
  const shown = all.filter((p) => p.type === tab);
  const section = SECTIONS.find((s) => s.type === tab) ?? SECTIONS[0];
  const deletion = deleting?.type === "mcp" ? deleteMcp : deleteApi;

  // Shown in the header and again in an empty section; `suffix` keeps their test ids apart.
  const addButtons = (suffix = "") =>
    !canEdit ? null : tab === "api" ? (
      <>
        <Button size="sm" icon={<PlusIcon className="size-3.5" />} onClick={() => setCustomTool({ kind: "new", source: "single" })} data-testid={`tools-add-single${suffix}`}>
          Single HTTP call
        </Button>
        <Button size="sm" variant="primary" icon={<PlusIcon className="size-3.5" />} onClick={() => setCustomTool({ kind: "new", source: "document" })} data-testid={`tools-add-custom${suffix}`}>
          Create custom tool
        </Button>
      </>
    ) : tab === "mcp" ? (
      <Button size="sm" variant="primary" icon={<PlusIcon className="size-3.5" />} onClick={() => setAddingMcp(true)} data-testid={`tools-add-mcp${suffix}`}>
        Add MCP server
      </Button>
    ) : null;

  const actionsFor = (p: ToolProvider) => {
    if (p.type === "builtin" && p.credentials_schema?.length && canAuthorize) {
      return (
        <Button
          size="sm"
          variant={p.is_team_authorization ? "ghost" : "primary"}
          icon={<PenIcon className="size-3.5" />}
          onClick={() => setAuthorizing(p)}
          data-testid="tool-provider-authorize"
        >
          {p.is_team_authorization ? "Credentials" : "Authorize"}
        </Button>
      );
    }
    if (!canEdit) return null;
    if (p.type === "api") {
      return (
        <>
          <Button size="sm" variant="ghost" icon={<PenIcon className="size-3.5" />} onClick={() => setCustomTool({ kind: "edit", name: p.name })} data-testid="tool-provider-edit">
            Edit
          </Button>
          <Button size="icon" variant="danger-ghost" aria-label={`Delete ${p.label || p.name}`} onClick={() => setDeleting(p)} data-testid="tool-provider-delete">
            <TrashIcon className="size-3.5" />
          </Button>
        </>
      );
    }
    if (p.type === "mcp") {
      const refreshing = refresh.isPending && refresh.variables === p.id;
      return (
        <>
          <Button
            size="sm"
            variant="ghost"
            icon={<RefreshIcon className="size-3.5" />}
            loading={refreshing}
            disabled={refresh.isPending}
            onClick={() =>
              refresh.mutate(p.id, {
                onSuccess: (r) =>
                  toast(
                    r.error
                      ? { tone: "error", title: `${r.label || r.name} didn't answer`, description: r.error }
                      : { tone: "success", title: `${r.label || r.name} refreshed`, description: `${r.tools.length} tool${r.tools.length === 1 ? "" : "s"}.` },
                  ),
                onError: (err) => toast({ tone: "error", title: "Couldn't refresh", description: errorMessage(err) }),
              })
            }
            data-testid="tool-provider-refresh"
          >
            {refreshing ? "Refreshing…" : "Refresh"}
          </Button>
          <Button size="icon" variant="danger-ghost" aria-label={`Delete ${p.label || p.name}`} onClick={() => setDeleting(p)} data-testid="tool-provider-delete">
            <TrashIcon className="size-3.5" />
          </Button>
        </>
      );
    }
    return null;
  };

  return (
    <>
      <PageHeader
        title="Tools"
        description="What agents and workflows can call: built-in tools, your own APIs, MCP servers and your published apps."
      />
      <div className="space-y-5" data-testid="tools-page">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Segmented
            label="Tool kind"
            testIdPrefix="tools-tab"
            value={tab}
            onChange={(t) => setParams(t === "builtin" ? {} : { tab: t }, { replace: true })}
            options={SECTIONS.map((s) => ({ value: s.type, label: providers.data ? `${s.label} · ${count(s.type)}` : s.label }))}
          />
          <div className="flex items-center gap-2">{addButtons()}</div>
        </div>
        <section data-testid={`tools-section-${tab}`} aria-label={section.label} className="space-y-4">
          <p className="text-[13px] text-zinc-500">{section.description}</p>
          {providers.isPending ? (
            <LoadingState label="Loading tools…" />
          ) : providers.isError ? (
            <Alert
              tone="error"
              title="Couldn't load the tools"
              action={
                <Button size="sm" onClick={() => providers.refetch()}>
                  Try again
                </Button>
              }
            >
              {errorMessage(providers.error)}
            </Alert>
          ) : shown.length === 0 ? (
            <EmptyState
              icon={tab === "mcp" ? <PlugIcon className="size-5" /> : <WrenchIcon className="size-5" />}
              title={EMPTY[tab].title}
              description={EMPTY[tab].description}
              action={addButtons("-empty")}
            />
          ) : (
            shown.map((p) => <ProviderCard key={p.id} provider={p} actions={actionsFor(p)} onTest={canEdit ? (tool) => setTesting({ provider: p, tool }) : undefined} />)
          )}
        </section>
      </div>

      <TestToolDialog target={testing} onClose={() => setTesting(null)} />
      <CustomToolDialog target={customTool} onClose={() => setCustomTool(null)} />
      <McpServerDialog open={addingMcp} onClose={() => setAddingMcp(false)} />
      <BuiltinCredentialsDialog provider={authorizing} onClose={() => setAuthorizing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          deleteApi.reset();
          deleteMcp.reset();
        }}
        onConfirm={() => {
          if (!deleting) return;
          const done = {
            onSuccess: () => {
              toast({ tone: "success", title: `${deleting.label || deleting.name} deleted` });
              setDeleting(null);
            },
          };
          if (deleting.type === "mcp") deleteMcp.mutate(deleting.id, done);
          else deleteApi.mutate(deleting.name, done);
        }}
        title={`Delete ${deleting?.label || deleting?.name || "this provider"}?`}
        description="Agents and workflows that use its tools will fail on those calls until you remove them. This can't be undone."
        confirmLabel="Delete"
        pending={deletion.isPending}
        error={deletion.error}
      />
    </>
  );
}
