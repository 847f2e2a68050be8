import { cn } from "../../lib/cn";

interface SegmentedProps<T extends string> {
  /** The group's accessible name. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A small two-or-more-way switch: one pressed button per option, in a labelled group. */
export function Segmented<T extends string>({ label, options, value, onChange, disabled }: SegmentedProps<T>) {
  return (
    <div className="flex rounded-md border border-zinc-200 p-0.5 text-[11px]" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          disabled={disabled}
          onClick={() => onChange(o.value)}
          className={cn("cursor-pointer rounded px-1.5 py-0.5", value === o.value ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100")}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
