// Answers read aloud: the MP3 of one answer at a time from /api/text-to-audio, played from an
// object URL. Starting another answer, stopping, or leaving the page stops the current one.
import { useCallback, useEffect, useRef, useState } from "react";
import { webappErrorMessage } from "../api/client";
import { textToAudio } from "../api/text-to-audio";

export type ReadAloudStatus = "idle" | "loading" | "playing";

export interface ReadAloud {
  statusOf: (messageId: string) => ReadAloudStatus;
  errorOf: (messageId: string) => string | null;
  play: (messageId: string) => Promise<void>;
  stop: () => void;
}

function playbackProblem(err: unknown): string {
  if (!(err instanceof DOMException)) return webappErrorMessage(err);
  if (err.name === "NotAllowedError") return "Your browser blocked the audio. Press Read aloud again.";
  return "This browser couldn't play the audio. Try again, or try another browser.";
}

export function useReadAloud(code: string): ReadAloud {
  const [current, setCurrent] = useState<{ id: string; status: "loading" | "playing" } | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const playing = useRef<{ audio: HTMLAudioElement | null; url: string | null; abort: AbortController } | null>(null);

  const release = useCallback(() => {
    const p = playing.current;
    playing.current = null;
    if (!p) return;
    p.abort.abort();
    p.audio?.pause();
    if (p.url) URL.revokeObjectURL(p.url);
  }, []);

  const stop = useCallback(() => {
    release();
    setCurrent(null);
  }, [release]);

  const play = useCallback(
    async (id: string) => {
      release();
      setError(null);
      setCurrent({ id, status: "loading" });
      const mine = { audio: null as HTMLAudioElement | null, url: null as string | null, abort: new AbortController() };
      playing.current = mine;
      try {
        const mp3 = await textToAudio(code, id, mine.abort.signal);
        if (playing.current !== mine) return;
        mine.url = URL.createObjectURL(mp3);
        mine.audio = new Audio(mine.url);
        mine.audio.onended = () => {
          if (playing.current === mine) stop();
        };
        await mine.audio.play();
        if (playing.current === mine) setCurrent({ id, status: "playing" });
      } catch (err) {
        // Stopped, or replaced by another answer, before it began: nothing to report.
        if (playing.current !== mine) return;
        release();
        setCurrent(null);
        setError({ id, message: playbackProblem(err) });
      }
    },
    [code, release, stop],
  );

  useEffect(() => release, [release]);

  return {
    statusOf: (id) => (current?.id === id ? current.status : "idle"),
    errorOf: (id) => (error?.id === id ? error.message : null),
    play,
    stop,
  };
}
