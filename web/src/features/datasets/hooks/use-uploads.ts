// The files picked for upload and each one's progress: checked on arrival (type, size), then sent
// one request per file, a few at a time, each with its own progress bar and its own error.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { errorMessage } from "../../../lib/api";
import { uploadDocument } from "../api/add-documents";
import { datasetKeys } from "../api/keys";
import type { DocumentOptions, KnowledgeDocument } from "../api/types";
import { fileProblem, MAX_FILES } from "../lib/files";

export type UploadStatus = "ready" | "invalid" | "uploading" | "done" | "failed";

export interface UploadItem {
  id: string;
  file: File;
  status: UploadStatus;
  /** 0–1 while uploading. */
  progress: number;
  error: string | null;
  document: KnowledgeDocument | null;
  /** The indexing batch the upload started, for its progress. */
  batch: string | null;
}

const CONCURRENCY = 3;
let nextId = 1;

export function useUploads(datasetId: string) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [running, setRunning] = useState(false);
  const queryClient = useQueryClient();
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const patch = useCallback((id: string, change: Partial<UploadItem>) => {
    setItems((all) => all.map((i) => (i.id === id ? { ...i, ...change } : i)));
  }, []);

  const add = useCallback((files: File[]) => {
    setItems((all) => {
      const seen = new Set(all.map((i) => `${i.file.name}:${i.file.size}`));
      const fresh = files
        .filter((f) => !seen.has(`${f.name}:${f.size}`))
        .slice(0, Math.max(0, MAX_FILES - all.length))
        .map((file): UploadItem => {
          const problem = fileProblem(file);
          return { id: `u${nextId++}`, file, status: problem ? "invalid" : "ready", progress: 0, error: problem, document: null, batch: null };
        });
      return [...all, ...fresh];
    });
  }, []);

  const remove = useCallback((id: string) => setItems((all) => all.filter((i) => i.id !== id)), []);
  const clear = useCallback(() => setItems([]), []);

  /** Uploads every file not yet uploaded (and retries failed ones); resolves with what happened. */
  const start = useCallback(
    async (options: DocumentOptions): Promise<{ uploaded: number; failed: number }> => {
      const queue = itemsRef.current.filter((i) => i.status === "ready" || i.status === "failed");
      const outcome = { uploaded: 0, failed: 0 };
      setRunning(true);
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const { id, file } = item;
          patch(id, { status: "uploading", progress: 0, error: null });
          try {
            const result = await uploadDocument(datasetId, file, options, (progress) => patch(id, { progress }));
            const doc = result.documents?.[0] ?? result.document ?? null;
            outcome.uploaded++;
            patch(id, { status: "done", progress: 1, document: doc, batch: result.batch });
          } catch (err) {
            outcome.failed++;
            patch(id, { status: "failed", error: errorMessage(err) });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      setRunning(false);
      if (outcome.uploaded) void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(datasetId) });
      void queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
      return outcome;
    },
    [datasetId, patch, queryClient],
  );

  return { items, add, remove, clear, start, running };
}
