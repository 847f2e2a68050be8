import { cn } from "../../../lib/cn";

interface ChoiceCardsProps<T extends string> {
  label: string;
  value: T;
  options: { value: T; label: string; description: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
  columns?: 1 | 2 | 3;
}

/** Radio choices drawn as cards with a sentence each (index mode, chunk mode). */
export function ChoiceCards<T extends string>({ label, value, options, onChange, disabled, columns = 2 }: ChoiceCardsProps<T>) {
  return (
    <div role="radiogroup" aria-label={label} className={cn("grid gap-2.5", columns === 3 ? "sm:grid-cols-3" : columns === 2 ? "sm:grid-cols-2" : "grid-cols-1")}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          disabled={disabled}
          onClick={() => onChange(o.value)}
          className={cn(
            "flex cursor-pointer flex-col items-start gap-1 rounded-xl border p-3 text-left transition-colors disabled:cursor-not-allowed disabled:opacity-60",
            value === o.value
              ? "border-brand-400 bg-brand-50/60 ring-3 ring-brand-500/15"
              : "border-zinc-200 bg-white hover:border-zinc-300 hover:bg-zinc-50",
          )}
        >
          <span className="flex items-center gap-2 text-[13px] font-semibold text-zinc-900">
            <span
              className={cn(
                "flex size-3.5 items-center justify-center rounded-full border",
                value === o.value ? "border-brand-500" : "border-zinc-300",
              )}
            >
              {value === o.value && <span className="size-1.5 rounded-full bg-brand-500" />}
            </span>
            {o.label}
          </span>
          <span className="text-xs leading-snug text-zinc-500">{o.description}</span>
        </button>
      ))}
    </div>
  );
}
