// The chunk settings form ⇄ Dify's `process_rule`. Separators are edited and sent escaped ("\n\n"
// as four characters), as Dify's own console does; the server unescapes them.
import type { DocForm, ProcessRule } from "../api/types";

export type ChunkMode = ProcessRule["mode"];

export interface ChunkSettings {
  mode: ChunkMode;
  separator: string;
  maxTokens: number;
  overlap: number;
  removeExtraSpaces: boolean;
  removeUrlsEmails: boolean;
  parentMode: "paragraph" | "full-doc";
  parentSeparator: string;
  parentMaxTokens: number;
  childSeparator: string;
  childMaxTokens: number;
}

export const MIN_TOKENS = 50;
export const MAX_TOKENS = 4000;

/** Dify's console defaults: custom chunks of 1024 tokens with 50 overlap; children of 512. */
export const DEFAULT_CHUNK_SETTINGS: ChunkSettings = {
  mode: "automatic",
  separator: "\\n\\n",
  maxTokens: 1024,
  overlap: 50,
  removeExtraSpaces: true,
  removeUrlsEmails: false,
  parentMode: "paragraph",
  parentSeparator: "\\n\\n",
  parentMaxTokens: 1024,
  childSeparator: "\\n",
  childMaxTokens: 512,
};

export const CHUNK_MODES: { value: ChunkMode; label: string; description: string }[] = [
  { value: "automatic", label: "Automatic", description: "Kiln picks the separators and a chunk size that suit most documents." },
  { value: "custom", label: "Custom", description: "Choose the separator, the chunk size and how much neighbouring chunks overlap." },
  {
    value: "hierarchical",
    label: "Parent-child",
    description: "Small child chunks are matched; their larger parent is handed to the model for context.",
  },
];

export function toProcessRule(s: ChunkSettings): ProcessRule {
  if (s.mode === "automatic") return { mode: "automatic" };
  const pre_processing_rules = [
    { id: "remove_extra_spaces" as const, enabled: s.removeExtraSpaces },
    { id: "remove_urls_emails" as const, enabled: s.removeUrlsEmails },
  ];
  if (s.mode === "custom") {
    return {
      mode: "custom",
      rules: { pre_processing_rules, segmentation: { separator: s.separator, max_tokens: s.maxTokens, chunk_overlap: s.overlap } },
    };
  }
  return {
    mode: "hierarchical",
    rules: {
      pre_processing_rules,
      segmentation: { separator: s.parentSeparator, max_tokens: s.parentMaxTokens, chunk_overlap: 0 },
      parent_mode: s.parentMode,
      subchunk_segmentation: { separator: s.childSeparator, max_tokens: s.childMaxTokens, chunk_overlap: 0 },
    },
  };
}

/** The form for a document's current rule (re-indexing starts from what it has). */
export function fromProcessRule(rule: ProcessRule | null | undefined): ChunkSettings {
  if (!rule?.rules || rule.mode === "automatic") return { ...DEFAULT_CHUNK_SETTINGS, mode: rule?.mode ?? "automatic" };
  const pre = (id: string) => rule.rules!.pre_processing_rules.find((p) => p.id === id)?.enabled ?? false;
  const seg = rule.rules.segmentation;
  const child = rule.rules.subchunk_segmentation;
  const parent = rule.mode === "hierarchical";
  return {
    ...DEFAULT_CHUNK_SETTINGS,
    mode: rule.mode,
    ...(parent
      ? { parentSeparator: seg.separator, parentMaxTokens: seg.max_tokens }
      : { separator: seg.separator, maxTokens: seg.max_tokens, overlap: seg.chunk_overlap ?? 0 }),
    removeExtraSpaces: pre("remove_extra_spaces"),
    removeUrlsEmails: pre("remove_urls_emails"),
    parentMode: rule.rules.parent_mode ?? "paragraph",
    childSeparator: child?.separator ?? DEFAULT_CHUNK_SETTINGS.childSeparator,
    childMaxTokens: child?.max_tokens ?? DEFAULT_CHUNK_SETTINGS.childMaxTokens,
  };
}

export function docFormOf(mode: ChunkMode): DocForm {
  return mode === "hierarchical" ? "hierarchical_model" : "text_model";
}

/** The first thing wrong with the settings, in words (the preview waits until it is fixed). */
export function chunkProblem(s: ChunkSettings): string | null {
  if (s.mode === "automatic") return null;
  const range = (n: number) => Number.isInteger(n) && n >= MIN_TOKENS && n <= MAX_TOKENS;
  if (s.mode === "custom") {
    if (!s.separator) return "Enter a separator, e.g. \\n\\n for paragraphs.";
    if (!range(s.maxTokens)) return `The maximum chunk length must be between ${MIN_TOKENS} and ${MAX_TOKENS} tokens.`;
    if (!Number.isInteger(s.overlap) || s.overlap < 0) return "The overlap must be a whole number, 0 or more.";
    if (s.overlap >= s.maxTokens) return "The overlap must be smaller than the maximum chunk length.";
  }
  if (s.mode === "hierarchical") {
    if (s.parentMode === "paragraph" && !s.parentSeparator) return "Enter a separator for the parent chunks, e.g. \\n\\n.";
    if (s.parentMode === "paragraph" && !range(s.parentMaxTokens)) return `Parent chunks must be between ${MIN_TOKENS} and ${MAX_TOKENS} tokens.`;
    if (!s.childSeparator) return "Enter a separator for the child chunks, e.g. \\n.";
    if (!range(s.childMaxTokens)) return `Child chunks must be between ${MIN_TOKENS} and ${MAX_TOKENS} tokens.`;
  }
  return null;
}
