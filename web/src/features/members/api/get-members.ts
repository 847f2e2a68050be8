import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api";
import type { Member } from "./types";

export const membersQuery = () =>
  queryOptions({
    queryKey: ["members"],
    queryFn: () => api.get<{ result: "success"; accounts: Member[] }>("/workspaces/current/members"),
    select: (data) => data.accounts,
  });

export function useMembers() {
  return useQuery(membersQuery());
}
