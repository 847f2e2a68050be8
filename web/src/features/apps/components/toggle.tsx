import { cn } from "../../../lib/cn";

interface ToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  /** Hides the label visually; it stays the switch's accessible name. */
  hideLabel?: boolean;
  disabled?: boolean;
  className?: string;
}

/** An on/off switch (`role="switch"`) with its label. */
export function Toggle({ checked, onChange, label, hideLabel, disabled, className }: ToggleProps) {
  return (
    <label className={cn("inline-flex cursor-pointer items-center gap-2 text-[13px] text-zinc-700", disabled && "cursor-not-allowed opacity-60", className)}>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={hideLabel ? label : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={cn(
          "relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed",
          checked ? "bg-brand-500" : "bg-zinc-300",
        )}
      >
        <span
          className={cn(
            "inline-block size-4 rounded-full bg-white shadow-sm transition-transform",
            checked ? "translate-x-[18px]" : "translate-x-0.5",
          )}
        />
      </button>
      {!hideLabel && <span>{label}</span>}
    </label>
  );
}
