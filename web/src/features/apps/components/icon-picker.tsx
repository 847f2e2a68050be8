import { cn } from "../../../lib/cn";
import { APP_BACKGROUNDS, APP_EMOJIS } from "../lib/app-rules";
import { AppIcon } from "./app-icon";

interface IconPickerProps {
  icon: string;
  background: string;
  onChange: (value: { icon: string; icon_background: string }) => void;
  disabled?: boolean;
}

/** An emoji and a background colour for the app's icon. */
export function IconPicker({ icon, background, onChange, disabled }: IconPickerProps) {
  return (
    <div className="flex gap-4 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3">
      <AppIcon icon={icon} background={background} size="lg" />
      <div className="min-w-0 flex-1 space-y-3">
        <div role="radiogroup" aria-label="Icon" className="flex flex-wrap gap-1">
          {APP_EMOJIS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              role="radio"
              aria-checked={emoji === icon}
              aria-label={`Icon ${emoji}`}
              disabled={disabled}
              onClick={() => onChange({ icon: emoji, icon_background: background })}
              className={cn(
                "flex size-8 cursor-pointer items-center justify-center rounded-md text-lg transition-colors hover:bg-white",
                emoji === icon && "bg-white shadow-card ring-1 ring-brand-400",
              )}
            >
              {emoji}
            </button>
          ))}
        </div>
        <div role="radiogroup" aria-label="Background" className="flex flex-wrap gap-1.5">
          {APP_BACKGROUNDS.map((color) => (
            <button
              key={color}
              type="button"
              role="radio"
              aria-checked={color === background}
              aria-label={`Background ${color}`}
              disabled={disabled}
              onClick={() => onChange({ icon, icon_background: color })}
              className={cn(
                "size-6 cursor-pointer rounded-full ring-1 ring-black/10 transition-transform ring-inset hover:scale-110",
                color === background && "ring-2 ring-brand-500 ring-offset-2",
              )}
              style={{ background: color }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
