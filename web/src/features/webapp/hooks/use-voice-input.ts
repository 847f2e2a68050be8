// The chat page's microphone: record with MediaRecorder until asked to stop, then send the
// recording to /api/audio-to-text and hand the transcript over. One recording at a time.
import { useCallback, useEffect, useRef, useState } from "react";
import { audioToText } from "../api/audio-to-text";
import { webappErrorMessage } from "../api/client";

export type VoiceInputStatus = "idle" | "starting" | "recording" | "transcribing";

/** A recording stops by itself after this long, so a forgotten microphone can't grow without end. */
const MAX_RECORDING_MS = 2 * 60_000;

/** Types the server accepts, best first (Chromium and Firefox record WebM/Opus; Safari MP4). */
const RECORDING_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4"];

export function canRecord(): boolean {
  return typeof navigator !== "undefined" && Boolean(navigator.mediaDevices?.getUserMedia) && typeof MediaRecorder !== "undefined";
}

function microphoneProblem(err: unknown): string {
  const name = err instanceof DOMException ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "Microphone access is blocked. Allow it in your browser's site settings, or type your question.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found. Connect one, or type your question.";
  if (name === "NotReadableError") return "The microphone is in use by another app. Close it and try again.";
  return "The microphone couldn't be started. Try again, or type your question.";
}

export function useVoiceInput({ code, onText }: { code: string; onText: (text: string) => void }) {
  const [status, setStatus] = useState<VoiceInputStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const discard = useRef(false);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;

  const transcribe = useCallback(
    async (audio: Blob) => {
      if (audio.size === 0) {
        setError("Nothing was recorded. Check your microphone and try again.");
        setStatus("idle");
        return;
      }
      setStatus("transcribing");
      try {
        const text = (await audioToText(code, audio)).trim();
        if (text) onTextRef.current(text);
        else setError("No words were heard in that recording. Try again a little closer to the microphone.");
      } catch (err) {
        setError(webappErrorMessage(err));
      } finally {
        setStatus("idle");
      }
    },
    [code],
  );

  const start = useCallback(async () => {
    if (recorder.current) return;
    setError(null);
    setStatus("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      setError(microphoneProblem(err));
      setStatus("idle");
      return;
    }
    const mimeType = RECORDING_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    const limit = setTimeout(() => rec.state !== "inactive" && rec.stop(), MAX_RECORDING_MS);
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      clearTimeout(limit);
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      setStartedAt(null);
      if (discard.current) return;
      void transcribe(new Blob(chunks, { type: rec.mimeType || mimeType || "audio/webm" }));
    };
    discard.current = false;
    recorder.current = rec;
    rec.start();
    setStartedAt(Date.now());
    setStatus("recording");
  }, [transcribe]);

  const stop = useCallback(() => {
    const rec = recorder.current;
    if (rec && rec.state !== "inactive") rec.stop();
  }, []);

  // Leaving the page while recording releases the microphone and sends nothing.
  useEffect(
    () => () => {
      discard.current = true;
      const rec = recorder.current;
      if (rec && rec.state !== "inactive") rec.stop();
    },
    [],
  );

  return { status, error, startedAt, start, stop, clearError: () => setError(null) };
}
