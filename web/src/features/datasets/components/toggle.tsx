import { cn } from "../../../lib/cn";

interface ToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  /** Hides the label visually; it stays the switch's accessible name. */
  hideLabel?: boolean;
  disabled?: boolean;
  size?: "sm" | "md";
  className?: string;
}

/** An on/off switch (`role="switch"`) with its label. */
export function Toggle({ checked, onChange, label, hideLabel, disabled, size = "md", className }: ToggleProps) {
  const small = size === "sm";
  return (
    <label
      className={cn(
        "inline-flex cursor-pointer items-center gap-2 text-[13px] text-zinc-700",
        disabled && "cursor-not-allowed opacity-60",
        className,
      )}
    >
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={hideLabel ? label : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={cn(
          "relative inline-flex shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed",
          small ? "h-4 w-7" : "h-5 w-9",
          checked ? "bg-brand-500" : "bg-zinc-300",
        )}
      >
        <span
          className={cn(
            "inline-block rounded-full bg-white shadow-sm transition-transform",
            small ? "size-3" : "size-4",
            checked ? (small ? "translate-x-[14px]" : "translate-x-[18px]") : "translate-x-0.5",
          )}
        />
      </button>
      {!hideLabel && <span>{label}</span>}
    </label>
  );
}
