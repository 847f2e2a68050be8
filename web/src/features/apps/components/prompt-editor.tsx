// The pre-prompt: a textarea over a mirror that draws the same text with `{{variables}}`
// highlighted. The textarea's own text is transparent, so the caret and selection are native.
import { useLayoutEffect, useRef } from "react";
import { Button } from "../../../components/ui/button";
import { PlusIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import { insertPlaceholder, promptSegments } from "../lib/prompt-variables";
import { BracesIcon } from "./icons";

interface PromptEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Names of variables that exist; other placeholders are marked as unknown. */
  known: string[];
  /** Missing placeholders the user can add to the variables list in one click. */
  missing: string[];
  onAddMissing: () => void;
  /** A fresh name for "Add variable". */
  nextName: string;
  onAddVariable: (name: string) => void;
  placeholder: string;
  disabled?: boolean;
}

const TEXT = "px-3.5 py-3 text-sm leading-6 whitespace-pre-wrap break-words [overflow-wrap:anywhere] font-sans";

export function PromptEditor({ value, onChange, known, missing, onAddMissing, nextName, onAddVariable, placeholder, disabled }: PromptEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const pendingCursor = useRef<number | null>(null);
  const knownSet = new Set(known);

  // Grow with the text, so the mirror (which is as tall as the box) always lines up.
  useLayoutEffect(() => {
    const ta = ref.current;
    if (!ta) return;
    ta.style.height = "auto";
    ta.style.height = `${ta.scrollHeight}px`;
    if (pendingCursor.current !== null) {
      ta.focus();
      ta.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = null;
    }
  });

  const addVariable = () => {
    const at = ref.current?.selectionStart ?? value.length;
    const { text, cursor } = insertPlaceholder(value, nextName, at);
    pendingCursor.current = cursor;
    onChange(text);
    onAddVariable(nextName);
  };

  return (
    <div className="space-y-2">
      <div className="relative rounded-lg border border-zinc-200 bg-white shadow-xs transition-colors focus-within:border-brand-500 focus-within:ring-3 focus-within:ring-brand-500/15 hover:border-zinc-300">
        <div aria-hidden="true" data-testid="prompt-mirror" className={cn(TEXT, "pointer-events-none absolute inset-0 overflow-hidden text-zinc-900")}>
          {value ? (
            promptSegments(value).map((s) =>
              s.variable ? (
                <mark
                  key={s.start}
                  className={cn("rounded-sm", knownSet.has(s.variable) ? "bg-brand-100 text-brand-700" : "bg-amber-100 text-amber-800")}
                >
                  {s.text}
                </mark>
              ) : (
                <span key={s.start}>{s.text}</span>
              ),
            )
          ) : (
            <span className="text-zinc-400">{placeholder}</span>
          )}
          {/* A trailing newline needs something after it to take up its line. */}
          {"\u200b"}
        </div>
        <textarea
          ref={ref}
          aria-label="Prompt"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          spellCheck={false}
          rows={6}
          className={cn(
            TEXT,
            "relative block min-h-40 w-full resize-none overflow-hidden bg-transparent text-transparent caret-zinc-900 outline-none selection:bg-brand-200/70 selection:text-transparent disabled:cursor-not-allowed",
          )}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500">
          Type <code className="rounded bg-zinc-100 px-1 font-mono text-[11px] text-zinc-700">{"{{name}}"}</code> to insert a variable the user fills in.
        </p>
        <Button size="sm" variant="ghost" icon={<PlusIcon className="size-3.5" />} onClick={addVariable} disabled={disabled}>
          Add variable
        </Button>
      </div>
      {missing.length > 0 && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
          <BracesIcon className="size-4 text-amber-500" />
          <span className="min-w-0 flex-1">
            {missing.map((m, i) => (
              <span key={m}>
                {i > 0 && ", "}
                <code className="font-mono text-xs">{m}</code>
              </span>
            ))}{" "}
            {missing.length === 1 ? "is" : "are"} in the prompt but not in Variables, so users can't fill {missing.length === 1 ? "it" : "them"} in.
          </span>
          <Button size="sm" onClick={onAddMissing} disabled={disabled}>
            Add to variables
          </Button>
        </div>
      )}
    </div>
  );
}
