// Chat turns that paused at Human Input forms (chatflow apps): the forms each one waits for, and
// answering one. A turn's open forms come with its message (`extra_contents`), so a reopened
// conversation shows them again; the stream's forms are held until the message is read again. The
// server finishes the turn from a queue, so after an answer the conversation's messages are read
// again until the turn is no longer paused, or waits at a further form.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { type HumanInputRequired, type HumanInputSubmission, openForms, waitOrAbort } from "../../../lib/human-input";
import { fetchRecentMessages } from "../api/get-messages";
import { submitHumanInputForm } from "../api/human-input-form";
import { webappKeys } from "../api/keys";
import type { Message, Page } from "../api/types";

/** Where a paused turn stands: its forms shown (`waiting`), the answer on its way (`resuming`), or not back within the time the page waits (`late`). */
export type PausePhase = "waiting" | "resuming" | "late";

export interface TurnPause {
  forms: HumanInputRequired[];
  phase: PausePhase;
}

const POLL_MS = 700;
const POLL_LIMIT_MS = 2 * 60_000;

const formIds = (forms: HumanInputRequired[]) => forms.map((f) => f.form_id).join(",");

export function usePausedTurns(code: string, conversationId: string | null) {
  const client = useQueryClient();
  const [pauses, setPauses] = useState<Record<string, TurnPause>>({});
  const polls = useRef(new Set<AbortController>());

  useEffect(() => {
    const running = polls.current;
    return () => {
      for (const poll of running) poll.abort();
    };
  }, []);

  const setPause = useCallback((messageId: string, pause: TurnPause | null) => {
    setPauses(({ [messageId]: _, ...rest }) => (pause ? { ...rest, [messageId]: pause } : rest));
  }, []);

  /** Keeps the forms a streamed turn ended paused at. */
  const hold = useCallback((messageId: string, forms: HumanInputRequired[]) => setPause(messageId, { forms, phase: "waiting" }), [setPause]);

  /** A listed turn's pause: what this page did with it, else the open forms its message carries. */
  const pauseOf = useCallback(
    (m: Message): TurnPause | null => {
      if (pauses[m.id]) return pauses[m.id];
      const forms = openForms(m.extra_contents);
      return m.status === "paused" && forms.length ? { forms, phase: "waiting" } : null;
    },
    [pauses],
  );

  const replaceMessage = useCallback(
    (cid: string, message: Message) =>
      client.setQueryData<Page<Message>>(webappKeys.messages(code, cid), (page) =>
        page ? { ...page, data: page.data.map((m) => (m.id === message.id ? { ...m, ...message } : m)) } : page,
      ),
    [client, code],
  );

  /** Reads the turn's message until it is no longer paused, or waits at forms other than the one answered. */
  const follow = useCallback(
    async (messageId: string, cid: string, answered: string) => {
      const poll = new AbortController();
      polls.current.add(poll);
      const before = client.getQueryData<Page<Message>>(webappKeys.messages(code, cid))?.data.find((m) => m.id === messageId)?.answer ?? "";
      const giveUpAt = Date.now() + POLL_LIMIT_MS;
      let lastOpen = "";
      try {
        while (Date.now() < giveUpAt) {
          await waitOrAbort(POLL_MS, poll.signal);
          let message: Message | undefined;
          try {
            message = (await fetchRecentMessages(code, cid)).data.find((m) => m.id === messageId);
          } catch {
            // A failed look (a dropped connection, a busy server) is tried again on the next tick.
            continue;
          }
          if (!message) continue;
          if (message.status !== "paused") {
            replaceMessage(cid, message);
            setPause(messageId, null);
            void client.invalidateQueries({ queryKey: webappKeys.conversations(code) });
            return;
          }
          const forms = openForms(message.extra_contents).filter((f) => f.form_id !== answered);
          const open = formIds(forms);
          // Paused again at other forms. The message's answer is written just after the new form,
          // so it is taken once it has grown, or once the same forms are read twice.
          if (open && (message.answer.length > before.length || open === lastOpen)) {
            replaceMessage(cid, message);
            setPause(messageId, { forms, phase: "waiting" });
            return;
          }
          lastOpen = open;
        }
        setPause(messageId, { forms: [], phase: "late" });
      } catch (err) {
        if (!(err instanceof DOMException && err.name === "AbortError")) throw err;
      } finally {
        polls.current.delete(poll);
      }
    },
    [client, code, replaceMessage, setPause],
  );

  /** Submits one of a paused turn's forms (a refusal is thrown, for the form to show), then waits for the rest of the answer. */
  const answer = useCallback(
    async (messageId: string, form: HumanInputRequired, submission: HumanInputSubmission) => {
      if (!form.form_token || !conversationId) return;
      await submitHumanInputForm(form.form_token, submission);
      setPause(messageId, { forms: [], phase: "resuming" });
      void follow(messageId, conversationId, form.form_id);
    },
    [conversationId, follow, setPause],
  );

  return { pauseOf, hold, answer };
}
