// API keys for the Service API: `app-…` keys bound to one app, `dataset-…` keys for a whole
// workspace's knowledge. Only a SHA-256 of the key is stored; it is shown once on creation.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type", { enum: ["app", "dataset"] }).notNull(),
    appId: text("app_id"),
    tokenHash: text("token_hash").notNull().unique(),
    tokenHint: text("token_hint").notNull(),
    createdBy: text("created_by"),
    lastUsedAt: integer("last_used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId, t.type, t.appId)],
);
