import { Link, Outlet, useMatches } from "react-router-dom";
import { CodeIcon } from "../../components/ui/icons";
import { WorkspaceSwitcher } from "../../features/workspaces/components/workspace-switcher";
import { AccountMenu } from "./account-menu";
import { Sidebar } from "./sidebar";

/** Routes with `handle: { fullBleed: true }` (the app studio) lay out their own width and scrolling. */
function useFullBleed(): boolean {
  return useMatches().some((m) => (m.handle as { fullBleed?: boolean } | undefined)?.fullBleed);
}

/** The signed-in frame: navigation on the left, workspace and account at the top. */
export function AppShell() {
  const fullBleed = useFullBleed();
  return (
    <div className="flex min-h-full">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center justify-between border-b border-zinc-200 bg-white/85 px-5 backdrop-blur">
          <WorkspaceSwitcher />
          <div className="flex items-center gap-2">
            <Link
              to="/api-docs"
              className="hidden items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-[13px] font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:flex"
            >
              <CodeIcon className="size-4 text-zinc-400" /> API
            </Link>
            <AccountMenu />
          </div>
        </header>
        <main className="flex-1">
          {fullBleed ? (
            <Outlet />
          ) : (
            <div className="mx-auto w-full max-w-6xl px-8 py-8">
              <Outlet />
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
