// The message box: grows with the text, Enter sends and Shift+Enter breaks the line; while an
// answer streams the send button becomes a stop button. `accessory` (the microphone) sits beside it.
import { type FormEvent, type ReactNode, useEffect, useRef } from "react";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import { SendIcon, StopIcon } from "./icons";

export const MAX_QUERY_CHARS = 64_000;

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  streaming: boolean;
  stopping: boolean;
  disabled?: boolean;
  placeholder?: string;
  accessory?: ReactNode;
}

export function Composer({ value, onChange, onSend, onStop, streaming, stopping, disabled, placeholder, accessory }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${Math.min(area.scrollHeight, 200)}px`;
  }, [value]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!streaming && value.trim() && !disabled) onSend();
  };

  return (
    <form
      onSubmit={submit}
      className={cn(
        "flex items-end gap-2 rounded-2xl border border-zinc-200 bg-white p-2 shadow-card transition-colors",
        "focus-within:border-brand-400 focus-within:ring-3 focus-within:ring-brand-500/10",
      )}
    >
      <textarea
        ref={ref}
        rows={1}
        value={value}
        maxLength={MAX_QUERY_CHARS}
        disabled={disabled}
        aria-label="Message"
        placeholder={placeholder ?? "Send a message…"}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
        className="max-h-[200px] min-h-9 min-w-0 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-6 text-zinc-900 placeholder:text-zinc-400 focus:outline-none disabled:cursor-not-allowed"
      />
      {accessory}
      {streaming ? (
        <button
          type="button"
          onClick={onStop}
          disabled={stopping}
          aria-label="Stop responding"
          title="Stop responding"
          className="flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-xl bg-zinc-900 text-white transition-colors hover:bg-zinc-700 disabled:opacity-60"
        >
          {stopping ? <Spinner className="size-4" /> : <StopIcon className="size-4" />}
        </button>
      ) : (
        <button
          type="submit"
          disabled={!value.trim() || disabled}
          aria-label="Send"
          title="Send (Enter)"
          className="flex size-9 shrink-0 cursor-pointer items-center justify-center rounded-xl bg-brand-600 text-white transition-colors hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-zinc-200 disabled:text-zinc-400"
        >
          <SendIcon className="size-4" />
        </button>
      )}
    </form>
  );
}
