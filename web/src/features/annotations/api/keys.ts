// Query keys of the annotations feature, under the app's own key so app-wide invalidations reach them.

export const annotationKeys = {
  all: (appId: string) => ["apps", "detail", appId, "annotations"] as const,
  list: (appId: string, query: { page: number; keyword: string }) => ["apps", "detail", appId, "annotations", "list", query] as const,
  setting: (appId: string) => ["apps", "detail", appId, "annotations", "setting"] as const,
  hits: (appId: string, annotationId: string) => ["apps", "detail", appId, "annotations", "hits", annotationId] as const,
};
