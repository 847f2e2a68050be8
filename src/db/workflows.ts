// Workflows of workflow / advanced-chat apps (one draft plus published versions), their runs, the
// node executions of each run, and the conversation variables of chatflow conversations.
// JSON columns hold Dify's shapes as text; timestamps are epoch milliseconds.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { apps } from "./apps";

export const WORKFLOW_DRAFT = "draft";
export const WORKFLOW_RUN_STATUSES = ["running", "succeeded", "failed", "stopped", "partial-succeeded", "paused"] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** "workflow" or "chat" (an advanced-chat app's), as Dify's WorkflowType. */
    type: text("type", { enum: ["workflow", "chat"] }).notNull(),
    /** "draft", or the publish time as Dify writes it (`2026-11-26 07:01:02.123456`). */
    version: text("version").notNull(),
    graph: text("graph").notNull(),
    features: text("features").notNull().default("{}"),
    /** JSON list; secret values are encrypted (`v1.<iv>.<ct>`) and never leave unmasked. */
    environmentVariables: text("environment_variables").notNull().default("[]"),
    conversationVariables: text("conversation_variables").notNull().default("[]"),
    /** SHA-256 of the draft's content, so two editors cannot overwrite each other silently. */
    hash: text("hash").notNull(),
    markedName: text("marked_name").notNull().default(""),
    markedComment: text("marked_comment").notNull().default(""),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("workflows_app_version_idx").on(t.appId, t.version), index("workflows_app_created_idx").on(t.appId, t.createdAt)],
);

export const workflowRuns = sqliteTable(
  "workflow_runs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    workflowId: text("workflow_id").notNull(),
    /** The workflow's version ("draft" for debugger runs). */
    version: text("version").notNull(),
    type: text("type", { enum: ["workflow", "chat"] }).notNull(),
    triggeredFrom: text("triggered_from", { enum: ["debugging", "app-run", "webhook", "schedule"] }).notNull(),
    /** Where an app-run came from, for the logs: service-api, web-app. */
    createdFrom: text("created_from"),
    status: text("status", { enum: WORKFLOW_RUN_STATUSES }).notNull(),
    inputs: text("inputs").notNull().default("{}"),
    outputs: text("outputs"),
    error: text("error"),
    elapsedTime: real("elapsed_time").notNull().default(0),
    totalTokens: integer("total_tokens").notNull().default(0),
    totalSteps: integer("total_steps").notNull().default(0),
    exceptionsCount: integer("exceptions_count").notNull().default(0),
    createdByRole: text("created_by_role", { enum: ["account", "end_user"] }).notNull(),
    createdBy: text("created_by").notNull(),
    conversationId: text("conversation_id"),
    messageId: text("message_id"),
    /**
     * A paused run's state (JSON): what it had done and the request that started it, to take it
     * up again (engine RunSnapshot plus the run's system variables). Cleared when it goes on.
     */
    pausedState: text("paused_state"),
    /** When a paused run last went on (epoch ms): the housekeeping sweep counts a resumed run's time from then. */
    resumedAt: integer("resumed_at"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("workflow_runs_app_idx").on(t.appId, t.triggeredFrom, t.createdAt),
    index("workflow_runs_status_idx").on(t.appId, t.status, t.createdAt),
    // Only the runs still running: what the housekeeping sweep reads (see sweepAbandonedRuns).
    index("workflow_runs_running_idx").on(t.createdAt).where(sql`${t.status} = 'running'`),
    // A chatflow turn's run, from its message: how a page of messages finds its Human Input forms.
    index("workflow_runs_message_idx").on(t.messageId).where(sql`${t.messageId} IS NOT NULL`),
  ],
);

export const workflowNodeExecutions = sqliteTable(
  "workflow_node_executions",
  {
    id: text("id").primaryKey(),
    workflowRunId: text("workflow_run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    index: integer("index").notNull(),
    predecessorNodeId: text("predecessor_node_id"),
    nodeId: text("node_id").notNull(),
    nodeType: text("node_type").notNull(),
    title: text("title").notNull().default(""),
    inputs: text("inputs"),
    processData: text("process_data"),
    outputs: text("outputs"),
    status: text("status").notNull(),
    error: text("error"),
    elapsedTime: real("elapsed_time").notNull().default(0),
    executionMetadata: text("execution_metadata"),
    iterationId: text("iteration_id"),
    loopId: text("loop_id"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("workflow_node_executions_run_idx").on(t.workflowRunId, t.index)],
);

/** The conversation variables of one chatflow conversation, as its runs left them. */
export const workflowConversationVariables = sqliteTable(
  "workflow_conversation_variables",
  {
    /** The variable's id in the workflow's `conversation_variables`. */
    id: text("id").notNull(),
    conversationId: text("conversation_id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    valueType: text("value_type").notNull(),
    /** JSON of the value. */
    value: text("value").notNull(),
    description: text("description").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.id] })],
);

/**
 * The forms of Human Input nodes that paused a run (Dify's human_input_forms with its web-app
 * recipient): what the person sees, the token that opens it (stored hashed), and the answer.
 */
export const workflowHumanInputForms = sqliteTable(
  "workflow_human_input_forms",
  {
    /** Dify's form_id. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    workflowRunId: text("workflow_run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    /** SHA-256 of the web-app token (how a token finds its form); null when the form is not delivered to the web app. */
    tokenHash: text("token_hash"),
    /** The token encrypted with APP_SECRET, to send it again to its run's caller when they pick the stream up. */
    tokenSecret: text("token_secret"),
    /** The human_input_required data (token left out): content, inputs, actions, defaults, expiry. */
    definition: text("definition").notNull(),
    /** `timeout`: past the node's own timeout (the run goes on by `__timeout`); `expired`: past the global one (the run is stopped). */
    status: text("status", { enum: ["waiting", "submitted", "timeout", "expired"] }).notNull(),
    /** Epoch milliseconds. */
    expiresAt: integer("expires_at").notNull(),
    actionId: text("action_id"),
    /** JSON of the submitted values. */
    submittedData: text("submitted_data"),
    submittedByRole: text("submitted_by_role", { enum: ["account", "end_user"] }),
    submittedBy: text("submitted_by"),
    submittedAt: integer("submitted_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("workflow_human_input_forms_token_idx").on(t.tokenHash),
    index("workflow_human_input_forms_run_idx").on(t.workflowRunId),
    // Only forms still waiting: what the housekeeping sweep reads for expired ones.
    index("workflow_human_input_forms_waiting_idx").on(t.expiresAt).where(sql`${t.status} = 'waiting'`),
  ],
);
