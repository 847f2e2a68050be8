// The chunk settings form: automatic, custom (separator, size, overlap, cleaning) or parent-child.
import type { ReactNode } from "react";
import { Alert } from "../../../components/ui/alert";
import { Field, Input } from "../../../components/ui/input";
import { CHUNK_MODES, type ChunkSettings, chunkProblem, MAX_TOKENS, MIN_TOKENS } from "../lib/process-rule";
import { ChoiceCards } from "./choice-cards";
import { Segmented } from "./segmented";

interface ChunkSettingsFormProps {
  value: ChunkSettings;
  onChange: (value: ChunkSettings) => void;
  disabled?: boolean;
}

const SEPARATOR_HINT = "\\n\\n paragraphs, \\n lines, or any text.";

function NumberField({ label, value, onChange, hint, disabled, min = 0 }: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  hint?: ReactNode;
  disabled?: boolean;
  min?: number;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id, describedBy) => (
        <Input
          id={id}
          aria-describedby={describedBy}
          type="number"
          min={min}
          max={MAX_TOKENS}
          disabled={disabled}
          value={Number.isNaN(value) ? "" : value}
          onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

function TextField({ label, value, onChange, hint, disabled }: {
  label: string;
  value: string;
  onChange: (s: string) => void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id, describedBy) => (
        <Input id={id} aria-describedby={describedBy} className="font-mono" disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function Check({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (b: boolean) => void; disabled?: boolean }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-[13px] text-zinc-700">
      <input
        type="checkbox"
        className="size-4 cursor-pointer rounded border-zinc-300 accent-brand-500"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

export function ChunkSettingsForm({ value: s, onChange, disabled }: ChunkSettingsFormProps) {
  const set = (change: Partial<ChunkSettings>) => onChange({ ...s, ...change });
  const problem = chunkProblem(s);
  const range = `${MIN_TOKENS}–${MAX_TOKENS} tokens.`;
  return (
    <div className="space-y-4" data-testid="chunk-settings">
      <ChoiceCards
        label="Chunk mode"
        columns={1}
        value={s.mode}
        disabled={disabled}
        options={CHUNK_MODES}
        onChange={(mode) => set({ mode })}
      />
      {s.mode === "custom" && (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="Separator" value={s.separator} onChange={(separator) => set({ separator })} hint={SEPARATOR_HINT} disabled={disabled} />
          <NumberField label="Maximum chunk length" value={s.maxTokens} onChange={(maxTokens) => set({ maxTokens })} hint={range} disabled={disabled} min={MIN_TOKENS} />
          <NumberField label="Chunk overlap" value={s.overlap} onChange={(overlap) => set({ overlap })} hint="Tokens shared with the previous chunk." disabled={disabled} />
        </div>
      )}
      {s.mode === "hierarchical" && (
        <div className="space-y-4">
          <div className="space-y-3 rounded-lg border border-zinc-200 p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-[13px] font-semibold text-zinc-800">Parent chunk</p>
              <Segmented
                label="Parent chunk"
                size="sm"
                value={s.parentMode}
                onChange={(parentMode) => set({ parentMode })}
                options={[
                  { value: "paragraph", label: "Paragraph" },
                  { value: "full-doc", label: "Full document" },
                ]}
              />
            </div>
            {s.parentMode === "paragraph" ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField label="Parent separator" value={s.parentSeparator} onChange={(parentSeparator) => set({ parentSeparator })} hint={SEPARATOR_HINT} disabled={disabled} />
                <NumberField label="Parent maximum length" value={s.parentMaxTokens} onChange={(parentMaxTokens) => set({ parentMaxTokens })} hint={range} disabled={disabled} min={MIN_TOKENS} />
              </div>
            ) : (
              <p className="text-xs text-zinc-500">The whole document is the parent (up to 10,000 tokens); it is handed to the model whenever one of its children matches.</p>
            )}
          </div>
          <div className="space-y-3 rounded-lg border border-zinc-200 p-3">
            <p className="text-[13px] font-semibold text-zinc-800">Child chunk</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label="Child separator" value={s.childSeparator} onChange={(childSeparator) => set({ childSeparator })} hint={SEPARATOR_HINT} disabled={disabled} />
              <NumberField label="Child maximum length" value={s.childMaxTokens} onChange={(childMaxTokens) => set({ childMaxTokens })} hint={range} disabled={disabled} min={MIN_TOKENS} />
            </div>
          </div>
        </div>
      )}
      {s.mode !== "automatic" && (
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Check label="Replace consecutive spaces, newlines and tabs" checked={s.removeExtraSpaces} onChange={(removeExtraSpaces) => set({ removeExtraSpaces })} disabled={disabled} />
          <Check label="Remove all URLs and e-mail addresses" checked={s.removeUrlsEmails} onChange={(removeUrlsEmails) => set({ removeUrlsEmails })} disabled={disabled} />
        </div>
      )}
      {problem && <Alert tone="warning">{problem}</Alert>}
    </div>
  );
}
