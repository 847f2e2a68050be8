// Apps, their configuration (one draft plus numbered published versions) and the public site.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const APP_MODES = ["chat", "completion", "agent-chat", "advanced-chat", "workflow"] as const;
export type AppMode = (typeof APP_MODES)[number];

export const apps = sqliteTable(
  "apps",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mode: text("mode", { enum: APP_MODES }).notNull(),
    description: text("description").notNull().default(""),
    iconType: text("icon_type", { enum: ["emoji", "image"] }).notNull().default("emoji"),
    icon: text("icon").notNull().default("🤖"),
    iconBackground: text("icon_background").notNull().default("#FFEAD5"),
    enableSite: integer("enable_site", { mode: "boolean" }).notNull().default(true),
    enableApi: integer("enable_api", { mode: "boolean" }).notNull().default(true),
    /** The published version the API and WebApp serve; null until first publish. */
    publishedConfigId: text("published_config_id"),
    /** Public WebApp code (`/chat/:code`). */
    siteCode: text("site_code").notNull().unique(),
    siteTitle: text("site_title"),
    siteDescription: text("site_description"),
    siteCopyright: text("site_copyright"),
    sitePrivacyPolicy: text("site_privacy_policy"),
    siteDefaultLanguage: text("site_default_language").notNull().default("en-US"),
    /** JSON: the Dify plugin dependencies its DSL import listed, written back on export (see dsl-dependencies.ts). */
    dslDependencies: text("dsl_dependencies").notNull().default("[]"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("apps_workspace_idx").on(t.workspaceId, t.updatedAt)],
);

export const appConfigs = sqliteTable(
  "app_configs",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    /** 0 is the draft; published versions count up from 1. */
    version: integer("version").notNull(),
    /** Dify's model_config as JSON. */
    config: text("config").notNull(),
    markedName: text("marked_name"),
    markedComment: text("marked_comment"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("app_configs_app_version_idx").on(t.appId, t.version)],
);
