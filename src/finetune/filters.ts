// Which logged messages a training set is built from. Stored as JSON on the set; every field is
// optional and the fields combine with AND.
import { z } from "zod";

export const setFiltersSchema = z.object({
  app_id: z.string().min(1).max(64).nullish(),
  /** Unix seconds; `start` inclusive, `end` exclusive. */
  start: z.number().int().nonnegative().nullish(),
  end: z.number().int().nonnegative().nullish(),
  /** Only answers someone liked (an end user or a console member). */
  feedback: z.enum(["like"]).nullish(),
  /** Only messages with an annotation; their improved answer is the one learned. Needs annotations. */
  annotated: z.boolean().nullish(),
  /** Also add the apps' annotations (question + ideal answer) as examples. Needs annotations. */
  include_annotations: z.boolean().nullish(),
  /** `provider:model` that answered. */
  model: z.string().min(3).max(200).nullish(),
  /** Bounds on a message's logged prompt + answer tokens. */
  min_tokens: z.number().int().nonnegative().nullish(),
  max_tokens: z.number().int().positive().nullish(),
});

export type SetFilters = z.infer<typeof setFiltersSchema>;

export function parseFilters(json: string): SetFilters {
  const parsed = setFiltersSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}
