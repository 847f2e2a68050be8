import type { ReactNode } from "react";
import { NavLink } from "react-router-dom";
import {
  AppsIcon,
  BookIcon,
  BuildingIcon,
  CodeIcon,
  CpuIcon,
  KilnLogo,
  SparklesIcon,
  UserIcon,
  UsersIcon,
} from "../../components/ui/icons";
import { ChartIcon } from "../../features/monitoring/components/icons";
import { WrenchIcon } from "../../features/tools/components/icons";
import { cn } from "../../lib/cn";

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

const MAIN: NavItem[] = [
  { to: "/apps", label: "Apps", icon: <AppsIcon /> },
  { to: "/datasets", label: "Knowledge", icon: <BookIcon /> },
  { to: "/tools", label: "Tools", icon: <WrenchIcon /> },
  { to: "/monitoring", label: "Monitoring", icon: <ChartIcon /> },
  { to: "/finetune", label: "Fine-tuning", icon: <SparklesIcon /> },
];

const SETTINGS: NavItem[] = [
  { to: "/settings/workspace", label: "Workspace", icon: <BuildingIcon /> },
  { to: "/settings/members", label: "Members", icon: <UsersIcon /> },
  { to: "/settings/model-providers", label: "Model providers", icon: <CpuIcon /> },
  { to: "/settings/account", label: "Account", icon: <UserIcon /> },
];

const DEVELOPERS: NavItem[] = [{ to: "/api-docs", label: "API reference", icon: <CodeIcon /> }];

function NavSection({ title, items }: { title?: string; items: NavItem[] }) {
  return (
    <div className="space-y-0.5">
      {title && <p className="px-2.5 pt-5 pb-1.5 text-[11px] font-medium tracking-wide text-zinc-400 uppercase">{title}</p>}
      {items.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          className={({ isActive }) =>
            cn(
              "flex items-center gap-2.5 rounded-lg px-2.5 py-[7px] text-[13px] font-medium transition-colors",
              isActive
                ? "bg-white text-zinc-900 shadow-card ring-1 ring-zinc-200"
                : "text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900",
            )
          }
        >
          {({ isActive }) => (
            <>
              <span className={isActive ? "text-brand-600" : "text-zinc-400"}>{item.icon}</span>
              {item.label}
            </>
          )}
        </NavLink>
      ))}
    </div>
  );
}

export function Sidebar() {
  return (
    <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-zinc-200 bg-zinc-100/70">
      <div className="flex h-14 items-center gap-2.5 px-5">
        <KilnLogo className="size-7" />
        <span className="text-[15px] font-semibold tracking-tight text-zinc-900">Kiln</span>
      </div>
      <nav className="flex-1 overflow-y-auto px-3 py-2" aria-label="Main">
        <NavSection items={MAIN} />
        <NavSection title="Settings" items={SETTINGS} />
        <NavSection title="Developers" items={DEVELOPERS} />
      </nav>
    </aside>
  );
}
