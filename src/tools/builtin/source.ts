// Built-in providers as a tool source: never deletable, the same for every workspace (a handler
// acts inside the caller's workspace through the ctx it is given). Those that need credentials
// (an API key) are authorized per workspace, as in Dify: until then they list as not authorized
// and their tools answer an error saying where to add the key.
import { KilnError } from "../../lib/errors";
import type { BuiltinProvider, ResolvedTool, ToolProviderSource, ToolProviderView } from "../types";
import { authorizedBuiltins, loadBuiltinCredentials } from "./credentials";
import { BUILTIN_PROVIDERS } from "./providers";

const needsCredentials = (p: BuiltinProvider) => (p.credentials ?? []).some((f) => f.required);

export function builtinProviderView(p: BuiltinProvider, authorized = !needsCredentials(p)): ToolProviderView {
  return {
    id: p.name,
    name: p.name,
    type: "builtin",
    label: p.label,
    description: p.description,
    icon: p.icon,
    author: "Kiln",
    is_team_authorization: authorized,
    allow_delete: false,
    tools: p.tools.map((t) => t.definition),
    error: null,
    ...(p.credentials?.length ? { credentials_schema: p.credentials } : {}),
  };
}

/** Dify 1.x DSL names built-ins by plugin id ("langgenius/time/time"); the last part is the provider. */
export function findBuiltinProvider(providerId: string): BuiltinProvider | undefined {
  const name = providerId.includes("/") ? providerId.slice(providerId.lastIndexOf("/") + 1) : providerId;
  return BUILTIN_PROVIDERS.find((p) => p.name === name);
}

/** Dify's own test DSLs name the provider just "builtin": then the tool's name picks it. */
const GENERIC_PROVIDER = "builtin";

export const builtinSource: ToolProviderSource = {
  type: "builtin",
  list: async (ctx) => {
    const authorized = BUILTIN_PROVIDERS.some((p) => p.credentials?.length) ? await authorizedBuiltins(ctx) : new Set<string>();
    return BUILTIN_PROVIDERS.map((p) => builtinProviderView(p, !needsCredentials(p) || authorized.has(p.name)));
  },
  resolve: async (ctx, providerId, toolName): Promise<ResolvedTool | null> => {
    const provider =
      providerId === GENERIC_PROVIDER
        ? BUILTIN_PROVIDERS.find((p) => p.tools.some((t) => t.definition.name === toolName))
        : findBuiltinProvider(providerId);
    const tool = provider?.tools.find((t) => t.definition.name === toolName);
    if (!provider || !tool) return null;
    const stored = provider.credentials?.length ? await loadBuiltinCredentials(ctx, provider.name) : null;
    const authorized = !needsCredentials(provider) || stored !== null;
    return {
      provider: builtinProviderView(provider, authorized),
      tool: tool.definition,
      invoke: async (args, options) => {
        if (!authorized) throw new KilnError("tool_error", 400, `${provider.label} is not authorized in this workspace: add its credentials in Tools`);
        return tool.invoke(ctx, args, { ...options, credentials: stored ?? {} });
      },
    };
  },
};
