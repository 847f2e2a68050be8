import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { useConversationLog } from "../api/get-logs";
import type { MessageLog } from "../api/types";
import { AnnotationReplyBadge } from "../../annotations/components/annotation-badge";
import { AnnotationDialog, type AnnotationDialogTarget } from "../../annotations/components/annotation-dialog";
import { AnnotationIcon } from "../../annotations/components/icons";
import { canEditApps } from "../lib/app-rules";
import { describeAsker } from "../lib/log-filters";
import { formatLatency, formatPrice, formatTokens } from "../lib/usage";
import { AgentThoughts } from "./agent-thoughts";
import { Drawer } from "./drawer";
import { FeedbackMarks, SourceBadge, StatusBadge } from "./log-badges";

interface ConversationDrawerProps {
  appId: string;
  /** The message the user clicked; its conversation is shown, with it highlighted. */
  message: MessageLog | null;
  onClose: () => void;
}

export function ConversationDrawer({ appId, message, onClose }: ConversationDrawerProps) {
  const conversation = useConversationLog(appId, message?.conversation_id ?? null);
  const data = conversation.data;
  const canEdit = canEditApps(useCurrentWorkspace().data?.role);
  const [improving, setImproving] = useState<AnnotationDialogTarget | null>(null);
  const improve = (m: MessageLog) =>
    setImproving({ kind: "improve", messageId: m.id, draft: { question: m.query, answer: m.answer } });
  return (
    <Drawer
      open={!!message}
      onClose={onClose}
      title={data?.name || "Conversation"}
      description={
        message && (
          <span className="flex flex-wrap items-center gap-2">
            <SourceBadge source={message.from_source} />
            <span>{describeAsker(message)}</span>
            {data && (
              <span>
                · {data.message_count} message{data.message_count === 1 ? "" : "s"} · started {formatDateTime(data.created_at)}
              </span>
            )}
          </span>
        )
      }
    >
      {conversation.isPending ? (
        <LoadingState label="Loading the conversation…" />
      ) : conversation.isError ? (
        <Alert tone="error" title="Couldn't load the conversation">
          {errorMessage(conversation.error)}
        </Alert>
      ) : data ? (
        <div className="space-y-5" data-testid="conversation-messages">
          {data.has_more_messages && <p className="text-center text-xs text-zinc-500">Showing the latest {data.messages.length} messages.</p>}
          {Object.keys(data.inputs ?? {}).length > 0 && (
            <div className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2">
              <p className="mb-1 text-[11px] font-medium tracking-wide text-zinc-400 uppercase">Inputs</p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[13px]">
                {Object.entries(data.inputs).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="font-mono text-xs text-zinc-500">{k}</dt>
                    <dd className="break-words text-zinc-800">{String(v)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          )}
          {data.messages.map((m) => (
            <LogMessage
              key={m.id}
              m={m}
              highlighted={data.messages.length > 1 && m.id === message?.id}
              onImprove={canEdit && m.query && m.status !== "error" ? () => improve(m) : undefined}
            />
          ))}
        </div>
      ) : null}
      <AnnotationDialog appId={appId} target={improving} onClose={() => setImproving(null)} />
    </Drawer>
  );
}

function LogMessage({ m, highlighted, onImprove }: { m: MessageLog; highlighted: boolean; onImprove?: () => void }) {
  const fromAnnotation = m.reply_source === "annotation";
  return (
    <article data-testid="conversation-message" className={highlighted ? "rounded-xl bg-brand-50/40 p-3 ring-1 ring-brand-200" : ""}>
      <div className="mb-1.5 flex min-h-7 items-center gap-2">
        <p className="text-[11px] text-zinc-400">{formatDateTime(m.created_at)}</p>
        {fromAnnotation && <AnnotationReplyBadge />}
        {onImprove && !fromAnnotation && (
          <Button
            size="sm"
            variant="ghost"
            icon={<AnnotationIcon className="size-3.5" />}
            onClick={onImprove}
            className="ml-auto h-7 text-xs"
            data-testid="improve-answer"
          >
            Improve this answer
          </Button>
        )}
      </div>
      {m.query && (
        <div className="mb-2 flex justify-end">
          <div className="max-w-[85%] rounded-2xl rounded-br-md bg-zinc-900 px-3.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap text-white">{m.query}</div>
        </div>
      )}
      {m.agent_thoughts && m.agent_thoughts.length > 0 && <AgentThoughts thoughts={m.agent_thoughts} className="mb-2 max-w-[92%]" />}
      <div className="max-w-[92%] rounded-2xl rounded-bl-md border border-zinc-200 bg-white px-3.5 py-2 text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-800">
        {m.answer || <span className="text-zinc-400">(no answer)</span>}
      </div>
      {m.error && (
        <Alert tone="error" className="mt-2">
          {m.error}
        </Alert>
      )}
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-zinc-500 tabular-nums">
        <StatusBadge status={m.status} />
        <span>
          {formatTokens(m.message_tokens)} + {formatTokens(m.answer_tokens)} tokens
        </span>
        <span>{formatPrice(m.total_price, m.currency)}</span>
        <span>{formatLatency(m.latency)}</span>
        <span className="font-mono">
          {m.model_provider}/{m.model_id}
        </span>
        <FeedbackMarks user={m.feedback} admin={m.admin_feedback} />
      </div>
    </article>
  );
}
