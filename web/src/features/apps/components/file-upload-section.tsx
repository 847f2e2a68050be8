// The Prompt IDE's file upload feature (Dify's `file_upload`): visitors attach files to a
// message in the WebApp (and Service API callers send `files`): which kinds, how many, and how.
// Images reach vision models; other files are kept with the message.
import type { Dispatch, SetStateAction } from "react";
import { FileUploadOptions } from "../../../components/file-upload-options";
import { PaperclipIcon } from "../../../components/ui/icons";
import { type FullFileUploadSetting, fileUploadSetting, withFileUpload } from "../../../lib/file-inputs";
import type { ModelConfig } from "../api/types";
import { ConfigSection } from "./config-section";
import { Toggle } from "./toggle";

export function FileUploadSection({ draft, setDraft, disabled }: { draft: ModelConfig; setDraft: Dispatch<SetStateAction<ModelConfig>>; disabled?: boolean }) {
  const setting = fileUploadSetting(draft.file_upload);
  const update = (patch: Partial<FullFileUploadSetting>) => setDraft((d) => ({ ...d, file_upload: withFileUpload(d.file_upload, patch) }));
  return (
    <ConfigSection
      icon={<PaperclipIcon />}
      title="File upload"
      description="Visitors attach files to their message; images reach vision models."
      testId="file-upload-section"
      actions={<Toggle label="File upload" hideLabel checked={setting.enabled} disabled={disabled} onChange={(enabled) => update({ enabled })} />}
    >
      {setting.enabled ? <FileUploadOptions setting={setting} onChange={update} disabled={disabled} /> : undefined}
    </ConfigSection>
  );
}
