// Trigger start nodes of published workflows (Dify 1.10+): a webhook per `trigger-webhook` node of
// the draft (its URL exists before publishing, so the debug URL works), and a schedule plan per
// `trigger-schedule` node of the published workflow with the time it next runs.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { apps } from "./apps";

export const workflowWebhookTriggers = sqliteTable(
  "workflow_webhook_triggers",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    /** The URL's secret part, 24 URL-safe characters as Dify makes them. */
    webhookId: text("webhook_id").notNull(),
    /** Off: the published URL answers 404 (the debug URL still runs the draft), as a disabled Dify trigger. */
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("workflow_webhook_triggers_webhook_idx").on(t.webhookId), uniqueIndex("workflow_webhook_triggers_node_idx").on(t.appId, t.nodeId)],
);

export const workflowSchedulePlans = sqliteTable(
  "workflow_schedule_plans",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    cronExpression: text("cron_expression").notNull(),
    timezone: text("timezone").notNull(),
    /** Epoch milliseconds of the next run; the cron handler claims plans whose time has come. */
    nextRunAt: integer("next_run_at").notNull(),
    /** Off: the cron handler skips it; turned on again, it runs next from then. */
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("workflow_schedule_plans_node_idx").on(t.appId, t.nodeId), index("workflow_schedule_plans_due_idx").on(t.nextRunAt)],
);
