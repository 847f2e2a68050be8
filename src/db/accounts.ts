// Accounts, their sign-in sessions and recent failed sign-ins (for the login rate limit).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  passwordSalt: text("password_salt").notNull(),
  status: text("status", { enum: ["active", "banned"] }).notNull().default("active"),
  interfaceLanguage: text("interface_language").notNull().default("en-US"),
  timezone: text("timezone").notNull().default("UTC"),
  lastLoginAt: integer("last_login_at"),
  lastActiveAt: integer("last_active_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    accessHash: text("access_hash").notNull().unique(),
    refreshHash: text("refresh_hash").notNull().unique(),
    /** The refresh token this one replaced, still honoured for a few seconds after `rotatedAt`. */
    previousRefreshHash: text("previous_refresh_hash"),
    rotatedAt: integer("rotated_at"),
    accessExpiresAt: integer("access_expires_at").notNull(),
    refreshExpiresAt: integer("refresh_expires_at").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    lastSeenAt: integer("last_seen_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId), index("sessions_previous_refresh_idx").on(t.previousRefreshHash)],
);

export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("login_failures_email_idx").on(t.email, t.createdAt)],
);
