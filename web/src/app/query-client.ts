import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../lib/api";

/**
 * Retries only what might succeed on a second try: network failures and server errors, not a
 * 4xx that will answer the same way again.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
    mutations: { retry: false },
  },
});
