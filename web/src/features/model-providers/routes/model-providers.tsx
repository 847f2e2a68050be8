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
import { KnownProviderDialog } from "../components/known-provider-dialog";
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

function AddCard({ onClick, title, detail }: { onClick: () => void; title: string; detail: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="group flex min-h-44 cursor-pointer flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-zinc-300 bg-white/50 p-6 text-center transition-colors hover:border-zinc-400 hover:bg-white"
    >
      <span className="flex size-10 items-center justify-center rounded-xl border border-zinc-200 bg-white text-zinc-500 shadow-card group-hover:text-zinc-800">
        <ServerIcon className="size-5" />
      </span>
      <span>
        <span className="block text-sm font-medium text-zinc-900">{title}</span>
        <span className="mt-0.5 block text-[13px] text-zinc-500">{detail}</span>
      </span>
    </button>
  );
}

export function ModelProvidersRoute() {
  const workspace = useCurrentWorkspace();
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  const [addingKnown, setAddingKnown] = useState(false);
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
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setAddingKnown(true)}>
              Add provider
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
                    <AddCard
                      onClick={() => setAddingKnown(true)}
                      title="Add a provider"
                      detail="SiliconFlow, DeepSeek, Tongyi, Gemini, Ollama… as Dify names them"
                    />
                  )}
                  {canManage && (
                    <AddCard
                      onClick={() => setAdding(true)}
                      title="Add OpenAI-compatible endpoint"
                      detail="vLLM, LM Studio or any server of your own"
                    />
                  )}
                  {!canManage && sections.compatible.length === 0 && (
                    <div className="flex min-h-44 items-center justify-center rounded-xl border border-dashed border-zinc-300 p-6 text-center text-[13px] text-zinc-500">
                      No other providers have been added.
                    </div>
                  )}
                </div>
              </section>
            </>
          )
        )}
      </div>
      {canManage && <CompatibleEndpointDialog open={adding} onClose={() => setAdding(false)} />}
      {canManage && (
        <KnownProviderDialog
          open={addingKnown}
          onClose={() => setAddingKnown(false)}
          onOtherEndpoint={() => {
            setAddingKnown(false);
            setAdding(true);
          }}
        />
      )}
      <RemoveProviderDialog provider={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
