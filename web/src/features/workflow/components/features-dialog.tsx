// A chatflow's features (Dify's Features panel): the opening statement and starter questions the
// WebApp shows, follow-up suggestions, citations, file upload (kinds, count, device or link), and the speech switches. They are saved in the
// draft's `features`, as Dify stores them; keys this dialog does not know are kept.
import { useEffect, useState } from "react";
import { FileUploadOptions } from "../../../components/file-upload-options";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { Select } from "../../../components/ui/select";
import { type FullFileUploadSetting, fileUploadSetting, withFileUpload } from "../../../lib/file-inputs";
import { DEFAULT_VOICE, voiceOptions } from "../../../lib/voices";
import { AddButton, RemoveButton, SaveFooter } from "./fields";
import { removeAt, replaceAt } from "./forms/form-props";

type Features = Record<string, unknown>;

const switchOf = (features: Features, key: string): Record<string, unknown> => {
  const v = features[key];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

interface State {
  opening: string;
  questions: string[];
  followUps: boolean;
  citations: boolean;
  stt: boolean;
  tts: boolean;
  voice: string;
  files: FullFileUploadSetting;
}

function read(features: Features): State {
  const tts = switchOf(features, "text_to_speech");
  return {
    opening: typeof features.opening_statement === "string" ? features.opening_statement : "",
    questions: Array.isArray(features.suggested_questions) ? features.suggested_questions.map(String) : [],
    followUps: switchOf(features, "suggested_questions_after_answer").enabled === true,
    citations: switchOf(features, "retriever_resource").enabled === true,
    stt: switchOf(features, "speech_to_text").enabled === true,
    tts: tts.enabled === true,
    voice: typeof tts.voice === "string" && tts.voice ? tts.voice : DEFAULT_VOICE,
    files: fileUploadSetting(features.file_upload),
  };
}

function write(features: Features, s: State): Features {
  return {
    ...features,
    opening_statement: s.opening,
    suggested_questions: s.questions.map((q) => q.trim()).filter(Boolean),
    suggested_questions_after_answer: { ...switchOf(features, "suggested_questions_after_answer"), enabled: s.followUps },
    retriever_resource: { ...switchOf(features, "retriever_resource"), enabled: s.citations },
    speech_to_text: { ...switchOf(features, "speech_to_text"), enabled: s.stt },
    text_to_speech: { ...switchOf(features, "text_to_speech"), enabled: s.tts, voice: s.voice },
    file_upload: withFileUpload(features.file_upload, s.files),
  };
}

function Check({ label, hint, checked, onChange, disabled }: { label: string; hint: string; checked: boolean; onChange: (on: boolean) => void; disabled: boolean }) {
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 px-3 py-2.5">
      <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="block text-sm font-medium text-zinc-900">{label}</span>
        <span className="block text-xs text-zinc-500">{hint}</span>
      </span>
    </label>
  );
}

export function FeaturesDialog({ open, value, onClose, onSave, readOnly }: { open: boolean; value: Features; onClose: () => void; onSave: (next: Features) => void; readOnly: boolean }) {
  const [state, setState] = useState<State>(() => read(value));
  useEffect(() => {
    if (open) setState(read(value));
  }, [open, value]);
  const set = (patch: Partial<State>) => setState((s) => ({ ...s, ...patch }));
  const save = () => {
    onSave(write(value, state));
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Features"
      description="What the WebApp and the API offer around this chatflow's answers. Saved with the draft; published with the next version."
      footer={<SaveFooter onCancel={onClose} onSave={save} readOnly={readOnly} />}
    >
      <div className="space-y-4">
        <Field label="Opening statement" hint="Shown before the user's first message." optional>
          {(id, describedBy) => (
            <Textarea
              id={id}
              aria-describedby={describedBy}
              rows={3}
              value={state.opening}
              disabled={readOnly}
              onChange={(e) => set({ opening: e.target.value })}
              placeholder="Hi! I can help you with…"
            />
          )}
        </Field>
        <div className="space-y-2">
          <p className="text-sm font-medium text-zinc-900">Starter questions</p>
          {state.questions.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered.
            <div key={i} className="flex items-center gap-2">
              <Input aria-label={`Starter question ${i + 1}`} value={q} disabled={readOnly} onChange={(e) => set({ questions: replaceAt(state.questions, i, e.target.value) })} />
              {!readOnly && <RemoveButton label={`Remove starter question ${i + 1}`} onClick={() => set({ questions: removeAt(state.questions, i) })} />}
            </div>
          ))}
          {!readOnly && state.questions.length < 10 && <AddButton onClick={() => set({ questions: [...state.questions, ""] })}>Add question</AddButton>}
        </div>
        <div className="grid gap-2 sm:grid-cols-2">
          <Check label="Follow-up suggestions" hint="Three questions the user might ask next, after each answer." checked={state.followUps} disabled={readOnly} onChange={(followUps) => set({ followUps })} />
          <Check label="Citations" hint="Show the knowledge the answer drew on." checked={state.citations} disabled={readOnly} onChange={(citations) => set({ citations })} />
          <Check label="Speech to text" hint="A microphone in the WebApp's message box (needs a speech-to-text model)." checked={state.stt} disabled={readOnly} onChange={(stt) => set({ stt })} />
          <Check label="Text to speech" hint="Read aloud under each answer (needs a text-to-speech model)." checked={state.tts} disabled={readOnly} onChange={(tts) => set({ tts })} />
          <Check
            label="File upload"
            hint="Visitors attach files to their message (sys.files); images by default."
            checked={state.files.enabled}
            disabled={readOnly}
            onChange={(enabled) => set({ files: { ...state.files, enabled } })}
          />
        </div>
        {state.files.enabled && (
          <div className="rounded-lg border border-zinc-200 px-3 py-2.5">
            <p className="mb-2 text-sm font-medium text-zinc-900">Files a message may carry</p>
            <FileUploadOptions setting={state.files} disabled={readOnly} onChange={(patch) => set({ files: { ...state.files, ...patch } })} />
          </div>
        )}
        {state.tts && (
          <Field label="Voice">
            {(id) => <Select id={id} value={state.voice} disabled={readOnly} onChange={(e) => set({ voice: e.target.value })} options={voiceOptions} />}
          </Field>
        )}
      </div>
    </Dialog>
  );
}
