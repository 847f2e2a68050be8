import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { formatDateTime } from "../../../lib/format";
import type { MessageLog } from "../api/types";
import { describeAsker, formatLogTime, preview } from "../lib/log-filters";
import { formatLatency, formatPrice, formatTokens } from "../lib/usage";
import { FeedbackMarks, SourceBadge, StatusBadge } from "./log-badges";

// The table's own padding: tighter than the design system's default, for ten facts per row.
const cell = "px-3!";

/** One row per message; a row opens its conversation. */
export function LogsTable({ messages, onOpen }: { messages: MessageLog[]; onOpen: (m: MessageLog) => void }) {
  return (
    <Table className="table-fixed">
      <THead>
        <tr>
          <TH className={`${cell} w-28`}>Time</TH>
          <TH className={`${cell} w-28`}>Source · user</TH>
          <TH className={cell}>Query · answer</TH>
          <TH className={`${cell} w-18 text-right`}>Tokens</TH>
          <TH className={`${cell} w-16 text-right`}>Price</TH>
          <TH className={`${cell} w-20 text-right`}>Latency</TH>
          <TH className={`${cell} w-28`}>Status</TH>
          <TH className={`${cell} w-22`}>Feedback</TH>
        </tr>
      </THead>
      <TBody>
        {messages.map((m) => (
          <TR
            key={m.id}
            data-testid="log-row"
            data-source={m.from_source}
            tabIndex={0}
            onClick={() => onOpen(m)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onOpen(m);
              }
            }}
            className="cursor-pointer focus-visible:bg-brand-50/50 focus-visible:outline-none"
          >
            <TD className={`${cell} text-xs whitespace-nowrap text-zinc-500`} title={formatDateTime(m.created_at)}>
              {formatLogTime(m.created_at)}
            </TD>
            <TD className={cell}>
              <div className="flex min-w-0 flex-col items-start gap-1">
                <SourceBadge source={m.from_source} />
                <span className="max-w-full truncate text-xs text-zinc-500" title={describeAsker(m)}>
                  {describeAsker(m)}
                </span>
              </div>
            </TD>
            <TD className={cell}>
              <p className="truncate text-[13px] font-medium text-zinc-900" title={m.query}>
                {preview(m.query, 140) || <span className="font-normal text-zinc-400">(form inputs only)</span>}
              </p>
              <p className="truncate text-xs text-zinc-500" title={m.error ?? m.answer}>
                {m.status === "error" ? <span className="text-red-600">{preview(m.error ?? "Failed", 140)}</span> : preview(m.answer, 140) || "—"}
              </p>
            </TD>
            <TD className={`${cell} text-right text-[13px] tabular-nums`} data-testid="log-tokens" title={`${m.message_tokens} prompt + ${m.answer_tokens} answer`}>
              {formatTokens(m.total_tokens)}
            </TD>
            <TD className={`${cell} text-right text-[13px] tabular-nums`}>{formatPrice(m.total_price, m.currency)}</TD>
            <TD className={`${cell} text-right text-[13px] tabular-nums`} data-testid="log-latency">
              {formatLatency(m.latency)}
            </TD>
            <TD className={cell}>
              <StatusBadge status={m.status} />
            </TD>
            <TD className={cell}>
              <FeedbackMarks user={m.feedback} admin={m.admin_feedback} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
