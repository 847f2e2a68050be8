// (being written for issue 8)
import type { ToolProviderSource } from "../types";

export const apiSource: ToolProviderSource = {
  type: "api",
  list: async () => [],
  resolve: async () => null,
};
