// The Prompt IDE's file upload feature (Dify's `file_upload`): visitors attach files to a
// message in the WebApp (and Service API callers send `files`): which kinds, and how many.
// Images reach vision models; other files are kept with the message.
import type { Dispatch, SetStateAction } from "react";
import { PaperclipIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import type { ModelConfig } from "../api/types";
import { ConfigSection } from "./config-section";
import { Toggle } from "./toggle";

const KINDS = [
  ["image", "Images"],
  ["document", "Documents"],
  ["audio", "Audio"],
  ["video", "Video"],
] as const;

interface FileUploadSetting {
  enabled?: boolean;
  allowed_file_types?: string[];
  allowed_file_upload_methods?: string[];
  number_limits?: number;
  [key: string]: unknown;
}

/** The setting in Dify's current shape, from whatever the draft holds (absent, new or old). */
function settingOf(draft: ModelConfig): Required<Pick<FileUploadSetting, "enabled" | "allowed_file_types" | "number_limits">> & FileUploadSetting {
  const raw = (draft.file_upload ?? {}) as FileUploadSetting & { image?: { enabled?: boolean; number_limits?: number } };
  const enabled = raw.enabled === true || raw.image?.enabled === true;
  const types = Array.isArray(raw.allowed_file_types) && raw.allowed_file_types.length ? raw.allowed_file_types : ["image"];
  const limit = Number(raw.number_limits ?? raw.image?.number_limits ?? 3);
  return { ...raw, enabled, allowed_file_types: types, number_limits: Number.isInteger(limit) && limit > 0 ? limit : 3 };
}

export function FileUploadSection({ draft, setDraft, disabled }: { draft: ModelConfig; setDraft: Dispatch<SetStateAction<ModelConfig>>; disabled?: boolean }) {
  const setting = settingOf(draft);
  const update = (patch: Partial<FileUploadSetting>) =>
    setDraft((d) => {
      const next = { ...settingOf(d), ...patch };
      return {
        ...d,
        file_upload: {
          ...next,
          allowed_file_upload_methods: next.allowed_file_upload_methods ?? ["local_file", "remote_url"],
          // Dify's older clients read the image block.
          image: { enabled: next.enabled && next.allowed_file_types.includes("image"), number_limits: next.number_limits, detail: "high", transfer_methods: ["local_file", "remote_url"] },
        },
      };
    });
  return (
    <ConfigSection
      icon={<PaperclipIcon />}
      title="File upload"
      description="Visitors attach files to their message; images reach vision models."
      testId="file-upload-section"
      actions={<Toggle label="File upload" hideLabel checked={setting.enabled} disabled={disabled} onChange={(enabled) => update({ enabled })} />}
    >
      {setting.enabled ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-[13px] text-zinc-700">
          {KINDS.map(([kind, label]) => (
            <label key={kind} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={setting.allowed_file_types.includes(kind)}
                disabled={disabled || (setting.allowed_file_types.length === 1 && setting.allowed_file_types.includes(kind))}
                onChange={(e) =>
                  update({
                    allowed_file_types: e.target.checked
                      ? [...setting.allowed_file_types, kind]
                      : setting.allowed_file_types.filter((t) => t !== kind),
                  })
                }
              />
              {label}
            </label>
          ))}
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
                if (Number.isFinite(n)) update({ number_limits: Math.min(Math.max(n, 1), 10) });
              }}
            />
            files
          </label>
        </div>
      ) : undefined}
    </ConfigSection>
  );
}
