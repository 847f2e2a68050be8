import type { ReactNode } from "react";
import { cn } from "../../../lib/cn";

interface ConfigSectionProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}

/** One block of the prompt IDE: a title row with its switch or actions, then its settings. */
export function ConfigSection({ title, description, actions, icon, children, className, testId }: ConfigSectionProps) {
  return (
    <section data-testid={testId} className={cn("rounded-xl border border-zinc-200 bg-white shadow-card", className)}>
      <header className="flex items-center gap-3 px-4 py-3">
        {icon && <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-500">{icon}</span>}
        <div className="min-w-0 flex-1">
          <h3 className="text-[13px] font-semibold text-zinc-900">{title}</h3>
          {description && <p className="text-xs text-zinc-500">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-1.5">{actions}</div>}
      </header>
      {children && <div className="border-t border-zinc-100 px-4 py-3.5">{children}</div>}
    </section>
  );
}
