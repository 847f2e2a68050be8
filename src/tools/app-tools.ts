// (being written for issue 8)
import type { ToolProviderSource } from "./types";

export const appToolSource: ToolProviderSource = {
  type: "workflow",
  list: async () => [],
  resolve: async () => null,
};
