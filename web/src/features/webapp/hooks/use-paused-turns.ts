// Chat turns that paused at Human Input forms (chatflow apps): the forms each one waits for, and
// answering one. The server finishes the turn from a queue, so after an answer the conversation's
// messages are read again until the turn is no longer paused, and its stored answer replaces ours.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { type HumanInputRequired, type HumanInputSubmission, waitOrAbort } from "../../../lib/human-input";
import { fetchRecentMessages } from "../api/get-messages";
import { submitHumanInputForm } from "../api/human-input-form";
import { webappKeys } from "../api/keys";
import type { Message, Page } from "../api/types";

/**
 * Where a paused turn stands: its forms shown (`waiting`), the answer on its way (`resuming`),
 * paused again at a form whose token the messages API does not give (`next-form`), or not back
 * within the time the page waits (`late`).
 */
export type PausePhase = "waiting" | "resuming" | "next-form" | "late";

export interface TurnPause {
  conversationId: string;
  forms: HumanInputRequired[];
  phase: PausePhase;
}

const POLL_MS = 700;
const POLL_LIMIT_MS = 2 * 60_000;

export function usePausedTurns(code: string) {
  const client = useQueryClient();
  const [pauses, setPauses] = useState<Record<string, TurnPause>>({});
  const polls = useRef(new Set<AbortController>());

  useEffect(() => {
    const running = polls.current;
    return () => {
      for (const poll of running) poll.abort();
    };
  }, []);

  const setPhase = useCallback((messageId: string, phase: PausePhase) => {
    setPauses((all) => (all[messageId] ? { ...all, [messageId]: { ...all[messageId], phase } } : all));
  }, []);

  /** Keeps the forms a streamed turn ended paused at. */
  const hold = useCallback((messageId: string, conversationId: string, forms: HumanInputRequired[]) => {
    setPauses((all) => ({ ...all, [messageId]: { conversationId, forms, phase: "waiting" } }));
  }, []);

  const replaceMessage = useCallback(
    (conversationId: string, message: Message) =>
      client.setQueryData<Page<Message>>(webappKeys.messages(code, conversationId), (page) =>
        page ? { ...page, data: page.data.map((m) => (m.id === message.id ? { ...m, ...message } : m)) } : page,
      ),
    [client, code],
  );

  /** Reads the turn's message until it is no longer paused, or has paused again at another form. */
  const follow = useCallback(
    async (messageId: string, conversationId: string) => {
      const poll = new AbortController();
      polls.current.add(poll);
      const key = webappKeys.messages(code, conversationId);
      const before = client.getQueryData<Page<Message>>(key)?.data.find((m) => m.id === messageId)?.answer ?? "";
      const giveUpAt = Date.now() + POLL_LIMIT_MS;
      try {
        while (Date.now() < giveUpAt) {
          await waitOrAbort(POLL_MS, poll.signal);
          let message: Message | undefined;
          try {
            message = (await fetchRecentMessages(code, conversationId)).data.find((m) => m.id === messageId);
          } catch {
            // A failed look (a dropped connection, a busy server) is tried again on the next tick.
            continue;
          }
          if (!message) continue;
          if (message.status !== "paused") {
            replaceMessage(conversationId, message);
            setPauses(({ [messageId]: _, ...rest }) => rest);
            void client.invalidateQueries({ queryKey: webappKeys.conversations(code) });
            return;
          }
          // Still paused with more said: the turn went on and stopped at a further form.
          if (message.answer.length > before.length) {
            replaceMessage(conversationId, message);
            setPhase(messageId, "next-form");
            return;
          }
        }
        setPhase(messageId, "late");
      } catch (err) {
        if (!(err instanceof DOMException && err.name === "AbortError")) throw err;
      } finally {
        polls.current.delete(poll);
      }
    },
    [client, code, replaceMessage, setPhase],
  );

  /** Submits one of a paused turn's forms (a refusal is thrown, for the form to show), then waits for the rest of the answer. */
  const answer = useCallback(
    async (messageId: string, form: HumanInputRequired, submission: HumanInputSubmission) => {
      const pause = pauses[messageId];
      if (!form.form_token || !pause) return;
      await submitHumanInputForm(form.form_token, submission);
      setPhase(messageId, "resuming");
      void follow(messageId, pause.conversationId);
    },
    [pauses, follow, setPhase],
  );

  return { pauses, hold, answer };
}
