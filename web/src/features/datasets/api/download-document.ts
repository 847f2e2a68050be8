// A document's original file: the server answers a short-lived signed link, which the browser
// then follows (an attachment, so the page stays where it is).
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { KnowledgeDocument } from "./types";

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
