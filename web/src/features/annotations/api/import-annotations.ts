import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { annotationKeys } from "./keys";
import type { ImportResult } from "./types";

/** Uploads a CSV; all rows are imported or none (a 400 lists the rows at fault). */
export function useImportAnnotations(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (fraction: number) => void }) => {
      const form = new FormData();
      form.append("file", file);
      return api.upload<ImportResult>(`/apps/${appId}/annotations/batch-import`, form, { onProgress });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.all(appId) }),
  });
}
