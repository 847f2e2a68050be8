import { CopyButton } from "../../../components/ui/copy-button";
import { cn } from "../../../lib/cn";

/** Code on a dark panel with a Copy button. */
export function CodeBlock({ code, label, className, testId }: { code: string; label?: string; className?: string; testId?: string }) {
  return (
    <div className={cn("overflow-hidden rounded-lg border border-zinc-800 bg-zinc-950", className)}>
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-3 py-1.5">
        <span className="text-[11px] font-medium tracking-wide text-zinc-400 uppercase">{label ?? "Code"}</span>
        <CopyButton text={code} />
      </div>
      <pre data-testid={testId} className="overflow-x-auto px-4 py-3 font-mono text-[12.5px] leading-relaxed whitespace-pre text-zinc-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}
