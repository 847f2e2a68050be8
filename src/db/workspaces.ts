// Workspaces (Dify's tenants), who belongs to them with which role, and pending invitations.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";

export const ROLES = ["owner", "admin", "editor", "normal", "dataset_operator"] as const;
export type Role = (typeof ROLES)[number];

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status", { enum: ["normal", "archive"] }).notNull().default("normal"),
  plan: text("plan").notNull().default("self-hosted"),
  createdAt: integer("created_at").notNull(),
});

export const members = sqliteTable(
  "members",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    invitedBy: text("invited_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("members_workspace_account_idx").on(t.workspaceId, t.accountId),
    index("members_account_idx").on(t.accountId),
  ],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("invitations_workspace_idx").on(t.workspaceId)],
);

/** One row once the platform has been set up; its primary key makes a second setup fail. */
export const setups = sqliteTable("setups", {
  id: text("id").primaryKey(),
  setupAt: integer("setup_at").notNull(),
});
