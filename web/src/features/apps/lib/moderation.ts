// Keyword moderation as the editor shows it, and Dify's `sensitive_word_avoidance` it saves:
// `{ enabled, type: "keywords", configs: { keywords: "a\nb", inputs_config, outputs_config } }`.
import type { SensitiveWordAvoidance } from "../api/types";

export interface ModerationForm {
  enabled: boolean;
  keywords: string;
  inputsEnabled: boolean;
  inputsReply: string;
  outputsEnabled: boolean;
  outputsReply: string;
}

export const DEFAULT_REPLY = "Sorry, I can't help with that.";

export function readModeration(s: SensitiveWordAvoidance | undefined): ModerationForm {
  const configs = s && !Array.isArray(s.configs) && typeof s.configs === "object" && s.configs ? s.configs : {};
  const c = configs as {
    keywords?: string;
    inputs_config?: { enabled?: boolean; preset_response?: string };
    outputs_config?: { enabled?: boolean; preset_response?: string };
  };
  return {
    enabled: Boolean(s?.enabled) && (s?.type === "keywords" || !s?.type),
    keywords: c.keywords ?? "",
    inputsEnabled: c.inputs_config?.enabled ?? true,
    inputsReply: c.inputs_config?.preset_response ?? DEFAULT_REPLY,
    outputsEnabled: c.outputs_config?.enabled ?? false,
    outputsReply: c.outputs_config?.preset_response ?? DEFAULT_REPLY,
  };
}

export function writeModeration(f: ModerationForm): SensitiveWordAvoidance {
  return {
    enabled: f.enabled,
    type: "keywords",
    configs: {
      keywords: f.keywords,
      inputs_config: { enabled: f.inputsEnabled, preset_response: f.inputsReply },
      outputs_config: { enabled: f.outputsEnabled, preset_response: f.outputsReply },
    },
  };
}

export function keywordList(keywords: string): string[] {
  return keywords
    .split(/\r?\n/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** What keeps moderation from doing anything, in words; null when it will work. */
export function moderationProblem(f: ModerationForm): string | null {
  if (!f.enabled) return null;
  if (keywordList(f.keywords).length === 0) return "Add at least one keyword, one per line; until then nothing is moderated.";
  if (!f.inputsEnabled && !f.outputsEnabled) return "Turn on moderation of inputs, outputs or both.";
  return null;
}
