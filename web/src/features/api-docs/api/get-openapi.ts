import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { OpenApiDocument } from "../lib/openapi";

export const openApiQuery = () =>
  queryOptions({
    queryKey: ["openapi"],
    queryFn: () => api.get<OpenApiDocument>("/openapi.json", { base: "", auth: false }),
    staleTime: 5 * 60 * 1000,
  });

export function useOpenApi() {
  return useQuery(openApiQuery());
}
