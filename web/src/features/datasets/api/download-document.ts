// Documents' original files: one by a short-lived signed link the browser follows (an attachment,
// so the page stays where it is), several as a ZIP archive.
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { KnowledgeDocument } from "./types";

/** The most documents one archive takes (the server's limit, Dify's). */
export const ZIP_MAX_DOCUMENTS = 100;

/** Documents whose original is the user's own file or pasted text (webhook and URL ones come from elsewhere). */
export const hasOriginal = (doc: Pick<KnowledgeDocument, "data_source_type">) => doc.data_source_type === "upload_file" || doc.data_source_type === "text";

export function useDownloadDocument(datasetId: string) {
  return useMutation({
    mutationFn: async (documentId: string) => {
      const { url } = await api.get<{ url: string }>(`/datasets/${datasetId}/documents/${documentId}/download`);
      window.location.assign(url);
    },
  });
}

/** Several originals as one ZIP: the archive is fetched, then saved under the server's file name. */
export function useDownloadDocumentsZip(datasetId: string) {
  return useMutation({
    mutationFn: async (documentIds: string[]) => {
      const res = await api.post<Response>(`/datasets/${datasetId}/documents/download-zip`, { document_ids: documentIds }, { raw: true });
      const name = /filename=([^;]+)/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "documents.zip";
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
