// Keywords as removable chips; Enter or a comma adds the typed one.
import { type KeyboardEvent, useState } from "react";
import { XIcon } from "../../../components/ui/icons";
import { fieldClasses } from "../../../components/ui/input";

export function KeywordInput({ value, onChange, disabled, id }: { value: string[]; onChange: (v: string[]) => void; disabled?: boolean; id?: string }) {
  const [draft, setDraft] = useState("");

  const commit = () => {
    const word = draft.trim().replace(/,$/, "");
    if (word && !value.includes(word)) onChange([...value, word]);
    setDraft("");
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      commit();
    } else if (e.key === "Backspace" && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className={fieldClasses("flex min-h-9 flex-wrap items-center gap-1.5 py-1.5")} data-testid="keyword-input">
      {value.map((k) => (
        <span key={k} className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 ring-1 ring-zinc-200" data-testid="keyword-chip">
          {k}
          <button
            type="button"
            disabled={disabled}
            onClick={() => onChange(value.filter((x) => x !== k))}
            aria-label={`Remove keyword ${k}`}
            className="cursor-pointer text-zinc-400 hover:text-zinc-700"
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      <input
        id={id}
        value={draft}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onBlur={commit}
        placeholder={value.length ? "" : "Type a keyword and press Enter"}
        aria-label="Add a keyword"
        className="min-w-32 flex-1 bg-transparent text-[13px] outline-none placeholder:text-zinc-400"
      />
    </div>
  );
}
