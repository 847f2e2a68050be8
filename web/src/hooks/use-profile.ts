// The signed-in account. A successful answer is also how the app knows there is a session.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../lib/api";

export interface Profile {
  id: string;
  name: string;
  email: string;
  avatar: string | null;
  interface_language: string | null;
  timezone: string | null;
  last_login_at: number | null;
  created_at: number;
}

export const profileQuery = () =>
  queryOptions({
    queryKey: ["account", "profile"],
    queryFn: () => api.get<Profile>("/account/profile"),
  });

export function useProfile() {
  return useQuery(profileQuery());
}
