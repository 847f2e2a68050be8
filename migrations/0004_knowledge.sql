CREATE TABLE `child_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`document_id` text NOT NULL,
	`segment_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`word_count` integer NOT NULL,
	`tokens` integer NOT NULL,
	`content_hash` text NOT NULL,
	`type` text DEFAULT 'automatic' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `child_chunks_segment_idx` ON `child_chunks` (`segment_id`,`position`);--> statement-breakpoint
CREATE INDEX `child_chunks_document_idx` ON `child_chunks` (`document_id`);--> statement-breakpoint
CREATE TABLE `dataset_metadata_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_metadata_name_idx` ON `dataset_metadata_fields` (`dataset_id`,`name`);--> statement-breakpoint
CREATE TABLE `dataset_queries` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`content` text NOT NULL,
	`source` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dataset_queries_dataset_idx` ON `dataset_queries` (`dataset_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `dataset_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`secret` text NOT NULL,
	`secret_hint` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_sources_dataset_id_unique` ON `dataset_sources` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`permission` text DEFAULT 'only_me' NOT NULL,
	`indexing_technique` text,
	`embedding_model_provider` text,
	`embedding_model` text,
	`retrieval_model` text,
	`process_rule` text,
	`doc_form` text DEFAULT 'text_model' NOT NULL,
	`enable_api` integer DEFAULT true NOT NULL,
	`built_in_field_enabled` integer DEFAULT false NOT NULL,
	`created_by` text,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `datasets_workspace_name_idx` ON `datasets` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`data_source_type` text NOT NULL,
	`file_key` text NOT NULL,
	`file_size` integer NOT NULL,
	`mime_type` text,
	`extension` text NOT NULL,
	`content_hash` text NOT NULL,
	`indexed_hash` text,
	`process_rule` text NOT NULL,
	`doc_form` text DEFAULT 'text_model' NOT NULL,
	`doc_language` text DEFAULT 'English' NOT NULL,
	`batch` text NOT NULL,
	`external_id` text,
	`created_from` text DEFAULT 'web' NOT NULL,
	`indexing_status` text DEFAULT 'waiting' NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`word_count` integer DEFAULT 0 NOT NULL,
	`tokens` integer DEFAULT 0 NOT NULL,
	`segment_count` integer DEFAULT 0 NOT NULL,
	`hit_count` integer DEFAULT 0 NOT NULL,
	`indexing_latency` real,
	`doc_metadata` text DEFAULT '{}' NOT NULL,
	`processing_started_at` integer,
	`parsing_completed_at` integer,
	`cleaning_completed_at` integer,
	`splitting_completed_at` integer,
	`completed_at` integer,
	`paused_at` integer,
	`stopped_at` integer,
	`disabled_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `documents_dataset_idx` ON `documents` (`dataset_id`,`position`);--> statement-breakpoint
CREATE INDEX `documents_batch_idx` ON `documents` (`dataset_id`,`batch`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_external_idx` ON `documents` (`dataset_id`,`external_id`);--> statement-breakpoint
CREATE TABLE `local_vector_namespaces` (
	`namespace` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `local_vectors` (
	`id` text PRIMARY KEY NOT NULL,
	`namespace` text NOT NULL,
	`values` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `local_vectors_namespace_idx` ON `local_vectors` (`namespace`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`document_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`answer` text,
	`word_count` integer NOT NULL,
	`tokens` integer NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`content_hash` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'completed' NOT NULL,
	`hit_count` integer DEFAULT 0 NOT NULL,
	`disabled_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `segments_document_idx` ON `segments` (`document_id`,`position`);--> statement-breakpoint
CREATE INDEX `segments_dataset_idx` ON `segments` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`delivery_id` text,
	`kind` text NOT NULL,
	`status` integer NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_dataset_idx` ON `webhook_deliveries` (`dataset_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_delivery_idx` ON `webhook_deliveries` (`dataset_id`,`delivery_id`);