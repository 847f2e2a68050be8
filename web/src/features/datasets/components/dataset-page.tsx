import type { ReactNode } from "react";
import { cn } from "../../../lib/cn";

/** A page under the knowledge base layout: a title row and a width that suits its content. */
export function DatasetPage({
  title,
  description,
  actions,
  wide,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** For tables and two-column pages: use more of the width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={cn("mx-auto w-full px-8 py-7", wide ? "max-w-7xl" : "max-w-4xl")}>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {description && <p className="mt-1 max-w-2xl text-[13px] text-zinc-500">{description}</p>}
        </div>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
