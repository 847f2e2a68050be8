// One model provider: who it is, how it is reached, which models it offers. Forms and actions are
// passed in by the provider-specific cards.
import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { Card, CardFooter } from "../../../components/ui/card";
import type { Provider } from "../api/types";
import { modelTypeInfo } from "../lib/model-types";
import { ProviderMark } from "./provider-mark";

export function ProviderBadges({ provider }: { provider: Provider }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {provider.is_offline && (
        <Badge tone="neutral" dot>
          Offline · deterministic, no API key
        </Badge>
      )}
      {provider.is_system && (
        <Badge tone="violet" dot>
          System · read-only
        </Badge>
      )}
      {!provider.is_offline && !provider.is_system && provider.configured && (
        <Badge tone="green" dot>
          Configured
        </Badge>
      )}
      {!provider.is_offline && !provider.is_system && !provider.configured && <Badge tone="amber">Not configured</Badge>}
    </div>
  );
}

function ModelChips({ provider }: { provider: Provider }) {
  if (provider.models.length === 0) return <p className="text-[13px] text-zinc-400">No models listed.</p>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {provider.models.map((m) => (
        <li
          key={`${m.model_type}:${m.model}`}
          className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-zinc-50 px-2 py-0.5 font-mono text-xs text-zinc-700"
        >
          {m.model}
          {m.endpoint_model_name && <span className="text-zinc-400">→ {m.endpoint_model_name}</span>}
          <span className="font-sans text-[10px] tracking-wide text-zinc-400 uppercase">
            {modelTypeInfo(m.model_type).chip}
          </span>
        </li>
      ))}
    </ul>
  );
}

interface ProviderCardProps {
  provider: Provider;
  /** Replaces the details (e.g. with a form). */
  children?: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
}

export function ProviderCard({ provider, children, actions, footer }: ProviderCardProps) {
  return (
    <Card className="flex flex-col" data-testid={`provider-${provider.provider}`}>
      <div className="flex items-start gap-3.5 px-5 pt-5">
        <ProviderMark type={provider.provider_type} />
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex items-center gap-2">
            <h3 className="truncate text-[15px] font-semibold text-zinc-900">{provider.label}</h3>
            <code className="truncate text-xs text-zinc-400">{provider.provider}</code>
          </div>
          <ProviderBadges provider={provider} />
        </div>
        {actions && <div className="flex shrink-0 items-center gap-1">{actions}</div>}
      </div>
      <div className="flex-1 space-y-4 px-5 pt-4 pb-5">
        {provider.description && <p className="text-[13px] leading-relaxed text-zinc-500">{provider.description}</p>}
        {children ?? (
          <>
            {(provider.base_url || provider.api_key_hint) && (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-[13px]">
                {provider.base_url && (
                  <>
                    <dt className="text-zinc-500">Base URL</dt>
                    <dd className="truncate font-mono text-xs leading-5 text-zinc-700">{provider.base_url}</dd>
                  </>
                )}
                {provider.api_key_hint && (
                  <>
                    <dt className="text-zinc-500">API key</dt>
                    <dd className="font-mono text-xs leading-5 text-zinc-700" data-testid="api-key-hint">
                      {provider.api_key_hint}
                    </dd>
                  </>
                )}
              </dl>
            )}
            <div className="space-y-2">
              <p className="text-xs font-medium text-zinc-500">Models</p>
              <ModelChips provider={provider} />
            </div>
          </>
        )}
      </div>
      {footer && <CardFooter className="mt-auto">{footer}</CardFooter>}
    </Card>
  );
}
