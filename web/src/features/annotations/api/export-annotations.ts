import { request } from "../../../lib/api";

export type ExportFormat = "csv" | "jsonl";

/** Downloads every annotation as Dify's CSV (question,answer) or JSONL (fine-tuning messages). */
export async function downloadAnnotations(appId: string, format: ExportFormat): Promise<void> {
  const res = await request<Response>(`/apps/${appId}/annotations/export`, { query: { format }, raw: true });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `annotations.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
