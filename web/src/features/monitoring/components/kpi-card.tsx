import type { ReactNode } from "react";

/** One headline figure of the period. */
export function KpiCard({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-card" data-testid={testId}>
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p className="mt-1 text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={testId && `${testId}-value`}>
        {value}
      </p>
      {hint && <p className="mt-0.5 truncate text-xs text-zinc-400">{hint}</p>}
    </div>
  );
}
