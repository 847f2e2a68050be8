// Built-in providers as a tool source: always authorized, never deletable, the same for every
// workspace (a handler acts inside the caller's workspace through the ctx it is given).
import type { BuiltinProvider, ResolvedTool, ToolProviderSource, ToolProviderView } from "../types";
import { BUILTIN_PROVIDERS } from "./providers";

export function builtinProviderView(p: BuiltinProvider): ToolProviderView {
  return {
    id: p.name,
    name: p.name,
    type: "builtin",
    label: p.label,
    description: p.description,
    icon: p.icon,
    author: "Kiln",
    is_team_authorization: true,
    allow_delete: false,
    tools: p.tools.map((t) => t.definition),
    error: null,
  };
}

/** Dify 1.x DSL names built-ins by plugin id ("langgenius/time/time"); the last part is the provider. */
function findProvider(providerId: string): BuiltinProvider | undefined {
  const name = providerId.includes("/") ? providerId.slice(providerId.lastIndexOf("/") + 1) : providerId;
  return BUILTIN_PROVIDERS.find((p) => p.name === name);
}

/** Dify's own test DSLs name the provider just "builtin": then the tool's name picks it. */
const GENERIC_PROVIDER = "builtin";

export const builtinSource: ToolProviderSource = {
  type: "builtin",
  list: async () => BUILTIN_PROVIDERS.map(builtinProviderView),
  resolve: async (ctx, providerId, toolName): Promise<ResolvedTool | null> => {
    const provider =
      providerId === GENERIC_PROVIDER
        ? BUILTIN_PROVIDERS.find((p) => p.tools.some((t) => t.definition.name === toolName))
        : findProvider(providerId);
    const tool = provider?.tools.find((t) => t.definition.name === toolName);
    if (!provider || !tool) return null;
    return {
      provider: builtinProviderView(provider),
      tool: tool.definition,
      invoke: (args, options) => tool.invoke(ctx, args, options),
    };
  },
};
