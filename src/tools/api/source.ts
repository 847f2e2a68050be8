// Custom API tools as a tool provider source: every `api` row of the workspace, callable by the
// registry. Credentials are opened only when a tool is invoked.
import type { ToolProviderSource } from "../types";
import { callApiTool } from "./call";
import { toolView } from "./operation";
import { apiCredentialsOf, apiProviderView, findApiProvider, listApiProviderRows, storedTools } from "./providers";

export const apiSource: ToolProviderSource = {
  type: "api",
  list: async (ctx) => (await listApiProviderRows(ctx)).map(apiProviderView),
  resolve: async (ctx, providerId, toolName) => {
    const row = await findApiProvider(ctx, providerId);
    const tool = row ? storedTools(row).find((t) => t.name === toolName) : undefined;
    if (!row || !tool) return null;
    return {
      provider: apiProviderView(row),
      tool: toolView(tool),
      invoke: async (args, options) =>
        callApiTool(ctx, { serverUrl: row.serverUrl ?? "", tool, credentials: await apiCredentialsOf(ctx, row) }, args, options),
    };
  },
};
