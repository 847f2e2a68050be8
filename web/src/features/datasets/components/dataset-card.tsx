import { Link } from "react-router-dom";
import { BookIcon, TrashIcon } from "../../../components/ui/icons";
import { Menu, MenuItem } from "../../../components/ui/menu";
import { formatRelative } from "../../../lib/format";
import type { Dataset } from "../api/types";
import { formatCount } from "../lib/document-status";
import { IndexModeBadge } from "./badges";
import { DotsIcon } from "./icons";
import { TagChips } from "./tag-chips";

interface DatasetCardProps {
  dataset: Dataset;
  canEdit: boolean;
  onDelete: (dataset: Dataset) => void;
}

export function DatasetCard({ dataset, canEdit, onDelete }: DatasetCardProps) {
  const docs = dataset.document_count;
  return (
    <div
      data-testid="dataset-card"
      className="group relative flex min-h-44 flex-col rounded-xl border border-zinc-200 bg-white shadow-card transition hover:border-zinc-300 hover:shadow-pop"
    >
      <Link to={`/datasets/${dataset.id}/documents`} className="flex flex-1 flex-col gap-3 p-4 pb-3" aria-label={`Open ${dataset.name}`}>
        <div className="flex items-start gap-3 pr-8">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-lg border border-orange-100 bg-orange-50 text-brand-600">
            <BookIcon className="size-5" />
          </span>
          <div className="min-w-0 flex-1">
            <h3 className="truncate text-[15px] font-semibold text-zinc-900">{dataset.name}</h3>
            <div className="mt-1 flex flex-wrap items-center gap-1.5">
              <IndexModeBadge technique={dataset.indexing_technique} />
              {dataset.permission === "all_team_members" && <span className="text-xs text-zinc-400">Shared with the team</span>}
            </div>
          </div>
        </div>
        <p className="line-clamp-2 text-[13px] leading-relaxed text-zinc-500">
          {dataset.description || <span className="text-zinc-400">No description</span>}
        </p>
        <TagChips tags={dataset.tags} />
        <div className="mt-auto flex items-center gap-3 text-xs text-zinc-500">
          <span data-testid="dataset-doc-count">
            {docs} document{docs === 1 ? "" : "s"}
          </span>
          <span aria-hidden="true" className="text-zinc-300">·</span>
          <span>{formatCount(dataset.word_count)} characters</span>
          <span aria-hidden="true" className="text-zinc-300">·</span>
          <span>
            {dataset.app_count} app{dataset.app_count === 1 ? "" : "s"}
          </span>
          <span className="ml-auto text-zinc-400">{formatRelative(dataset.updated_at)}</span>
        </div>
      </Link>
      {canEdit && (
        <div className="absolute top-3 right-3">
          <Menu
            align="end"
            triggerLabel={`Actions for ${dataset.name}`}
            triggerClassName="flex size-7 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
            trigger={<DotsIcon />}
            className="min-w-40"
          >
            <MenuItem icon={<TrashIcon />} danger onSelect={() => onDelete(dataset)}>
              Delete
            </MenuItem>
          </Menu>
        </div>
      )}
    </div>
  );
}
