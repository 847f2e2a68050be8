// (being written for issue 8)
import type { ToolProviderSource } from "../types";

export const builtinSource: ToolProviderSource = {
  type: "builtin",
  list: async () => [],
  resolve: async () => null,
};
