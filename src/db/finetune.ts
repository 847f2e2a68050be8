// Fine-tuning: training sets curated from real use, their exported JSONL versions (in R2), and
// fine-tune jobs on a provider with the events (loss) the provider reported.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const FINETUNE_EXAMPLE_SOURCES = ["message", "annotation"] as const;
export type FinetuneExampleSource = (typeof FINETUNE_EXAMPLE_SOURCES)[number];

/** Kiln's `pending` (not yet at the provider), then the provider's own statuses (OpenAI's names). */
export const FINETUNE_JOB_STATUSES = ["pending", "validating_files", "queued", "running", "succeeded", "failed", "cancelled"] as const;
export type FinetuneJobStatus = (typeof FINETUNE_JOB_STATUSES)[number];

export const finetuneSets = sqliteTable(
  "finetune_sets",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** JSON: which logged messages the set is built from (app, period, feedback, model, tokens…). */
    filters: text("filters").notNull().default("{}"),
    /** Percentage of examples held out for validation, chosen by a hash of each example's source id. */
    validationPercent: integer("validation_percent").notNull().default(10),
    builtAt: integer("built_at"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("finetune_sets_workspace_idx").on(t.workspaceId, t.updatedAt)],
);

export const finetuneExamples = sqliteTable(
  "finetune_examples",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    setId: text("set_id")
      .notNull()
      .references(() => finetuneSets.id, { onDelete: "cascade" }),
    source: text("source", { enum: FINETUNE_EXAMPLE_SOURCES }).notNull(),
    /** The logged message's (or annotation's) id. */
    sourceId: text("source_id").notNull(),
    appId: text("app_id"),
    /** JSON [{role, content}]: the prompt exactly as it was sent (system + history + user). */
    promptMessages: text("prompt_messages").notNull(),
    answer: text("answer").notNull(),
    originalAnswer: text("original_answer").notNull(),
    isEdited: integer("is_edited", { mode: "boolean" }).notNull().default(false),
    isDropped: integer("is_dropped", { mode: "boolean" }).notNull().default(false),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    answerTokens: integer("answer_tokens").notNull().default(0),
    /** When the source message was logged. */
    sourceCreatedAt: integer("source_created_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("finetune_examples_source_idx").on(t.setId, t.source, t.sourceId),
    index("finetune_examples_set_idx").on(t.setId, t.sourceCreatedAt),
  ],
);

export const finetuneExports = sqliteTable(
  "finetune_exports",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    setId: text("set_id")
      .notNull()
      .references(() => finetuneSets.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** R2 keys: ws/<workspace>/finetune/<set>/<version>.jsonl and …/<version>.validation.jsonl. */
    trainKey: text("train_key").notNull(),
    validationKey: text("validation_key"),
    trainCount: integer("train_count").notNull(),
    validationCount: integer("validation_count").notNull(),
    trainTokens: integer("train_tokens").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("finetune_exports_set_version_idx").on(t.setId, t.version)],
);

export const finetuneJobs = sqliteTable(
  "finetune_jobs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Not a foreign key: a job outlives the training set it came from. */
    setId: text("set_id").notNull(),
    exportId: text("export_id").notNull(),
    exportVersion: integer("export_version").notNull(),
    provider: text("provider").notNull(),
    baseModel: text("base_model").notNull(),
    nEpochs: integer("n_epochs"),
    suffix: text("suffix"),
    status: text("status", { enum: FINETUNE_JOB_STATUSES }).notNull().default("pending"),
    /** Sent to the provider (Idempotency-Key header and metadata) so a retried dispatch never creates a second job. */
    idempotencyKey: text("idempotency_key").notNull(),
    trainingFileId: text("training_file_id"),
    validationFileId: text("validation_file_id"),
    providerJobId: text("provider_job_id"),
    fineTunedModel: text("fine_tuned_model"),
    trainedTokens: integer("trained_tokens"),
    /** Latest metrics step and the total the provider announced, for the progress bar. */
    step: integer("step"),
    totalSteps: integer("total_steps"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    isModelRegistered: integer("is_model_registered", { mode: "boolean" }).notNull().default(false),
    lastPolledAt: integer("last_polled_at"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("finetune_jobs_workspace_idx").on(t.workspaceId, t.createdAt),
    index("finetune_jobs_status_idx").on(t.status, t.updatedAt),
    uniqueIndex("finetune_jobs_idempotency_idx").on(t.idempotencyKey),
  ],
);

export const finetuneJobEvents = sqliteTable(
  "finetune_job_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    jobId: text("job_id")
      .notNull()
      .references(() => finetuneJobs.id, { onDelete: "cascade" }),
    providerEventId: text("provider_event_id").notNull(),
    level: text("level").notNull().default("info"),
    type: text("type").notNull().default("message"),
    message: text("message").notNull(),
    /** JSON: metrics events carry {step, total_steps, train_loss, valid_loss…}. */
    data: text("data"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("finetune_job_events_provider_idx").on(t.jobId, t.providerEventId), index("finetune_job_events_job_idx").on(t.jobId, t.createdAt)],
);
