import { cn } from "../../../lib/cn";
import type { Method } from "../lib/openapi";

const STYLES: Record<Method, string> = {
  get: "bg-sky-50 text-sky-700 ring-sky-200",
  post: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  put: "bg-amber-50 text-amber-800 ring-amber-200",
  patch: "bg-violet-50 text-violet-700 ring-violet-200",
  delete: "bg-red-50 text-red-700 ring-red-200",
  head: "bg-zinc-100 text-zinc-600 ring-zinc-200",
  options: "bg-zinc-100 text-zinc-600 ring-zinc-200",
};

export function MethodBadge({ method }: { method: Method }) {
  return (
    <span
      className={cn(
        "inline-flex w-16 shrink-0 justify-center rounded-md py-0.5 font-mono text-[11px] font-semibold uppercase ring-1 ring-inset",
        STYLES[method],
      )}
    >
      {method}
    </span>
  );
}

export function StatusBadge({ code }: { code: string }) {
  const tone = code.startsWith("2")
    ? "bg-emerald-50 text-emerald-700 ring-emerald-200"
    : code.startsWith("4") || code.startsWith("5")
      ? "bg-red-50 text-red-700 ring-red-200"
      : "bg-zinc-100 text-zinc-600 ring-zinc-200";
  return (
    <span className={cn("inline-flex rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset", tone)}>
      {code}
    </span>
  );
}
