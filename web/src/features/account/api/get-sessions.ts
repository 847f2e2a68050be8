import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export interface Session {
  id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: number;
  last_seen_at: number | null;
  current: boolean;
}

export const sessionsQuery = () =>
  queryOptions({
    queryKey: ["account", "sessions"],
    queryFn: () => api.get<{ data: Session[] }>("/account/sessions"),
    select: (data) => data.data,
  });

export function useSessions() {
  return useQuery(sessionsQuery());
}
