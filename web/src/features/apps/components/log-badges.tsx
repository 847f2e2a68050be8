import { Badge, type BadgeTone } from "../../../components/ui/badge";
import type { Feedback, MessageSource, MessageStatus } from "../api/types";
import { SOURCE_LABELS, STATUS_LABELS } from "../lib/log-filters";
import { ThumbsDownIcon, ThumbsUpIcon } from "./icons";

const STATUS_TONES: Record<MessageStatus, BadgeTone> = { normal: "green", error: "red", stopped: "amber" };
const SOURCE_TONES: Record<MessageSource, BadgeTone> = { api: "violet", webapp: "blue", debugger: "neutral" };

export function StatusBadge({ status }: { status: MessageStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function SourceBadge({ source }: { source: MessageSource }) {
  return <Badge tone={SOURCE_TONES[source]}>{SOURCE_LABELS[source]}</Badge>;
}

/** The user's and the team's ratings of an answer, as thumbs. */
export function FeedbackMarks({ user, admin }: { user: Feedback | null; admin: Feedback | null }) {
  if (!user && !admin) return <span className="text-zinc-300">—</span>;
  return (
    <span className="inline-flex items-center gap-2">
      {user && <Thumb rating={user.rating} who="User" comment={user.content} />}
      {admin && <Thumb rating={admin.rating} who="Team" comment={admin.content} />}
    </span>
  );
}

function Thumb({ rating, who, comment }: { rating: "like" | "dislike"; who: string; comment: string | null }) {
  const Icon = rating === "like" ? ThumbsUpIcon : ThumbsDownIcon;
  const label = `${who} ${rating === "like" ? "liked" : "disliked"} this${comment ? `: ${comment}` : ""}`;
  return (
    <span title={label} aria-label={label} className={`inline-flex items-center gap-0.5 text-[11px] ${rating === "like" ? "text-emerald-600" : "text-red-500"}`}>
      <Icon className="size-3.5" />
      {who === "Team" && <span className="text-zinc-400">team</span>}
    </span>
  );
}
