// The Prompt IDE's speech features: a microphone in the WebApp's message box (chat apps) and
// answers read aloud, with the voice. Both need a speech model the workspace may not have.
import type { Dispatch, SetStateAction } from "react";
import { Link } from "react-router-dom";
import { MicIcon, SpeakerIcon } from "../../../components/ui/icons";
import { Select } from "../../../components/ui/select";
import { type SpeechModelType, useSpeechModel } from "../api/get-speech-model";
import type { EasyMode, ModelConfig } from "../api/types";
import { isChatMode } from "../lib/app-rules";
import { withSpeechToText, withTextToSpeech } from "../lib/draft";
import { DEFAULT_VOICE, voiceOptions } from "../../../lib/voices";
import { ConfigSection } from "./config-section";
import { Toggle } from "./toggle";

const EXAMPLE: Record<SpeechModelType, string> = { speech2text: "whisper-1", tts: "tts-1" };

/** Said when the workspace has no model of `type`: the feature would only answer with an error. */
function NoSpeechModel({ type }: { type: SpeechModelType }) {
  return (
    <p className="text-xs text-amber-700" data-testid={`no-${type}-model-hint`}>
      This workspace has no {type === "tts" ? "text-to-speech" : "speech-to-text"} model yet, so the WebApp can't use it. Add one (e.g.
      OpenAI {EXAMPLE[type]}) in{" "}
      <Link to="/settings/model-providers" className="font-medium underline underline-offset-2">
        Model providers
      </Link>
      .
    </p>
  );
}

interface SpeechSectionProps {
  mode: EasyMode;
  draft: ModelConfig;
  setDraft: Dispatch<SetStateAction<ModelConfig>>;
  disabled?: boolean;
}

export function SpeechSection({ mode, draft, setDraft, disabled }: SpeechSectionProps) {
  const sttOn = Boolean(draft.speech_to_text?.enabled);
  const ttsOn = Boolean(draft.text_to_speech?.enabled);
  const voice = draft.text_to_speech?.voice || DEFAULT_VOICE;
  // `data` is null (not undefined) once the server has said there is no such model.
  const noSttModel = useSpeechModel("speech2text").data === null;
  const noTtsModel = useSpeechModel("tts").data === null;
  return (
    <>
      {isChatMode(mode) && (
        <ConfigSection
          icon={<MicIcon />}
          title="Speech to text"
          description="A microphone in the WebApp's message box: visitors speak their question."
          testId="speech-to-text-section"
          actions={
            <Toggle
              label="Speech to text"
              hideLabel
              checked={sttOn}
              disabled={disabled}
              onChange={(enabled) => setDraft((d) => withSpeechToText(d, enabled))}
            />
          }
        >
          {sttOn && noSttModel ? <NoSpeechModel type="speech2text" /> : undefined}
        </ConfigSection>
      )}

      <ConfigSection
        icon={<SpeakerIcon />}
        title="Text to speech"
        description="A Read aloud button under each answer in the WebApp."
        testId="text-to-speech-section"
        actions={
          <Toggle
            label="Text to speech"
            hideLabel
            checked={ttsOn}
            disabled={disabled}
            onChange={(enabled) => setDraft((d) => withTextToSpeech(d, { enabled }))}
          />
        }
      >
        {ttsOn ? (
          <div className="space-y-2">
            <label className="flex items-center gap-3 text-[13px] text-zinc-700">
              Voice
              <Select
                aria-label="Voice"
                value={voice}
                options={voiceOptions}
                disabled={disabled}
                onChange={(e) => setDraft((d) => withTextToSpeech(d, { voice: e.target.value }))}
                wrapperClassName="w-40"
                className="h-8 text-[13px]"
              />
            </label>
            {noTtsModel && <NoSpeechModel type="tts" />}
          </div>
        ) : undefined}
      </ConfigSection>
    </>
  );
}
