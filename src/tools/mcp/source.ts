// (being written for issue 8)
import type { ToolProviderSource } from "../types";

export const mcpSource: ToolProviderSource = {
  type: "mcp",
  list: async () => [],
  resolve: async () => null,
};
