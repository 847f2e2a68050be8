import { CpuIcon, ServerIcon, SparklesIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { ProviderType } from "../api/types";

const STYLES: Record<ProviderType, string> = {
  offline: "bg-zinc-100 text-zinc-600 ring-zinc-200",
  openai: "bg-zinc-900 text-white ring-zinc-900",
  openai_api_compatible: "bg-sky-50 text-sky-600 ring-sky-200",
  system: "bg-violet-50 text-violet-600 ring-violet-200",
  workers_ai: "bg-brand-50 text-brand-600 ring-brand-200",
};

export function ProviderMark({ type }: { type: ProviderType }) {
  const icon =
    type === "offline" ? <CpuIcon className="size-5" />
    : type === "openai" ? <SparklesIcon className="size-5" />
    : <ServerIcon className="size-5" />;
  return (
    <span className={cn("flex size-10 shrink-0 items-center justify-center rounded-xl ring-1 ring-inset", STYLES[type] ?? STYLES.system)}>
      {icon}
    </span>
  );
}
