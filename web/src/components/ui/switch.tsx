import { cn } from "../../lib/cn";

interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The accessible name. */
  label: string;
  disabled?: boolean;
  size?: "sm" | "md";
  "data-testid"?: string;
}

const SIZES = {
  sm: { track: "h-4 w-7", knob: "size-3", on: "translate-x-[14px]" },
  md: { track: "h-5 w-9", knob: "size-4", on: "translate-x-[18px]" },
};

/** An on/off switch (role="switch"). */
export function Switch({ checked, onChange, label, disabled, size = "md", "data-testid": testId }: SwitchProps) {
  const s = SIZES[size];
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      data-testid={testId}
      className={cn(
        "relative inline-flex shrink-0 cursor-pointer items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60",
        s.track,
        checked ? "bg-brand-500" : "bg-zinc-300",
      )}
    >
      <span className={cn("inline-block rounded-full bg-white shadow-sm transition-transform", s.knob, checked ? s.on : "translate-x-0.5")} />
    </button>
  );
}
