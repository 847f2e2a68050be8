import type { ReactNode } from "react";
import { Card } from "../../../components/ui/card";

/**
 * A titled chart with its headline figure; `empty` swaps the chart for a sentence saying why there
 * is nothing to draw.
 */
export function ChartCard({
  title,
  figure,
  description,
  empty,
  emptyText = "No messages in this period.",
  children,
  testId,
}: {
  title: string;
  figure?: ReactNode;
  description?: string;
  empty: boolean;
  emptyText?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card className="flex flex-col" data-testid={testId}>
      <div className="flex items-start justify-between gap-3 px-5 pt-4">
        <div className="min-w-0">
          <h3 className="text-[13px] font-medium text-zinc-600">{title}</h3>
          {description && <p className="mt-0.5 text-xs text-zinc-400">{description}</p>}
        </div>
        {figure !== undefined && <p className="shrink-0 text-lg font-semibold text-zinc-900 tabular-nums">{figure}</p>}
      </div>
      <div className="h-56 px-2 pt-2 pb-3">
        {empty ? (
          <div
            className="mx-3 mb-1 flex h-full items-center justify-center rounded-lg border border-dashed border-zinc-200 bg-zinc-50/60 px-6 text-center text-[13px] text-zinc-400"
            data-testid="chart-empty"
          >
            {emptyText}
          </div>
        ) : (
          children
        )}
      </div>
    </Card>
  );
}
