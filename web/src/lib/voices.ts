// The voices an app's answers can be read aloud in: OpenAI's, which Kiln's speech models speak
// (src/models/speech.ts reads `text_to_speech.voice`, alloy when none is set).
export const VOICES = ["alloy", "echo", "fable", "onyx", "nova", "shimmer"] as const;
export const DEFAULT_VOICE = "alloy";

export const voiceOptions = VOICES.map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) }));
