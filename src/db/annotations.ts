// Annotations (Dify's message_annotations): curated question → answer pairs of an app, the
// annotation-reply setting that turns them into direct answers, every hit, and the jobs that
// enable, disable or import them (Dify keeps those in Redis; here they are rows).
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { apps } from "./apps";

export const messageAnnotations = sqliteTable(
  "message_annotations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** Set when the annotation improves a logged answer ("improve this answer"); one per message. */
    conversationId: text("conversation_id"),
    messageId: text("message_id"),
    question: text("question").notNull(),
    /** The ideal answer (Dify's column name; the API calls it `answer`). */
    content: text("content").notNull(),
    hitCount: integer("hit_count").notNull().default(0),
    /** The member who wrote it (null when created through the Service API). */
    accountId: text("account_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("message_annotations_app_idx").on(t.appId, t.createdAt), uniqueIndex("message_annotations_message_idx").on(t.messageId)],
);

/** A row exists exactly while annotation reply is enabled for the app (as Dify's AppAnnotationSetting). */
export const appAnnotationSettings = sqliteTable("app_annotation_settings", {
  id: text("id").primaryKey(),
  workspaceId: text("workspace_id").notNull(),
  appId: text("app_id")
    .notNull()
    .unique()
    .references(() => apps.id, { onDelete: "cascade" }),
  scoreThreshold: real("score_threshold").notNull(),
  embeddingProvider: text("embedding_provider").notNull(),
  embeddingModel: text("embedding_model").notNull(),
  createdBy: text("created_by"),
  updatedBy: text("updated_by"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const ANNOTATION_HIT_SOURCES = ["api", "console"] as const;

export const appAnnotationHitHistories = sqliteTable(
  "app_annotation_hit_histories",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    annotationId: text("annotation_id")
      .notNull()
      .references(() => messageAnnotations.id, { onDelete: "cascade" }),
    /** Dify's from_source: `api` (Service API and WebApp) or `console` (the debugger). */
    source: text("source", { enum: ANNOTATION_HIT_SOURCES }).notNull(),
    /** The user's query that matched. */
    question: text("question").notNull(),
    score: real("score").notNull(),
    messageId: text("message_id").notNull(),
    /** The annotation as it was when it answered. */
    annotationQuestion: text("annotation_question").notNull(),
    annotationContent: text("annotation_content").notNull(),
    endUserId: text("end_user_id"),
    accountId: text("account_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("annotation_hits_annotation_idx").on(t.annotationId, t.createdAt),
    index("annotation_hits_app_idx").on(t.appId, t.createdAt),
  ],
);

export const ANNOTATION_JOB_ACTIONS = ["enable", "disable", "import"] as const;
export type AnnotationJobAction = (typeof ANNOTATION_JOB_ACTIONS)[number];
export const ANNOTATION_JOB_STATUSES = ["waiting", "processing", "completed", "error"] as const;
export type AnnotationJobStatus = (typeof ANNOTATION_JOB_STATUSES)[number];

export const appAnnotationJobs = sqliteTable(
  "app_annotation_jobs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    action: text("action", { enum: ANNOTATION_JOB_ACTIONS }).notNull(),
    status: text("status", { enum: ANNOTATION_JOB_STATUSES }).notNull(),
    errorMsg: text("error_msg").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("annotation_jobs_app_idx").on(t.appId, t.action, t.createdAt)],
);
