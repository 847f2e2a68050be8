import type { QueryClient } from "@tanstack/react-query";

/** A provider change alters the provider list, the models on offer and maybe the defaults. */
export function invalidateModelQueries(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ["model-providers"] }),
    queryClient.invalidateQueries({ queryKey: ["models"] }),
    queryClient.invalidateQueries({ queryKey: ["default-model"] }),
  ]);
}
