// Adding documents: one multipart request per file (so each has its own progress bar), or a
// pasted text as JSON.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { datasetKeys } from "./keys";
import type { CreatedDocuments, DocumentOptions } from "./types";

export function uploadDocument(
  datasetId: string,
  file: File,
  options: DocumentOptions,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<CreatedDocuments> {
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("data", JSON.stringify(options));
  return api.upload<CreatedDocuments>(`/datasets/${datasetId}/documents`, form, { onProgress, signal });
}

export interface TextDocumentInput extends DocumentOptions {
  name: string;
  text: string;
}

export function useCreateTextDocument(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TextDocumentInput) => api.post<CreatedDocuments>(`/datasets/${datasetId}/documents/text`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) }),
  });
}
