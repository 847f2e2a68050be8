// The public chat page `/chat/:code`: no console sign-in, a passport per browser. Conversations
// on the left (a drawer on phones), the thread with the opening statement, the variable form for
// a new conversation, suggested questions, and the message box (with a microphone and answers
// read aloud when the app has its speech features on).
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Navigate, useParams, useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { PlusIcon, XIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import { webappErrorMessage } from "../api/client";
import { useConversations } from "../api/get-conversations";
import { useParameters } from "../api/get-parameters";
import { useSite } from "../api/get-site";
import { formVariables, type Parameters, type Site } from "../api/types";
import { messageFileRefs, messageFilesInput, type PickedFile, readyFiles } from "../../../lib/file-inputs";
import { uploadFile } from "../api/upload-file";
import { AppIcon } from "../components/app-icon";
import { AttachButton, AttachmentList } from "../components/attachments";
import { AssistantBubble, ChatTurn } from "../components/chat-turn";
import { Composer } from "../components/composer";
import { DismissibleError } from "../components/dismissible-error";
import { ConversationList } from "../components/conversation-list";
import { MenuIcon, SlidersIcon } from "../components/icons";
import { InputsForm } from "../components/inputs-form";
import { Markdown } from "../../../components/markdown";
import { MicButton } from "../components/mic-button";
import { PageError, PageLoading } from "../components/page-state";
import { SiteFooter } from "../components/site-footer";
import { useChat } from "../hooks/use-chat";
import { useDocumentTitle } from "../hooks/use-document-title";
import { useReadAloud } from "../hooks/use-read-aloud";
import { canRecord, useVoiceInput } from "../hooks/use-voice-input";
import { initialValues, toInputs, validateValues } from "../lib/inputs";
import { webappPage, webappPath } from "../lib/webapp-path";

export function WebAppChatRoute() {
  const code = useParams().code ?? "";
  const site = useSite(code);
  const parameters = useParameters(code);
  if (site.isError || parameters.isError) return <PageError error={site.error ?? parameters.error} />;
  if (site.isPending || parameters.isPending) return <PageLoading />;
  if (webappPage(site.data.mode) !== "chat") return <Navigate to={webappPath(site.data.mode, code)} replace />;
  return <ChatApp code={code} site={site.data} parameters={parameters.data} />;
}

/** The opening statement with `{{variables}}` filled; an empty one takes its leading space with it. */
function fillVariables(text: string, values: Record<string, unknown>): string {
  return text.replace(/( ?)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, space: string, name: string) => {
    const value = values[name];
    return value === undefined || value === null || value === "" ? "" : `${space}${String(value)}`;
  });
}

function SuggestionChips({ questions, onPick, label }: { questions: string[]; onPick: (q: string) => void; label: string }) {
  if (questions.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2 pl-11" aria-label={label} role="group">
      {questions.map((q) => (
        <button
          key={q}
          type="button"
          onClick={() => onPick(q)}
          className="cursor-pointer rounded-full border border-zinc-200 bg-white px-3.5 py-1.5 text-left text-[13px] text-zinc-700 shadow-card transition-colors hover:border-brand-300 hover:bg-brand-50 hover:text-brand-700"
        >
          {q}
        </button>
      ))}
    </div>
  );
}

function Sidebar({ site, children, onClose }: { site: Site["site"]; children: ReactNode; onClose?: () => void }) {
  return (
    <div className="flex h-full flex-col bg-zinc-100">
      <div className="flex items-center gap-3 px-4 pt-4 pb-3">
        <AppIcon site={site} />
        <h2 className="min-w-0 flex-1 truncate text-[15px] font-semibold text-zinc-900">{site.title}</h2>
        {onClose && (
          <button
            type="button"
            onClick={onClose}
            aria-label="Close conversations"
            className="flex size-8 cursor-pointer items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200"
          >
            <XIcon />
          </button>
        )}
      </div>
      {children}
      <SiteFooter site={site} className="border-t border-zinc-200/70 px-4 py-3" />
    </div>
  );
}

