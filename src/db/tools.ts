// Tool providers a workspace created (custom OpenAPI / single-call tools and MCP servers), and the
// MCP server endpoints that expose a workspace's own apps to MCP clients. Built-in providers live
// in code (src/tools/builtin) and have no rows.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { apps } from "./apps";
import { workspaces } from "./workspaces";

export const TOOL_PROVIDER_KINDS = ["api", "mcp"] as const;
export type ToolProviderKind = (typeof TOOL_PROVIDER_KINDS)[number];

export const toolProviders = sqliteTable(
  "tool_providers",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TOOL_PROVIDER_KINDS }).notNull(),
    /** Unique per workspace; tools are addressed as (provider name, tool name), as in Dify. */
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** JSON {type: emoji|image, content|url, background}. */
    icon: text("icon").notNull().default("{}"),
    /** api: `openapi` | `swagger` | `single` (one HTTP call described by a form). */
    schemaType: text("schema_type"),
    /** api: the document as the user gave it (or the single-call form as JSON). */
    schema: text("schema"),
    /** JSON ToolDefinition[]: parsed operations (api) or the server's last tools/list (mcp). */
    tools: text("tools").notNull().default("[]"),
    /** api: base URL (from the document's servers or the form). mcp: the server URL. */
    serverUrl: text("server_url"),
    /** mcp: `streamable_http` | `sse` | `auto`. */
    transport: text("transport"),
    /** AES-GCM (APP_SECRET) JSON: api auth {auth_type, …} or mcp headers. Never returned as is. */
    credentials: text("credentials"),
    /** mcp: the last refresh's failure, shown on the Tools page; null when healthy. */
    lastError: text("last_error"),
    refreshedAt: integer("refreshed_at"),
    privacyPolicy: text("privacy_policy").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("tool_providers_name_idx").on(t.workspaceId, t.name), index("tool_providers_kind_idx").on(t.workspaceId, t.kind)],
);

export const APP_MCP_SERVER_STATUSES = ["active", "inactive"] as const;

/** An app exposed as an MCP server at /mcp/server/:server_code/mcp (Dify's path), behind its own key. */
export const appMcpServers = sqliteTable(
  "app_mcp_servers",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** Random, public: names the endpoint. Regenerated on refresh. */
    serverCode: text("server_code").notNull(),
    /** SHA-256 of the bearer key (`mcp-…`), shown once when created or rotated. */
    keyHash: text("key_hash").notNull(),
    keyHint: text("key_hint").notNull(),
    status: text("status", { enum: APP_MCP_SERVER_STATUSES }).notNull().default("active"),
    description: text("description").notNull().default(""),
    /** JSON {input_name: description}: per-input descriptions for the tool's schema. */
    parameters: text("parameters").notNull().default("{}"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("app_mcp_servers_app_idx").on(t.appId), uniqueIndex("app_mcp_servers_code_idx").on(t.serverCode)],
);

/**
 * A workspace's credentials for a built-in tool provider that needs them (Tavily's API key…), as
 * Dify authorizes a built-in provider per workspace. One row per provider; the values are AES-GCM
 * (APP_SECRET) JSON, shown back only as masked hints.
 */
export const builtinToolCredentials = sqliteTable(
  "builtin_tool_credentials",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    /** Encrypted JSON {field: value}. */
    credentials: text("credentials").notNull(),
    /** JSON {field: masked value}, for the Tools page. */
    hints: text("hints").notNull().default("{}"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("builtin_tool_credentials_provider_idx").on(t.workspaceId, t.provider)],
);
