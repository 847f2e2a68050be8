// Whether this Kiln has been set up; the app sends everyone to /setup until it has.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../lib/api";

export interface SetupStatus {
  step: "not_started" | "finished";
  setup_at?: number;
}

export const setupStatusQuery = () =>
  queryOptions({
    queryKey: ["setup"],
    queryFn: () => api.get<SetupStatus>("/setup", { auth: false }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useSetupStatus() {
  return useQuery(setupStatusQuery());
}
