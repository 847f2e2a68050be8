import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api";

/** The app's draft as a Dify DSL (YAML) file. */
export function useExportApp() {
  return useMutation({
    mutationFn: (appId: string) =>
      api.get<{ data: string }>(`/apps/${appId}/export`, { query: { include_secret: "false" } }).then((r) => r.data),
  });
}
