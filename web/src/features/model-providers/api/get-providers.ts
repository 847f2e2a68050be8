import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Provider } from "./types";

export const providersQuery = () =>
  queryOptions({
    queryKey: ["model-providers"],
    queryFn: () => api.get<{ data: Provider[] }>("/workspaces/current/model-providers"),
    select: (data) => data.data,
  });

export function useProviders() {
  return useQuery(providersQuery());
}
