// Every time an annotation answered: the user's question, how close it was, and from where.
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { useHitHistories } from "../api/get-hit-histories";
import type { Annotation } from "../api/types";
import { formatScore } from "../lib/reply-settings";
import { HistoryIcon } from "./icons";

export function HitHistoryDialog({ appId, annotation, onClose }: { appId: string; annotation: Annotation | null; onClose: () => void }) {
  const hits = useHitHistories(appId, annotation?.id ?? null);
  return (
    <Dialog
      open={!!annotation}
      onClose={onClose}
      size="lg"
      title="Hit history"
      description={annotation ? `Questions answered with “${annotation.question}”.` : undefined}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {hits.isPending ? (
        <LoadingState label="Loading hits…" />
      ) : hits.isError ? (
        <Alert tone="error" title="Couldn't load the hit history">
          {errorMessage(hits.error)}
        </Alert>
      ) : hits.data.data.length === 0 ? (
        <EmptyState
          compact
          icon={<HistoryIcon className="size-5" />}
          title="No hits yet"
          description="With annotation reply on, each question answered from this annotation shows up here."
        />
      ) : (
        <ul className="divide-y divide-zinc-100" data-testid="hit-history">
          {hits.data.data.map((h) => (
            <li key={h.id} className="flex items-start gap-3 py-2.5">
              <div className="min-w-0 flex-1">
                <p className="text-[13px] break-words text-zinc-900">{h.question}</p>
                <p className="mt-0.5 text-xs text-zinc-500">{formatDateTime(h.created_at)}</p>
              </div>
              <Badge tone={h.source === "api" ? "violet" : "neutral"}>{h.source === "api" ? "API · WebApp" : "Debugger"}</Badge>
              <span className="w-12 text-right font-mono text-xs text-zinc-700 tabular-nums" title="Similarity to the annotated question">
                {formatScore(h.score)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
