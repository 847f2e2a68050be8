CREATE TABLE `app_annotation_hit_histories` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`annotation_id` text NOT NULL,
	`source` text NOT NULL,
	`question` text NOT NULL,
	`score` real NOT NULL,
	`message_id` text NOT NULL,
	`annotation_question` text NOT NULL,
	`annotation_content` text NOT NULL,
	`end_user_id` text,
	`account_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`annotation_id`) REFERENCES `message_annotations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `annotation_hits_annotation_idx` ON `app_annotation_hit_histories` (`annotation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `annotation_hits_app_idx` ON `app_annotation_hit_histories` (`app_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `app_annotation_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`error_msg` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `annotation_jobs_app_idx` ON `app_annotation_jobs` (`app_id`,`action`,`created_at`);--> statement-breakpoint
CREATE TABLE `app_annotation_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`score_threshold` real NOT NULL,
	`embedding_provider` text NOT NULL,
	`embedding_model` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_annotation_settings_app_id_unique` ON `app_annotation_settings` (`app_id`);--> statement-breakpoint
CREATE TABLE `message_annotations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`conversation_id` text,
	`message_id` text,
	`question` text NOT NULL,
	`content` text NOT NULL,
	`hit_count` integer DEFAULT 0 NOT NULL,
	`account_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_annotations_app_idx` ON `message_annotations` (`app_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `message_annotations_message_idx` ON `message_annotations` (`message_id`);--> statement-breakpoint
CREATE TABLE `finetune_examples` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`set_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`app_id` text,
	`prompt_messages` text NOT NULL,
	`answer` text NOT NULL,
	`original_answer` text NOT NULL,
	`is_edited` integer DEFAULT false NOT NULL,
	`is_dropped` integer DEFAULT false NOT NULL,
	`prompt_tokens` integer DEFAULT 0 NOT NULL,
	`answer_tokens` integer DEFAULT 0 NOT NULL,
	`source_created_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `finetune_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finetune_examples_source_idx` ON `finetune_examples` (`set_id`,`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `finetune_examples_set_idx` ON `finetune_examples` (`set_id`,`source_created_at`);--> statement-breakpoint
CREATE TABLE `finetune_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`set_id` text NOT NULL,
	`version` integer NOT NULL,
	`train_key` text NOT NULL,
	`validation_key` text,
	`train_count` integer NOT NULL,
	`validation_count` integer NOT NULL,
	`train_tokens` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `finetune_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finetune_exports_set_version_idx` ON `finetune_exports` (`set_id`,`version`);--> statement-breakpoint
CREATE TABLE `finetune_job_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`job_id` text NOT NULL,
	`provider_event_id` text NOT NULL,
	`level` text DEFAULT 'info' NOT NULL,
	`type` text DEFAULT 'message' NOT NULL,
	`message` text NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `finetune_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finetune_job_events_provider_idx` ON `finetune_job_events` (`job_id`,`provider_event_id`);--> statement-breakpoint
CREATE INDEX `finetune_job_events_job_idx` ON `finetune_job_events` (`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `finetune_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`set_id` text NOT NULL,
	`export_id` text NOT NULL,
	`export_version` integer NOT NULL,
	`provider` text NOT NULL,
	`base_model` text NOT NULL,
	`n_epochs` integer,
	`suffix` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`idempotency_key` text NOT NULL,
	`training_file_id` text,
	`validation_file_id` text,
	`provider_job_id` text,
	`fine_tuned_model` text,
	`trained_tokens` integer,
	`step` integer,
	`total_steps` integer,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`is_model_registered` integer DEFAULT false NOT NULL,
	`last_polled_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finetune_jobs_workspace_idx` ON `finetune_jobs` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `finetune_jobs_status_idx` ON `finetune_jobs` (`status`,`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `finetune_jobs_idempotency_idx` ON `finetune_jobs` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `finetune_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`validation_percent` integer DEFAULT 10 NOT NULL,
	`built_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finetune_sets_workspace_idx` ON `finetune_sets` (`workspace_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `app_active_gaps` (
	`app_id` text NOT NULL,
	`kind` text NOT NULL,
	`span` text NOT NULL,
	`at` integer NOT NULL,
	`gap` integer NOT NULL,
	`subjects` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`app_id`, `kind`, `span`, `at`, `gap`),
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `app_daily_actives` (
	`app_id` text NOT NULL,
	`day` integer NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`hours` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`app_id`, `kind`, `day`, `subject_id`),
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_daily_actives_subject_idx` ON `app_daily_actives` (`app_id`,`kind`,`subject_id`,`day`);--> statement-breakpoint
CREATE TABLE `app_hourly_stats` (
	`app_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`hour` integer NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`new_conversations` integer DEFAULT 0 NOT NULL,
	`conversation_messages` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`dislikes` integer DEFAULT 0 NOT NULL,
	`annotation_hits` integer DEFAULT 0 NOT NULL,
	`message_tokens` integer DEFAULT 0 NOT NULL,
	`answer_tokens` integer DEFAULT 0 NOT NULL,
	`total_price` real DEFAULT 0 NOT NULL,
	`latency_sum` real DEFAULT 0 NOT NULL,
	`provider_latency_sum` real DEFAULT 0 NOT NULL,
	`generate_time_sum` real DEFAULT 0 NOT NULL,
	`generate_tokens` integer DEFAULT 0 NOT NULL,
	`lat_0` integer DEFAULT 0 NOT NULL,
	`lat_1` integer DEFAULT 0 NOT NULL,
	`lat_2` integer DEFAULT 0 NOT NULL,
	`lat_3` integer DEFAULT 0 NOT NULL,
	`lat_4` integer DEFAULT 0 NOT NULL,
	`lat_5` integer DEFAULT 0 NOT NULL,
	`lat_6` integer DEFAULT 0 NOT NULL,
	`lat_7` integer DEFAULT 0 NOT NULL,
	`lat_8` integer DEFAULT 0 NOT NULL,
	`lat_9` integer DEFAULT 0 NOT NULL,
	`lat_10` integer DEFAULT 0 NOT NULL,
	`lat_11` integer DEFAULT 0 NOT NULL,
	`lat_12` integer DEFAULT 0 NOT NULL,
	`lat_13` integer DEFAULT 0 NOT NULL,
	`lat_14` integer DEFAULT 0 NOT NULL,
	`lat_15` integer DEFAULT 0 NOT NULL,
	`lat_16` integer DEFAULT 0 NOT NULL,
	`lat_17` integer DEFAULT 0 NOT NULL,
	`lat_18` integer DEFAULT 0 NOT NULL,
	`lat_19` integer DEFAULT 0 NOT NULL,
	`lat_20` integer DEFAULT 0 NOT NULL,
	`lat_21` integer DEFAULT 0 NOT NULL,
	`lat_22` integer DEFAULT 0 NOT NULL,
	`lat_23` integer DEFAULT 0 NOT NULL,
	`lat_24` integer DEFAULT 0 NOT NULL,
	`lat_25` integer DEFAULT 0 NOT NULL,
	`lat_26` integer DEFAULT 0 NOT NULL,
	`lat_27` integer DEFAULT 0 NOT NULL,
	`lat_28` integer DEFAULT 0 NOT NULL,
	`lat_29` integer DEFAULT 0 NOT NULL,
	`lat_30` integer DEFAULT 0 NOT NULL,
	`lat_31` integer DEFAULT 0 NOT NULL,
	`lat_32` integer DEFAULT 0 NOT NULL,
	`lat_33` integer DEFAULT 0 NOT NULL,
	`lat_34` integer DEFAULT 0 NOT NULL,
	`lat_35` integer DEFAULT 0 NOT NULL,
	`lat_36` integer DEFAULT 0 NOT NULL,
	`lat_37` integer DEFAULT 0 NOT NULL,
	`lat_38` integer DEFAULT 0 NOT NULL,
	`lat_39` integer DEFAULT 0 NOT NULL,
	`lat_40` integer DEFAULT 0 NOT NULL,
	`lat_41` integer DEFAULT 0 NOT NULL,
	`lat_42` integer DEFAULT 0 NOT NULL,
	`lat_43` integer DEFAULT 0 NOT NULL,
	`lat_44` integer DEFAULT 0 NOT NULL,
	`lat_45` integer DEFAULT 0 NOT NULL,
	`lat_46` integer DEFAULT 0 NOT NULL,
	`lat_47` integer DEFAULT 0 NOT NULL,
	`lat_48` integer DEFAULT 0 NOT NULL,
	`lat_49` integer DEFAULT 0 NOT NULL,
	`lat_50` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`app_id`, `hour`, `provider`, `model`),
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_hourly_stats_workspace_idx` ON `app_hourly_stats` (`workspace_id`,`hour`);