// A tool's file parameter in the test form: a file's URL, or a file uploaded from this computer
// (stored through the console, then sent as Dify's local file object).
import { useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { PaperclipIcon, XIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { errorMessage } from "../../../lib/api";
import { uploadToolFile } from "../api/upload-file";
import { uploadedFileName, uploadedFileValue } from "../lib/param-values";

interface FileParamInputProps {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
}

export function FileParamInput({ id, name, value, onChange, disabled, describedBy, invalid }: FileParamInputProps) {
  const picker = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uploaded = uploadedFileName(value);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const stored = await uploadToolFile(file);
      onChange(uploadedFileValue(stored.id, file.name));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
      if (picker.current) picker.current.value = "";
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        {uploaded ? (
          <span className="flex h-9 min-w-0 flex-1 items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 text-sm text-zinc-800" data-testid={`tool-param-${name}-file`}>
            <PaperclipIcon className="size-4 shrink-0 text-zinc-400" />
            <span className="truncate">{uploaded}</span>
            <button type="button" className="ml-auto text-zinc-400 hover:text-zinc-700" aria-label={`Remove ${uploaded}`} disabled={disabled} onClick={() => onChange("")}>
              <XIcon className="size-4" />
            </button>
          </span>
        ) : (
          <Input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            disabled={disabled || uploading}
            data-testid={`tool-param-${name}`}
            type="url"
            placeholder="https://… (the file's URL), or upload one"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            className="flex-1"
          />
        )}
        <Button type="button" size="md" variant="secondary" icon={<PaperclipIcon className="size-4" />} loading={uploading} disabled={disabled} onClick={() => picker.current?.click()}>
          Upload
        </Button>
        <input ref={picker} type="file" className="hidden" data-testid={`tool-param-${name}-upload`} onChange={(e) => void upload(e.target.files?.[0])} />
      </div>
      {error && <p className="text-xs text-red-600">Upload failed: {error}</p>}
    </div>
  );
}
