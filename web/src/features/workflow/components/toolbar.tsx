// The editor's top bar: save state on the left; history, layout, notes, variables, versions, test
// run and publish on the right.
import type { ReactNode } from "react";
import { Button } from "../../../components/ui/button";
import { Icon, KeyIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";

export const UndoIcon = () => (
  <Icon>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Icon>
);
export const LayoutIcon = () => (
  <Icon>
    <rect x="3" y="4" width="6" height="5" rx="1" />
    <rect x="15" y="4" width="6" height="5" rx="1" />
    <rect x="15" y="15" width="6" height="5" rx="1" />
    <path d="M9 6.5h6M12 6.5v11h3" />
  </Icon>
);
export const NoteIcon = () => (
  <Icon>
    <path d="M15 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V9z" />
    <path d="M15 3v6h6" />
  </Icon>
);
export const PlayIcon = () => (
  <Icon>
    <path d="M7 4l13 8-13 8z" />
  </Icon>
);
export const HistoryIcon = () => (
  <Icon>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5M12 7v5l3 2" />
  </Icon>
);
export const ChatVarIcon = () => (
  <Icon>
    <path d="M4 5h16v11H9l-5 4z" />
    <path d="M9 10h6" />
  </Icon>
);

export const FeaturesIcon = () => (
  <Icon>
    <path d="M12 3l2.4 5 5.6.8-4 3.9.9 5.5L12 15.6 7.1 18.2l.9-5.5-4-3.9 5.6-.8z" />
  </Icon>
);

export function ToolButton({ label, onClick, disabled, active, children }: { label: string; onClick: () => void; disabled?: boolean; active?: boolean; children: ReactNode }) {
  return (
    <Button size="icon" variant="ghost" aria-label={label} title={label} onClick={onClick} disabled={disabled} className={cn(active && "bg-zinc-100 text-zinc-900")}>
      {children}
    </Button>
  );
}

export { KeyIcon };
