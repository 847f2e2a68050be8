import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import { appKeys } from "./keys";
import type { AppDetail, AppSite } from "./types";

export interface SiteInput {
  title?: string;
  description?: string;
  copyright?: string | null;
  privacy_policy?: string | null;
}

/** The public WebApp's title, description, copyright and privacy policy link. */
export function useUpdateSite(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SiteInput) => api.post<AppSite>(`/apps/${appId}/site`, input),
    onSuccess: (site) => {
      queryClient.setQueryData<AppDetail>(appKeys.detail(appId), (app) => (app ? { ...app, site } : app));
    },
  });
}

/** Turns the public WebApp or the Service API on or off. */
export function useToggleAccess(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ surface, enabled }: { surface: "site" | "api"; enabled: boolean }) =>
      surface === "site"
        ? api.post<AppDetail>(`/apps/${appId}/site-enable`, { enable_site: enabled })
        : api.post<AppDetail>(`/apps/${appId}/api-enable`, { enable_api: enabled }),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(appId), app);
      return queryClient.invalidateQueries({ queryKey: appKeys.lists() });
    },
  });
}
