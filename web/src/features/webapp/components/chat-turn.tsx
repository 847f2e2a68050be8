// One exchange of the chat: the visitor's question on the right, the app's answer on the left
// (Markdown, a cursor while it streams), with copy, like/dislike and read aloud once it is done;
// a turn paused at Human Input forms shows them under its answer so far, and the forms its run had
// answered above it.
import { CopyButton } from "../../../components/ui/copy-button";
import { AlertIcon, PaperclipIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import type { MessageFile, Rating, Site } from "../api/types";
import type { Turn } from "../hooks/use-chat";
import type { ReadAloud } from "../hooks/use-read-aloud";
import { toolsUsed } from "../lib/agent-steps";
import { AnsweredForms } from "./answered-forms";
import { AppIcon } from "./app-icon";
import { Citations } from "./citations";
import { FeedbackButtons } from "./feedback-buttons";
import { WrenchIcon } from "./icons";
import { Markdown } from "../../../components/markdown";
import { ReadAloudButton } from "./read-aloud-button";
import { TurnForms } from "./turn-forms";
import type { HumanInputRequired, HumanInputSubmission } from "../../../lib/human-input";

// A blinking block after the last paragraph while the answer is still coming.
const STREAMING_CURSOR =
  "[&>:last-child]:after:ml-0.5 [&>:last-child]:after:animate-pulse [&>:last-child]:after:text-brand-500 [&>:last-child]:after:content-['▍']";

/**
 * A file's link only when it is a web address, Kiln's own path, or the page's own copy of a file it
 * just sent (`blob:`): never a `javascript:` one.
 */
const safeUrl = (url: string | null) => (url && (/^(https?:\/\/|blob:)/i.test(url) || (url.startsWith("/") && !url.startsWith("//"))) ? url : null);

export function UserBubble({ text, files = [] }: { text: string; files?: MessageFile[] }) {
  return (
    <div className="flex flex-col items-end gap-1.5">
      {files.length > 0 && (
        <ul className="flex max-w-[85%] flex-wrap justify-end gap-1.5 sm:max-w-[75%]" aria-label="Attached files" data-testid="message-files">
          {files.map((file) => ({ ...file, url: safeUrl(file.url) })).map((f) =>
            f.type === "image" && f.url ? (
              <li key={f.id}>
                <a href={f.url} target="_blank" rel="noreferrer">
                  <img src={f.url} alt={f.filename} className="h-24 max-w-48 rounded-xl border border-zinc-200 object-cover" />
                </a>
              </li>
            ) : (
              <li key={f.id} className="flex items-center gap-1.5 rounded-lg border border-zinc-200 bg-white px-2.5 py-1.5 text-xs text-zinc-700">
                <PaperclipIcon className="size-3.5 text-zinc-400" />
                {f.url ? (
                  <a href={f.url} target="_blank" rel="noreferrer" className="hover:underline">
                    {f.filename}
                  </a>
                ) : (
                  f.filename
                )}
              </li>
            ),
          )}
        </ul>
      )}
      <div
        data-testid="user-message"
        className="max-w-[85%] rounded-2xl rounded-br-md bg-zinc-900 px-4 py-2.5 whitespace-pre-wrap break-words text-white sm:max-w-[75%]"
      >
        {text}
      </div>
    </div>
  );
}

export function AssistantBubble({ site, children, testId }: { site: Site["site"]; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex items-start gap-3" data-testid={testId}>
      <AppIcon site={site} size="md" className="mt-0.5" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

export function ChatTurn({
  turn,
  site,
  onRate,
  showCitations = true,
  readAloud,
  onAnswer,
}: {
  turn: Turn;
  site: Site["site"];
  onRate: (messageId: string, rating: Rating | null) => Promise<void>;
  /** Off when the app has switched citations off since (older answers keep theirs stored). */
  showCitations?: boolean;
  /** When the app reads answers aloud. */
  readAloud?: ReadAloud;
  /** Answers one of a paused turn's forms. */
  onAnswer: (messageId: string, form: HumanInputRequired, submission: HumanInputSubmission) => Promise<void>;
}) {
  const streaming = turn.status === "streaming";
  const paused = turn.status === "paused";
  const tools = toolsUsed(turn.thoughts);
  return (
    <div className="space-y-5">
      <UserBubble text={turn.query} files={turn.files} />
      <AssistantBubble site={site} testId="assistant-message">
        <AnsweredForms forms={turn.answered} />
        {tools.length > 0 && (
          <p className="mb-1.5 flex items-center gap-1.5 text-xs text-zinc-500" data-testid="tools-used">
            <WrenchIcon className="size-3.5 text-zinc-400" />
            {streaming ? "Using" : "Used"} {tools.join(", ")}
          </p>
        )}
        <div
          data-testid="answer"
          className={cn(
            "rounded-2xl rounded-tl-md border bg-white px-4 py-3 text-zinc-800 shadow-card",
            turn.status === "error" ? "border-red-200" : "border-zinc-200",
          )}
        >
          {turn.answer ? (
            <Markdown text={turn.answer} className={cn(streaming && STREAMING_CURSOR)} />
          ) : streaming ? (
            <span className="flex h-6 items-center gap-1" role="status" aria-label="Thinking">
              <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.3s]" />
              <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.15s]" />
              <span className="size-1.5 animate-bounce rounded-full bg-zinc-400" />
            </span>
          ) : null}
          {turn.status === "error" && (
            <p className={cn("flex items-start gap-2 text-[13px] text-red-700", turn.answer && "mt-3")} role="alert">
              <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-500" />
              <span>
                The app couldn't answer: {turn.error || "something went wrong."} Try sending your message again.
              </span>
            </p>
          )}
          {turn.status === "stopped" && <p className="mt-2 text-xs text-zinc-400">Stopped</p>}
          {showCitations && !streaming && !paused && turn.status !== "error" && (
            <Citations resources={turn.citations} className="mt-4" />
          )}
        </div>
        {paused && (
          <div className="mt-3">
            <TurnForms pause={turn.pause} onAnswer={(form, submission) => onAnswer(turn.id, form, submission)} />
          </div>
        )}
        {!streaming && !paused && turn.status !== "error" && turn.answer && !turn.id.startsWith("pending-") && (
          <div className="mt-1.5 flex flex-wrap items-center gap-1 [&_button]:text-xs">
            <FeedbackButtons rating={turn.feedback} onRate={(r) => onRate(turn.id, r)} />
            <div className="[&_button]:h-8 [&_button]:border-0 [&_button]:bg-transparent [&_button]:text-zinc-500 [&_button]:shadow-none [&_button:hover]:bg-zinc-100">
              <CopyButton text={turn.answer} />
            </div>
            {readAloud && <ReadAloudButton messageId={turn.id} player={readAloud} />}
          </div>
        )}
      </AssistantBubble>
    </div>
  );
}
