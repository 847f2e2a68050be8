import type { ReactNode } from "react";
import { KilnLogo } from "../../../components/ui/icons";

interface AuthLayoutProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame for the signed-out pages: a brand panel and one focused form. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  return (
    <div className="flex min-h-full">
      <aside className="relative hidden w-[44%] max-w-xl flex-col justify-between overflow-hidden bg-zinc-950 p-10 text-white lg:flex">
        <div
          aria-hidden="true"
          className="absolute -top-40 -left-24 size-[520px] rounded-full bg-brand-600/25 blur-3xl"
        />
        <div
          aria-hidden="true"
          className="absolute right-[-120px] bottom-[-160px] size-[420px] rounded-full bg-amber-400/10 blur-3xl"
        />
        <div className="relative flex items-center gap-2.5">
          <KilnLogo className="size-8" />
          <span className="text-lg font-semibold tracking-tight">Kiln</span>
        </div>
        <div className="relative space-y-6">
          <h2 className="max-w-sm text-3xl leading-tight font-semibold tracking-tight">
            Build, run and observe LLM apps on the edge.
          </h2>
          <ul className="space-y-3 text-sm text-zinc-300">
            {[
              "Chat apps, agents and workflows, compatible with Dify's API",
              "Knowledge bases with hybrid retrieval",
              "Runs fully offline until you add a model provider",
            ].map((line) => (
              <li key={line} className="flex items-start gap-2.5">
                <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-500" />
                {line}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-zinc-500">Serverless on Cloudflare Workers</p>
      </aside>
      <main className="flex flex-1 items-center justify-center bg-white px-6 py-12">
        <div className="w-full max-w-sm animate-slide-in">
          <div className="mb-8 flex items-center gap-2.5 lg:hidden">
            <KilnLogo className="size-8" />
            <span className="text-lg font-semibold tracking-tight">Kiln</span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {description && <p className="mt-1.5 text-sm text-zinc-500">{description}</p>}
          <div className="mt-8">{children}</div>
          {footer && <div className="mt-8 text-center text-[13px] text-zinc-500">{footer}</div>}
        </div>
      </main>
    </div>
  );
}
