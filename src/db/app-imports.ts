// DSL imports waiting for confirmation (a newer DSL version than Kiln's): Dify keeps them 10 minutes
// in Redis; Kiln keeps the already converted app and config here until `expires_at`.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const appImports = sqliteTable(
  "app_imports",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    importedDslVersion: text("imported_dsl_version").notNull(),
    /** JSON: the app's name, mode, description and icon, overrides applied. */
    app: text("app").notNull(),
    /** JSON: the converted model_config (YAML can be 10 MB; a D1 row holds at most 2 MB). */
    config: text("config").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("app_imports_expires_idx").on(t.expiresAt)],
);
