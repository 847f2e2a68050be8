// The annotations list: question (with who wrote it and when), answer, how often it answered.
import { Button } from "../../../components/ui/button";
import { TrashIcon } from "../../../components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { formatDateTime, formatRelative } from "../../../lib/format";
import type { Annotation } from "../api/types";
import { HistoryIcon, PenIcon } from "./icons";

interface AnnotationsTableProps {
  annotations: Annotation[];
  canEdit: boolean;
  onEdit: (a: Annotation) => void;
  onHistory: (a: Annotation) => void;
  onDelete: (a: Annotation) => void;
}

export function AnnotationsTable({ annotations, canEdit, onEdit, onHistory, onDelete }: AnnotationsTableProps) {
  return (
    <Table className="table-fixed">
      <THead>
        <tr>
          <TH className="w-[36%]">Question</TH>
          <TH>Answer</TH>
          <TH className="w-20 text-right">Hits</TH>
          <TH className="w-36 text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {annotations.map((a) => (
          <TR key={a.id} data-testid="annotation-row">
            <TD className="align-top">
              <p className="line-clamp-3 text-[13px] font-medium break-words text-zinc-900" title={a.question}>
                {a.question}
              </p>
              <p className="mt-1 truncate text-xs text-zinc-500">
                {a.account ? a.account.name : "Added through the API"} ·{" "}
                <span title={formatDateTime(a.created_at)}>{formatRelative(a.created_at)}</span>
              </p>
            </TD>
            <TD className="align-top">
              <p className="line-clamp-3 text-[13px] break-words whitespace-pre-line text-zinc-600" title={a.answer}>
                {a.answer}
              </p>
            </TD>
            <TD className="text-right align-top text-[13px] tabular-nums">
              <button
                type="button"
                onClick={() => onHistory(a)}
                className="cursor-pointer text-zinc-800 underline-offset-2 hover:underline"
                title="Show when it answered"
                data-testid="annotation-hits"
              >
                {a.hit_count}
              </button>
            </TD>
            <TD className="text-right align-top">
              <div className="flex justify-end gap-0.5">
                <Button size="icon" variant="ghost" aria-label="Hit history" title="Hit history" onClick={() => onHistory(a)}>
                  <HistoryIcon className="size-3.5" />
                </Button>
                {canEdit && (
                  <>
                    <Button size="icon" variant="ghost" aria-label="Edit" title="Edit" onClick={() => onEdit(a)}>
                      <PenIcon className="size-3.5" />
                    </Button>
                    <Button size="icon" variant="danger-ghost" aria-label="Delete" title="Delete" onClick={() => onDelete(a)}>
                      <TrashIcon className="size-3.5" />
                    </Button>
                  </>
                )}
              </div>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
