import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { PlusIcon, ServerIcon } from "../../../components/ui/icons";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { canManageWorkspace } from "../../../lib/roles";
import { useProviders } from "../api/get-providers";
import type { Provider } from "../api/types";
import { CompatibleEndpointDialog } from "../components/compatible-endpoint-dialog";
import { DefaultModelsCard } from "../components/default-models-card";
import { OpenAICard, UNCONFIGURED_OPENAI } from "../components/openai-card";
import { ProviderCard } from "../components/provider-card";
import { RemoveProviderDialog } from "../components/remove-provider-dialog";
import { sortProviders } from "../lib/provider-order";

function SectionTitle({ title, description }: { title: string; description: string }) {
  return (
    <div className="mb-3">
      <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
      <p className="text-[13px] text-zinc-500">{description}</p>
    </div>
  );
}

export function ModelProvidersRoute() {
  const workspace = useCurrentWorkspace();
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Provider | null>(null);
  const canManage = canManageWorkspace(workspace.data?.role);

  const sections = providers.data ? sortProviders(providers.data) : null;

  return (
    <>
      <PageHeader
        title="Model providers"
        description="Kiln runs on its offline provider until you connect a real one. Keys are stored encrypted and never shown again."
        actions={
          canManage && (
            <Button icon={<PlusIcon />} onClick={() => setAdding(true)}>
              Add OpenAI-compatible endpoint
            </Button>
          )
        }
      />
      <div className="space-y-8">
        {workspace.data && !canManage && (
          <Alert tone="info">
            You can see the providers this workspace uses. Only the workspace owner and admins can change them.
          </Alert>
        )}

        <DefaultModelsCard canManage={canManage} />

        {providers.isPending ? (
          <LoadingState label="Loading providers…" />
        ) : providers.isError ? (
          <Alert tone="error" title="Couldn't load model providers">
            {errorMessage(providers.error)}
          </Alert>
        ) : (
          sections && (
            <>
              <section>
                <SectionTitle title="Built in" description="Always available, nothing to configure." />
                <div className="grid gap-4 lg:grid-cols-2">
                  {sections.builtIn.map((p) => (
                    <ProviderCard key={p.provider} provider={p} />
                  ))}
                </div>
              </section>
              <section>
                <SectionTitle title="Your providers" description="Connect with your own API keys." />
                <div className="grid items-start gap-4 lg:grid-cols-2">
                  <OpenAICard
                    provider={sections.openai ?? UNCONFIGURED_OPENAI}
                    canManage={canManage}
                    onRemove={setRemoving}
                  />
                  {sections.compatible.map((p) => (
                    <ProviderCard
                      key={p.provider}
                      provider={p}
                      actions={
                        canManage && (
                          <Button size="sm" variant="danger-ghost" onClick={() => setRemoving(p)}>
                            Remove
                          </Button>
                        )
                      }
                    />
                  ))}
                  {canManage && (
                    <button
                      type="button"
                      onClick={() => setAdding(true)}
                      className="group flex min-h-44 cursor-pointer flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-zinc-300 bg-white/50 p-6 text-center transition-colors hover:border-zinc-400 hover:bg-white"
                    >
                      <span className="flex size-10 items-center justify-center rounded-xl border border-zinc-200 bg-white text-zinc-500 shadow-card group-hover:text-zinc-800">
                        <ServerIcon className="size-5" />
                      </span>
                      <span>
                        <span className="block text-sm font-medium text-zinc-900">Add OpenAI-compatible endpoint</span>
                        <span className="mt-0.5 block text-[13px] text-zinc-500">Ollama, vLLM, LM Studio, OpenRouter…</span>
                      </span>
                    </button>
                  )}
                  {!canManage && sections.compatible.length === 0 && (
                    <div className="flex min-h-44 items-center justify-center rounded-xl border border-dashed border-zinc-300 p-6 text-center text-[13px] text-zinc-500">
                      No OpenAI-compatible endpoints have been added.
                    </div>
                  )}
                </div>
              </section>
            </>
          )
        )}
      </div>
      {canManage && <CompatibleEndpointDialog open={adding} onClose={() => setAdding(false)} />}
      <RemoveProviderDialog provider={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
