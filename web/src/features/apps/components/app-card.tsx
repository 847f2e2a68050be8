import { Link } from "react-router-dom";
import { TrashIcon } from "../../../components/ui/icons";
import { Menu, MenuItem, MenuSeparator } from "../../../components/ui/menu";
import { formatRelative } from "../../../lib/format";
import type { App } from "../api/types";
import { appHomePath } from "../lib/app-rules";
import { AppIcon } from "./app-icon";
import { DotsIcon, DownloadIcon, DuplicateIcon } from "./icons";
import { ModeBadge, PublishBadge } from "./mode-badge";

interface AppCardProps {
  app: App;
  canEdit: boolean;
  onDuplicate: (app: App) => void;
  onExport: (app: App) => void;
  onDelete: (app: App) => void;
}

export function AppCard({ app, canEdit, onDuplicate, onExport, onDelete }: AppCardProps) {
  const to = appHomePath(app.id, app.mode);
  return (
    <div
      data-testid="app-card"
      className="group relative flex min-h-40 flex-col rounded-xl border border-zinc-200 bg-white shadow-card transition hover:border-zinc-300 hover:shadow-pop"
    >
      <Link to={to} className="flex flex-1 flex-col gap-3 p-4 pb-3" aria-label={`Open ${app.name}`}>
        <div className="flex items-start gap-3 pr-8">
          <AppIcon icon={app.icon} background={app.icon_background} />
          <div className="min-w-0 flex-1">
            <h3 className="truncate text-[15px] font-semibold text-zinc-900">{app.name}</h3>
            <div className="mt-1 flex flex-wrap items-center gap-1.5">
              <ModeBadge mode={app.mode} />
              <PublishBadge published={app.is_published} />
            </div>
          </div>
        </div>
        <p className="line-clamp-2 text-[13px] leading-relaxed text-zinc-500">
          {app.description || <span className="text-zinc-400">No description</span>}
        </p>
        <p className="mt-auto text-xs text-zinc-400">Edited {formatRelative(app.updated_at)}</p>
      </Link>
      <div className="absolute top-3 right-3">
        <Menu
          align="end"
          triggerLabel={`Actions for ${app.name}`}
          triggerClassName="flex size-7 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
          trigger={<DotsIcon />}
          className="min-w-44"
        >
          {canEdit && (
            <MenuItem icon={<DuplicateIcon />} onSelect={() => onDuplicate(app)}>
              Duplicate
            </MenuItem>
          )}
          <MenuItem icon={<DownloadIcon />} onSelect={() => onExport(app)}>
            Export DSL
          </MenuItem>
          {canEdit && (
            <>
              <MenuSeparator />
              <MenuItem icon={<TrashIcon />} danger onSelect={() => onDelete(app)}>
                Delete
              </MenuItem>
            </>
          )}
        </Menu>
      </div>
    </div>
  );
}
