import { webappJson } from "./client";

/** What the server keeps of an upload; `id` is what a run's file input refers to. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  extension: string;
  mime_type: string;
}

/** Stores one of the visitor's files for this app (POST /api/files/upload). */
export function uploadFile(code: string, file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  return webappJson<UploadedFile>(code, "/files/upload", { method: "POST", body: form });
}
