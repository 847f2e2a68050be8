import type { ReactNode } from "react";

/** A page under the app layout: a title row and a width that suits reading. */
export function AppPage({
  title,
  description,
  actions,
  wide,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** For tables: use the whole width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`mx-auto w-full px-8 py-7 ${wide ? "max-w-7xl" : "max-w-5xl"}`}>
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
