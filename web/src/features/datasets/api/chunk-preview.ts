import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { ChunkPreview, ProcessRule } from "./types";

export type PreviewSource = { kind: "file"; file: File } | { kind: "text"; text: string };

const sourceKey = (s: PreviewSource) =>
  s.kind === "file" ? `file:${s.file.name}:${s.file.size}:${s.file.lastModified}` : `text:${s.text}`;

/** The first chunks a source splits into under a rule; the caller debounces the rule. */
export function useChunkPreview(source: PreviewSource | null, rule: ProcessRule, enabled = true) {
  return useQuery({
    queryKey: ["datasets", "chunk-preview", source ? sourceKey(source) : null, rule] as const,
    queryFn: ({ signal }) => {
      const form = new FormData();
      if (source!.kind === "file") form.append("file", source!.file, source!.file.name);
      else form.append("text", source!.text);
      form.append("process_rule", JSON.stringify(rule));
      return api.upload<ChunkPreview>("/datasets/chunk-preview", form, { signal });
    },
    enabled: enabled && source !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
