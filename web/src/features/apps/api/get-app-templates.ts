import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { AppTemplate, AppTemplateDetail } from "./types";

export const appTemplatesQuery = () =>
  queryOptions({
    queryKey: ["app-templates"],
    queryFn: () => api.get<{ data: AppTemplate[] }>("/app-templates"),
    select: (data) => data.data,
    // The gallery is built into the server; it only changes with a deploy.
    staleTime: 5 * 60_000,
  });

/** The template gallery: ready workflow and chatflow apps. */
export function useAppTemplates(enabled = true) {
  return useQuery({ ...appTemplatesQuery(), enabled });
}

/**
 * One template as a DSL file. Fetched on use rather than cached: its LLM nodes carry the
 * workspace's current default model, which may have changed since the gallery opened.
 */
export const fetchAppTemplate = (templateId: string) =>
  api.get<AppTemplateDetail>(`/app-templates/${encodeURIComponent(templateId)}`);
