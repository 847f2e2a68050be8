// End users, conversations, messages and feedback: everything an app run leaves behind.
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { apps } from "./apps";

export const MESSAGE_SOURCES = ["api", "webapp", "debugger"] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

export const endUsers = sqliteTable(
  "end_users",
  {
    /** Derived from (app, type, session_id), so a request can name it without a lookup. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    type: text("type", { enum: ["service_api", "browser"] }).notNull(),
    sessionId: text("session_id").notNull(),
    isAnonymous: integer("is_anonymous", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("end_users_app_session_idx").on(t.appId, t.type, t.sessionId)],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    mode: text("mode").notNull(),
    fromSource: text("from_source", { enum: MESSAGE_SOURCES }).notNull(),
    endUserId: text("end_user_id"),
    accountId: text("account_id"),
    name: text("name").notNull().default(""),
    inputs: text("inputs").notNull().default("{}"),
    introduction: text("introduction").notNull().default(""),
    status: text("status").notNull().default("normal"),
    messageCount: integer("message_count").notNull().default(0),
    isDeleted: integer("is_deleted", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("conversations_app_user_idx").on(t.appId, t.endUserId, t.updatedAt),
    index("conversations_app_idx").on(t.appId, t.updatedAt),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    taskId: text("task_id").notNull(),
    fromSource: text("from_source", { enum: MESSAGE_SOURCES }).notNull(),
    endUserId: text("end_user_id"),
    accountId: text("account_id"),
    /** The app config version that answered (0 = draft, in the debugger). */
    configVersion: integer("config_version").notNull(),
    inputs: text("inputs").notNull().default("{}"),
    query: text("query").notNull().default(""),
    /** The prompt messages exactly as sent to the model (JSON), for logs and fine-tuning. */
    promptMessages: text("prompt_messages").notNull().default("[]"),
    answer: text("answer").notNull().default(""),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    messageTokens: integer("message_tokens").notNull().default(0),
    answerTokens: integer("answer_tokens").notNull().default(0),
    messagePrice: real("message_price").notNull().default(0),
    answerPrice: real("answer_price").notNull().default(0),
    totalPrice: real("total_price").notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    /** Seconds from request to first token and to the end of the provider call. */
    timeToFirstToken: real("time_to_first_token"),
    providerLatency: real("provider_latency").notNull().default(0),
    /** Seconds from request to the end of the answer. */
    latency: real("latency").notNull().default(0),
    /** "paused": a chatflow turn waiting for a Human Input form; its answer grows when the run goes on. */
    status: text("status", { enum: ["normal", "error", "stopped", "paused"] }).notNull().default("normal"),
    error: text("error"),
    /** Moderation or annotation replies do not call the model. */
    replySource: text("reply_source", { enum: ["model", "moderation", "annotation"] }).notNull().default("model"),
    files: text("files").notNull().default("[]"),
    /** Knowledge segments the answer was grounded on (Dify's retriever_resources), JSON. */
    retrieverResources: text("retriever_resources").notNull().default("[]"),
    /** Agent apps: each step (thought, tool, tool_input, observation) as Dify's agent_thoughts, JSON. */
    agentThoughts: text("agent_thoughts").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("messages_app_idx").on(t.appId, t.createdAt),
    index("messages_task_idx").on(t.taskId),
  ],
);

export const messageFeedbacks = sqliteTable(
  "message_feedbacks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    messageId: text("message_id").notNull(),
    rating: text("rating", { enum: ["like", "dislike"] }).notNull(),
    content: text("content"),
    fromSource: text("from_source", { enum: ["user", "admin"] }).notNull(),
    endUserId: text("end_user_id"),
    accountId: text("account_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("message_feedbacks_message_source_idx").on(t.messageId, t.fromSource)],
);

/** Stop requests for running generations, so a stop reaching another isolate still lands. */
export const taskStops = sqliteTable("task_stops", {
  taskId: text("task_id").primaryKey(),
  createdAt: integer("created_at").notNull(),
});

export const uploadFiles = sqliteTable(
  "upload_files",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id"),
    /** R2 key under ws/<workspace>/files/. */
    storageKey: text("storage_key").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    extension: text("extension").notNull(),
    mimeType: text("mime_type").notNull(),
    createdByRole: text("created_by_role", { enum: ["account", "end_user"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("upload_files_workspace_idx").on(t.workspaceId)],
);
