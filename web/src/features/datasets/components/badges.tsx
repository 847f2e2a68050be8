import { Badge } from "../../../components/ui/badge";
import { Spinner } from "../../../components/ui/spinner";
import type { IndexingTechnique, KnowledgeDocument } from "../api/types";
import { indexModeLabel } from "../lib/dataset-rules";
import { statusLook } from "../lib/document-status";

export function IndexModeBadge({ technique }: { technique: IndexingTechnique | null }) {
  return (
    <Badge tone={technique === "high_quality" ? "violet" : technique === "economy" ? "amber" : "neutral"}>
      {indexModeLabel(technique)}
    </Badge>
  );
}

/** A document's status; an error carries its reason in the tooltip (and the table shows it inline). */
export function StatusChip({ doc }: { doc: Pick<KnowledgeDocument, "indexing_status" | "enabled" | "archived" | "error"> }) {
  const look = statusLook(doc);
  return (
    <span title={doc.error ?? undefined} data-testid="document-status" data-status={doc.indexing_status}>
      <Badge tone={look.tone} dot={!look.busy} icon={look.busy ? <Spinner className="size-3" /> : undefined}>
        {look.label}
      </Badge>
    </span>
  );
}
