import { api } from "../../../lib/api";

/** Stores a file for a tool's test call (console POST /files/upload); the call refers to its id. */
export function uploadToolFile(file: File): Promise<{ id: string; name: string }> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.upload<{ id: string; name: string }>("/files/upload", form);
}
