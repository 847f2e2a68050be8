// Tags a workspace puts on its knowledge bases (Dify's `tags` / `tag_bindings`). A binding names its
// target by id only: Dify's tags also label apps, so `target_id` is not a foreign key.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const TAG_TYPES = ["knowledge", "app"] as const;
export type TagType = (typeof TAG_TYPES)[number];

export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type", { enum: TAG_TYPES }).notNull(),
    /** At most 50 characters (Dify's limit), unique per workspace and type. */
    name: text("name").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("tags_workspace_type_name_idx").on(t.workspaceId, t.type, t.name)],
);

export const tagBindings = sqliteTable(
  "tag_bindings",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    tagId: text("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    targetId: text("target_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("tag_bindings_tag_target_idx").on(t.tagId, t.targetId), index("tag_bindings_target_idx").on(t.workspaceId, t.targetId)],
);
