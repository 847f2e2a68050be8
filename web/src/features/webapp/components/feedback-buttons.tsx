// Like / dislike on an answer; pressing the chosen one again withdraws the rating.
import { useState } from "react";
import { cn } from "../../../lib/cn";
import type { Rating } from "../api/types";
import { ThumbDownIcon, ThumbUpIcon } from "./icons";

export function FeedbackButtons({ rating, onRate }: { rating: Rating | null; onRate: (r: Rating | null) => Promise<void> }) {
  const [error, setError] = useState(false);
  const click = (r: Rating) => {
    setError(false);
    onRate(rating === r ? null : r).catch(() => setError(true));
  };
  const button = (r: Rating, label: string, Icon: typeof ThumbUpIcon) => (
    <button
      type="button"
      aria-label={label}
      aria-pressed={rating === r}
      title={label}
      onClick={() => click(r)}
      className={cn(
        "flex size-8 cursor-pointer items-center justify-center rounded-md transition-colors",
        rating === r
          ? r === "like"
            ? "bg-emerald-50 text-emerald-600"
            : "bg-red-50 text-red-600"
          : "text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700",
      )}
    >
      <Icon className="size-4" />
    </button>
  );
  return (
    <div className="flex items-center gap-0.5">
      {button("like", "Like", ThumbUpIcon)}
      {button("dislike", "Dislike", ThumbDownIcon)}
      {error && <span className="ml-1 text-xs text-red-600">Couldn't save your rating. Try again.</span>}
    </div>
  );
}
