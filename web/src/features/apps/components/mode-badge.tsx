import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { modeLabel } from "../lib/app-rules";

const TONES: Record<string, BadgeTone> = { chat: "blue", completion: "violet", workflow: "green", "advanced-chat": "green", "agent-chat": "amber" };

export function ModeBadge({ mode }: { mode: string }) {
  return <Badge tone={TONES[mode] ?? "neutral"}>{modeLabel(mode)}</Badge>;
}

export function PublishBadge({ published }: { published: boolean }) {
  return published ? (
    <Badge tone="green" dot>
      Published
    </Badge>
  ) : (
    <Badge tone="neutral" dot>
      Draft
    </Badge>
  );
}