function ChatApp({ code, site, parameters }: { code: string; site: Site; parameters: Parameters }) {
  useDocumentTitle(site.site.title);
  const [search, setSearch] = useSearchParams();
  const conversationId = search.get("c");
  const [drawer, setDrawer] = useState(false);
  const variables = useMemo(() => formVariables(parameters), [parameters]);
  const visibleVariables = variables.filter((v) => !v.hide);
  const [values, setValues] = useState(() => initialValues(variables));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Open at first only when something must be filled in, so phones see the chat, not a form.
  const [formOpen, setFormOpen] = useState(() => variables.some((v) => v.required && !v.hide));
  const [draft, setDraft] = useState("");
  // Files for the next message, when the app takes them (its file_upload setting).
  const attachInput = useMemo(() => messageFilesInput(parameters.file_upload), [parameters.file_upload]);
  const [attachments, setAttachments] = useState<PickedFile[]>([]);
  const [attachError, setAttachError] = useState<string | null>(null);
  const conversations = useConversations(code, true);
  const conversation = conversations.data?.data.find((c) => c.id === conversationId) ?? null;

  const select = useCallback(
    (id: string | null) => {
      setDrawer(false);
      setSearch(id ? { c: id } : {}, { replace: false });
    },
    [setSearch],
  );
  const onConversation = useCallback((id: string) => setSearch({ c: id }, { replace: true }), [setSearch]);

  const chat = useChat({
    code,
    conversationId,
    onConversation,
    suggestionsEnabled: parameters.suggested_questions_after_answer?.enabled ?? false,
  });

  const voiceOn = Boolean(parameters.speech_to_text?.enabled) && canRecord();
  const voice = useVoiceInput({
    code,
    // The transcript joins whatever is already typed, for the visitor to check before sending.
    onText: (heard) => setDraft((d) => (d.trim() ? `${d.trimEnd()} ${heard}` : heard)),
  });
  const readAloud = useReadAloud(code);
  const stopReading = readAloud.stop;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation silences this one's answer
  useEffect(() => stopReading(), [conversationId, stopReading]);

  const send = async (text: string) => {
    const query = text.trim();
    if (!query || chat.isStreaming) return;
    let inputs: Record<string, unknown> = conversation?.inputs ?? {};
    if (!conversationId) {
      const found = validateValues(variables, values);
      setErrors(found);
      if (Object.keys(found).length > 0) {
        setFormOpen(true);
        return;
      }
      inputs = toInputs(variables, values);
    }
    if (attachments.some((f) => f.status === "uploading")) {
      setAttachError("Wait for your files to finish uploading, then send.");
      return;
    }
    const sent = attachInput ? attachments : [];
    const done = readyFiles(sent);
    const files = (attachInput ? messageFileRefs(attachInput, done) : []).map((ref, i) => ({
      ref,
      shown: { id: done[i].id ?? done[i].key, filename: done[i].name, type: String(ref.type), url: done[i].preview ?? done[i].url ?? null },
    }));
    setDraft("");
    setAttachError(null);
    setAttachments([]);
    const accepted = await chat.send(query, inputs, files);
    if (!accepted) {
      setDraft((d) => d || query);
      setAttachments((now) => (now.length ? now : sent));
    }
  };

  // Follow the answer as it streams, unless the reader scrolled up to read.
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastTurn = chat.turns[chat.turns.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the thread's content changes
  useEffect(() => {
    const el = scroller.current;
    if (el && pinned.current && chat.turns.length > 0) el.scrollTop = el.scrollHeight;
  }, [chat.turns.length, lastTurn?.answer, lastTurn?.status, chat.suggestions.length, conversationId]);

  const opening = parameters.opening_statement
    ? fillVariables(parameters.opening_statement, conversation?.inputs ?? values)
    : null;
  const isNew = !conversationId;
  const showWelcome = isNew && chat.turns.length === 0;

  return (
    <div className="flex h-dvh bg-zinc-50">
      <aside className="hidden w-72 shrink-0 border-r border-zinc-200 md:block">
        <Sidebar site={site.site}>
          <ConversationList code={code} activeId={conversationId} onSelect={select} />
        </Sidebar>
      </aside>

      {drawer && (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label="Conversations">
          <button
            type="button"
            aria-label="Close conversations"
            className="absolute inset-0 animate-fade-in bg-zinc-950/40"
            onClick={() => setDrawer(false)}
          />
          <div className="absolute inset-y-0 left-0 w-[85%] max-w-xs animate-slide-in shadow-pop">
            <Sidebar site={site.site} onClose={() => setDrawer(false)}>
              <ConversationList code={code} activeId={conversationId} onSelect={select} />
            </Sidebar>
          </div>
        </div>
      )}

      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white/90 px-2 backdrop-blur sm:px-4">
          <button
            type="button"
            onClick={() => setDrawer(true)}
            aria-label="Show conversations"
            className="flex size-9 cursor-pointer items-center justify-center rounded-lg text-zinc-600 hover:bg-zinc-100 md:hidden"
          >
            <MenuIcon className="size-5" />
          </button>
          <AppIcon site={site.site} size="sm" className="md:hidden" />
          <h1 className="min-w-0 flex-1 truncate text-[15px] font-semibold text-zinc-900">
            {conversation?.name || site.site.title}
          </h1>
          {!isNew && (
            <Button size="sm" variant="ghost" icon={<PlusIcon />} onClick={() => select(null)} aria-label="New chat">
              <span className="hidden sm:inline">New chat</span>
            </Button>
          )}
        </header>

        <div
          ref={scroller}
          className="min-h-0 flex-1 overflow-y-auto"
          onScroll={(e) => {
            const el = e.currentTarget;
            pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
        >
          <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-6 sm:px-6">
            {showWelcome && (
              <div className="flex flex-col items-center pt-4 text-center sm:pt-8">
                <AppIcon site={site.site} size="xl" />
                <h2 className="mt-3 text-xl font-semibold text-zinc-900">{site.site.title}</h2>
                {site.site.description && (
                  <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">{site.site.description}</p>
                )}
              </div>
            )}

            {isNew && visibleVariables.length > 0 && (
              <section className="rounded-2xl border border-zinc-200 bg-white shadow-card" aria-label="Chat settings">
                <button
                  type="button"
                  onClick={() => setFormOpen((o) => !o)}
                  aria-expanded={formOpen}
                  className="flex w-full cursor-pointer items-center gap-2 px-4 py-3 text-left text-sm font-medium text-zinc-800"
                >
                  <SlidersIcon className="size-4 text-zinc-400" />
                  <span className="flex-1">Before you start</span>
                  <span className="text-xs font-normal text-zinc-400">{formOpen ? "Hide" : "Show"}</span>
                </button>
                {formOpen && (
                  <div className="border-t border-zinc-100 px-4 pt-3 pb-4">
                    <InputsForm
                      variables={variables}
                      values={values}
                      errors={errors}
                      disabled={chat.isStreaming}
                      onChange={(name, value) => {
                        setValues((v) => ({ ...v, [name]: value }));
                        setErrors(({ [name]: _, ...rest }) => rest);
                      }}
                    />
                  </div>
                )}
              </section>
            )}

            {!isNew && conversation && visibleVariables.some((v) => conversation.inputs[v.variable] !== undefined) && (
              <div className="flex flex-wrap gap-1.5 text-xs text-zinc-500">
                {visibleVariables
                  .filter((v) => conversation.inputs[v.variable] !== undefined && conversation.inputs[v.variable] !== "")
                  .map((v) => (
                    <span key={v.variable} className="rounded-full border border-zinc-200 bg-white px-2.5 py-1">
                      {v.label}: <span className="text-zinc-700">{String(conversation.inputs[v.variable])}</span>
                    </span>
                  ))}
              </div>
            )}

            {opening && (
              <AssistantBubble site={site.site} testId="opening-statement">
                <div className="rounded-2xl rounded-tl-md border border-zinc-200 bg-white px-4 py-3 text-zinc-800 shadow-card">
                  <Markdown text={opening} />
                </div>
              </AssistantBubble>
            )}
            {chat.turns.length === 0 && !chat.isLoadingHistory && (
              <SuggestionChips questions={parameters.suggested_questions} onPick={send} label="Suggested questions" />
            )}

            {chat.isLoadingHistory && (
              <div className="flex items-center justify-center gap-2 py-8 text-sm text-zinc-500" role="status">
                <Spinner /> Loading messages…
              </div>
            )}
            {chat.historyError ? (
              <Alert
                tone="error"
                title="This conversation couldn't be loaded"
                action={
                  <Button size="sm" onClick={() => select(null)}>
                    New chat
                  </Button>
                }
              >
                {webappErrorMessage(chat.historyError)}
              </Alert>
            ) : null}

            {chat.turns.map((t) => (
              <ChatTurn
                key={t.id}
                turn={t}
                site={site.site}
                onRate={chat.rate}
                onAnswer={chat.answerForm}
                showCitations={parameters.retriever_resource?.enabled !== false}
                readAloud={parameters.text_to_speech?.enabled ? readAloud : undefined}
              />
            ))}
            {!chat.isStreaming && (
              <SuggestionChips questions={chat.suggestions} onPick={send} label="Suggested follow-up questions" />
            )}
          </div>
        </div>

        <div className="shrink-0 px-3 pt-1 pb-3 sm:px-6 sm:pb-4">
          <div className="mx-auto w-full max-w-3xl space-y-2">
            {chat.sendError && <DismissibleError onDismiss={chat.clearSendError}>{chat.sendError}</DismissibleError>}
            {voice.error && <DismissibleError onDismiss={voice.clearError}>{voice.error}</DismissibleError>}
            {attachError && <DismissibleError onDismiss={() => setAttachError(null)}>{attachError}</DismissibleError>}
            <AttachmentList files={attachments} onUpdate={setAttachments} />
            <Composer
              value={draft}
              onChange={setDraft}
              onSend={() => void send(draft)}
              onStop={chat.stop}
              streaming={chat.isStreaming}
              stopping={chat.stopping}
              disabled={Boolean(chat.historyError)}
              placeholder={
                voice.status === "recording"
                  ? "Listening… press stop when you're done"
                  : voice.status === "transcribing"
                    ? "Transcribing your question…"
                    : undefined
              }
              accessory={
                <>
                  {attachInput && (
                    <AttachButton
                      input={attachInput}
                      files={attachments}
                      upload={(file) => uploadFile(code, file)}
                      onUpdate={setAttachments}
                      disabled={Boolean(chat.historyError)}
                    />
                  )}
                  {voiceOn && (
                    <MicButton
                      status={voice.status}
                      startedAt={voice.startedAt}
                      onStart={() => void voice.start()}
                      onStop={voice.stop}
                      disabled={Boolean(chat.historyError)}
                    />
                  )}
                </>
              }
            />
            <p className={cn("text-center text-[11px] text-zinc-400")}>
              AI answers can be wrong; check important information.
            </p>
          </div>
        </div>
      </main>
    </div>
  );
}
