// A document's process rule (cleaning + segmentation), in Dify's request shape
// (services/entities/knowledge_entities/knowledge_entities.py), and its resolved form for the chunker.
import { z } from "zod";

const MIN_SEGMENT_TOKENS = 50;
// Dify's INDEXING_MAX_SEGMENTATION_TOKENS_LENGTH.
const MAX_SEGMENT_TOKENS = 4000;

// Dify's UI and API docs send the separator escaped ("\\n\\n"); Dify unescapes it only when splitting.
const unescapeSeparator = (s: string) => s.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\r\n/g, "\n");
const escapeSeparator = (s: string) => s.replace(/\n/g, "\\n").replace(/\t/g, "\\t");

export const preProcessingRuleSchema = z.object({
  id: z.enum(["remove_extra_spaces", "remove_urls_emails", "remove_stopwords"]),
  enabled: z.boolean(),
});

export const segmentationSchema = z
  .object({
    separator: z.string().optional(),
    // Dify's AUTOMATIC_RULES spell the separator `delimiter`.
    delimiter: z.string().optional(),
    max_tokens: z.number().int(),
    chunk_overlap: z.number().int().min(0, "Chunk overlap should not be negative.").default(0),
  })
  .transform(({ separator, delimiter, max_tokens, chunk_overlap }) => ({
    separator: unescapeSeparator(separator ?? delimiter ?? "\n"),
    max_tokens,
    chunk_overlap,
  }));

type Segmentation = z.infer<typeof segmentationSchema>;

function checkSegmentation(s: Segmentation | null | undefined, path: string[], ctx: z.RefinementCtx) {
  if (!s) return;
  if (s.max_tokens < MIN_SEGMENT_TOKENS || s.max_tokens > MAX_SEGMENT_TOKENS) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "max_tokens"],
      message: `Custom segment length should be between ${MIN_SEGMENT_TOKENS} and ${MAX_SEGMENT_TOKENS}.`,
    });
  }
  if (s.chunk_overlap >= s.max_tokens) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "chunk_overlap"],
      message: "Chunk overlap should be smaller than the maximum chunk length.",
    });
  }
}

export const processRuleSchema = z
  .object({
    mode: z
      .enum(["automatic", "custom", "hierarchical"])
      .nullish()
      .transform((m) => m ?? "automatic"),
    rules: z
      .object({
        pre_processing_rules: z.array(preProcessingRuleSchema).nullish(),
        segmentation: segmentationSchema.nullish(),
        parent_mode: z.enum(["full-doc", "paragraph"]).nullish(),
        subchunk_segmentation: segmentationSchema.nullish(),
      })
      .nullish(),
  })
  .superRefine((rule, ctx) => {
    // Dify ignores `rules` in automatic mode, so they are not range-checked there either.
    if (rule.mode === "automatic") return;
    checkSegmentation(rule.rules?.segmentation, ["rules", "segmentation"], ctx);
    if (rule.mode === "hierarchical") {
      checkSegmentation(rule.rules?.subchunk_segmentation, ["rules", "subchunk_segmentation"], ctx);
    }
  });

export type ProcessRule = z.infer<typeof processRuleSchema>;

type ResolvedSegmentation = { separator: string; maxTokens: number; overlap: number };

export interface ResolvedRule {
  mode: "automatic" | "custom" | "hierarchical";
  removeExtraSpaces: boolean;
  removeUrlsEmails: boolean;
  segmentation: ResolvedSegmentation;
  parentMode: "full-doc" | "paragraph" | null;
  subchunk: ResolvedSegmentation | null;
}

/** Dify's AUTOMATIC_RULES (its `delimiter` "\n" is our `separator`). */
export const AUTOMATIC_RULE: ProcessRule = {
  mode: "automatic",
  rules: {
    pre_processing_rules: [
      { id: "remove_extra_spaces", enabled: true },
      { id: "remove_urls_emails", enabled: false },
    ],
    segmentation: { separator: "\n", max_tokens: 500, chunk_overlap: 50 },
  },
};

// Used when a custom rule omits segmentation: Dify's console DEFAULT_RULES.
const CUSTOM_DEFAULT: ResolvedSegmentation = { separator: "\n", maxTokens: 1024, overlap: 50 };
const HIERARCHICAL_PARENT_DEFAULT: ResolvedSegmentation = { separator: "\n\n", maxTokens: 1024, overlap: 0 };
const HIERARCHICAL_CHILD_DEFAULT: ResolvedSegmentation = { separator: "\n", maxTokens: 512, overlap: 0 };

const resolveSegmentation = (s: Segmentation | null | undefined, fallback: ResolvedSegmentation) =>
  s ? { separator: s.separator, maxTokens: s.max_tokens, overlap: s.chunk_overlap } : fallback;

/** The rule the chunker runs; absent rule or mode means automatic. Expects a schema-parsed rule. */
export function resolveRule(rule: ProcessRule | null | undefined): ResolvedRule {
  const mode = rule?.mode ?? "automatic";
  const source = mode === "automatic" ? AUTOMATIC_RULE : rule!;
  const pre = source.rules?.pre_processing_rules;
  const isEnabled = (id: string, byDefault: boolean) => pre?.find((p) => p.id === id)?.enabled ?? (pre ? false : byDefault);
  const base = {
    mode,
    removeExtraSpaces: isEnabled("remove_extra_spaces", true),
    removeUrlsEmails: isEnabled("remove_urls_emails", false),
  };
  if (mode !== "hierarchical") {
    return {
      ...base,
      segmentation: resolveSegmentation(source.rules?.segmentation, CUSTOM_DEFAULT),
      parentMode: null,
      subchunk: null,
    };
  }
  return {
    ...base,
    segmentation: resolveSegmentation(source.rules?.segmentation, HIERARCHICAL_PARENT_DEFAULT),
    parentMode: source.rules?.parent_mode ?? "paragraph",
    subchunk: resolveSegmentation(source.rules?.subchunk_segmentation, HIERARCHICAL_CHILD_DEFAULT),
  };
}

const segmentationToDify = (s: ResolvedSegmentation) => ({
  separator: escapeSeparator(s.separator),
  max_tokens: s.maxTokens,
  chunk_overlap: s.overlap,
});

/** The rule as Dify's API shows it; separators are re-escaped so the output parses back to the same rule. */
export function ruleToDify(r: ResolvedRule) {
  return {
    mode: r.mode,
    rules: {
      pre_processing_rules: [
        { id: "remove_extra_spaces" as const, enabled: r.removeExtraSpaces },
        { id: "remove_urls_emails" as const, enabled: r.removeUrlsEmails },
      ],
      segmentation: segmentationToDify(r.segmentation),
      ...(r.parentMode ? { parent_mode: r.parentMode } : {}),
      ...(r.subchunk ? { subchunk_segmentation: segmentationToDify(r.subchunk) } : {}),
    },
  };
}
