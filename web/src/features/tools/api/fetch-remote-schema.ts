// Fetches an OpenAPI document from a URL through the server (which guards against private addresses).
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";

export function useFetchRemoteSchema() {
  return useMutation({
    mutationFn: (url: string) => api.get<{ schema: string }>("/workspaces/current/tool-provider/api/remote", { query: { url } }),
  });
}
