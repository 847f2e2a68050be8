import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button";
import { SendIcon, StopIcon } from "./icons";

interface ComposerProps {
  running: boolean;
  onSend: (query: string) => boolean | undefined;
  onStop: () => void;
  disabled?: boolean;
  placeholder?: string;
}

/** The message box: Enter sends, Shift+Enter breaks the line; Stop while an answer streams. */
export function Composer({ running, onSend, onStop, disabled, placeholder = "Send a message" }: ComposerProps) {
  const [text, setText] = useState("");
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (running || !text.trim()) return;
    // The owner may refuse (a required variable is empty): keep the text then.
    if (onSend(text.trim()) !== false) setText("");
  };
  return (
    <form onSubmit={submit} className="border-t border-zinc-200 bg-white p-3">
      <div className="flex items-end gap-2 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-xs focus-within:border-brand-500 focus-within:ring-3 focus-within:ring-brand-500/15">
        <textarea
          aria-label="Message"
          value={text}
          rows={1}
          disabled={disabled}
          placeholder={placeholder}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          className="max-h-40 min-h-8 flex-1 resize-none bg-transparent px-2 py-1.5 text-[13px] outline-none placeholder:text-zinc-400 [field-sizing:content]"
        />
        {running ? (
          <Button size="sm" onClick={onStop} icon={<StopIcon className="size-3.5" />}>
            Stop
          </Button>
        ) : (
          <Button type="submit" size="sm" variant="primary" disabled={disabled || !text.trim()} icon={<SendIcon className="size-3.5" />}>
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
