// What a message's files may be, for an app's or chatflow's file upload setting (Dify's
// `file_upload`): which kinds, how many, and whether from the device, a link, or both. The
// Prompt IDE and the chatflow Features dialog show the same controls.
import type { FullFileUploadSetting } from "../lib/file-inputs";
import { Input } from "./ui/input";

const KINDS = [
  ["image", "Images"],
  ["document", "Documents"],
  ["audio", "Audio"],
  ["video", "Video"],
] as const;

const METHODS = [
  ["local_file", "From the device"],
  ["remote_url", "From a link"],
] as const;

/** A checkbox group where at least one box stays ticked. */
function Choices({ label, options, chosen, disabled, onChange }: { label: string; options: readonly (readonly [string, string])[]; chosen: string[]; disabled?: boolean; onChange: (next: string[]) => void }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <legend className="sr-only">{label}</legend>
      {options.map(([value, text]) => (
        <label key={value} className="inline-flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            disabled={disabled || (chosen.length === 1 && chosen.includes(value))}
            onChange={(e) => onChange(e.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))}
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

export function FileUploadOptions({ setting, onChange, disabled }: { setting: FullFileUploadSetting; onChange: (patch: Partial<FullFileUploadSetting>) => void; disabled?: boolean }) {
  return (
    <div className="flex flex-col gap-2 text-[13px] text-zinc-700" data-testid="file-upload-options">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Choices label="File kinds" options={KINDS} chosen={setting.allowed_file_types} disabled={disabled} onChange={(allowed_file_types) => onChange({ allowed_file_types })} />
        <label className="inline-flex items-center gap-2 whitespace-nowrap">
          Up to
          <Input
            type="number"
            aria-label="Files per message"
            min={1}
            max={10}
            className="h-8 w-16"
            value={setting.number_limits}
            disabled={disabled}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n)) onChange({ number_limits: Math.min(Math.max(n, 1), 10) });
            }}
          />
          files
        </label>
      </div>
      <Choices
        label="Upload methods"
        options={METHODS}
        chosen={setting.allowed_file_upload_methods}
        disabled={disabled}
        onChange={(allowed_file_upload_methods) => onChange({ allowed_file_upload_methods })}
      />
    </div>
  );
}
