import { XIcon } from "../../../components/ui/icons";
import type { DatasetTag } from "../api/types";

interface TagChipsProps {
  tags: DatasetTag[];
  /** With it, each chip has a button that takes the tag off. */
  onRemove?: (tag: DatasetTag) => void;
  removing?: string | null;
}

/** A knowledge base's tags as small chips. */
export function TagChips({ tags, onRemove, removing }: TagChipsProps) {
  if (!tags.length) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
      {tags.map((tag) => (
        <li
          key={tag.id}
          data-testid="dataset-tag"
          className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 ring-1 ring-zinc-200 ring-inset"
        >
          <span className="max-w-40 truncate">{tag.name}</span>
          {onRemove && (
            <button
              type="button"
              aria-label={`Remove tag ${tag.name}`}
              disabled={removing === tag.id}
              onClick={() => onRemove(tag)}
              className="-mr-1 rounded text-zinc-400 hover:text-zinc-700 disabled:opacity-50"
            >
              <XIcon className="size-3.5" />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
