// Query keys of the apps feature, so every mutation invalidates exactly what it changed.
import type { MessageLogFilters } from "./types";

export const appKeys = {
  all: ["apps"] as const,
  lists: () => ["apps", "list"] as const,
  list: (filters: { mode: string; name: string }) => ["apps", "list", filters] as const,
  detail: (appId: string) => ["apps", "detail", appId] as const,
  versions: (appId: string) => ["apps", "detail", appId, "versions"] as const,
  apiKeys: (appId: string) => ["apps", "detail", appId, "api-keys"] as const,
  mcpServer: (appId: string) => ["apps", "detail", appId, "mcp-server"] as const,
  messages: (appId: string, filters?: MessageLogFilters) =>
    filters ? (["apps", "detail", appId, "messages", filters] as const) : (["apps", "detail", appId, "messages"] as const),
  conversation: (appId: string, conversationId: string) =>
    ["apps", "detail", appId, "conversations", conversationId] as const,
};
