import { api } from "../../../lib/api";

/** Stores a file for a debug run's file input (console POST /files/upload); runs refer to its id. */
export function uploadDebugFile(file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.upload<{ id: string }>("/files/upload", form);
}
