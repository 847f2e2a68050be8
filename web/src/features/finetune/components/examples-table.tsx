// The set's rows for review: what was asked, what is learned, tokens and split; each row can be
// edited or dropped. Dropped rows stay listed (greyed) so they can be taken back.
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import type { Example } from "../api/types";

interface Props {
  examples: Example[];
  offset: number;
  canEdit: boolean;
  busyId: string | null;
  onEdit: (e: Example) => void;
  onToggleDrop: (e: Example) => void;
}

const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function ExamplesTable({ examples, offset, canEdit, busyId, onEdit, onToggleDrop }: Props) {
  return (
    <Table className="table-fixed">
      <THead>
        <tr>
          <TH className="w-12 px-3!">#</TH>
          <TH className="px-3!">User asked · assistant answers</TH>
          <TH className="w-20 px-3! text-right">Tokens</TH>
          <TH className="w-28 px-3!">Split</TH>
          {canEdit && <TH className="w-36 px-3! text-right">Actions</TH>}
        </tr>
      </THead>
      <TBody>
        {examples.map((e, i) => {
          const system = e.messages.find((m) => m.role === "system")?.content;
          const history = e.messages.filter((m) => m.role !== "system").length - 1;
          return (
            <TR key={e.id} data-testid="example-row" className={e.is_dropped ? "bg-zinc-50/80 text-zinc-400" : undefined}>
              <TD className="px-3! align-top text-xs text-zinc-400 tabular-nums">{offset + i + 1}</TD>
              <TD className="px-3! align-top">
                <p className={`truncate text-[13px] font-medium ${e.is_dropped ? "text-zinc-400 line-through" : "text-zinc-900"}`} title={e.query}>
                  {clip(e.query) || <span className="font-normal text-zinc-400">(no user message)</span>}
                </p>
                <p className={`mt-0.5 line-clamp-2 text-xs ${e.is_dropped ? "text-zinc-400" : "text-zinc-600"}`} data-testid="example-answer" title={e.answer}>
                  {e.answer ? clip(e.answer, 280) : <span className="font-medium text-red-600">Empty answer: edit or drop this row</span>}
                </p>
                <div className="mt-1 flex flex-wrap gap-1.5">
                  {e.is_edited && <Badge tone="brand">Edited</Badge>}
                  {e.is_dropped && <Badge>Dropped</Badge>}
                  {e.source === "annotation" && <Badge tone="violet">Annotation</Badge>}
                  {system && (
                    <span className="truncate text-[11px] text-zinc-400" title={system}>
                      System prompt · {history > 0 ? `${history} earlier turn${history === 1 ? "" : "s"}` : "no history"}
                    </span>
                  )}
                </div>
              </TD>
              <TD className="px-3! text-right align-top text-[13px] tabular-nums" title={`${e.prompt_tokens} prompt + ${e.answer_tokens} answer`}>
                {e.total_tokens}
              </TD>
              <TD className="px-3! align-top">
                <Badge tone={e.split === "train" ? "blue" : "amber"}>{e.split === "train" ? "Training" : "Validation"}</Badge>
              </TD>
              {canEdit && (
                <TD className="px-3! text-right align-top">
                  <div className="flex justify-end gap-1">
                    <Button size="sm" variant="ghost" onClick={() => onEdit(e)} disabled={e.is_dropped}>
                      Edit
                    </Button>
                    <Button size="sm" variant={e.is_dropped ? "secondary" : "danger-ghost"} loading={busyId === e.id} onClick={() => onToggleDrop(e)}>
                      {e.is_dropped ? "Restore" : "Drop"}
                    </Button>
                  </div>
                </TD>
              )}
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
