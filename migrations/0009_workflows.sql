CREATE TABLE `workflow_conversation_variables` (
	`id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`name` text NOT NULL,
	`value_type` text NOT NULL,
	`value` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `id`),
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workflow_node_executions` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_run_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`index` integer NOT NULL,
	`predecessor_node_id` text,
	`node_id` text NOT NULL,
	`node_type` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`inputs` text,
	`process_data` text,
	`outputs` text,
	`status` text NOT NULL,
	`error` text,
	`elapsed_time` real DEFAULT 0 NOT NULL,
	`execution_metadata` text,
	`iteration_id` text,
	`loop_id` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`workflow_run_id`) REFERENCES `workflow_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workflow_node_executions_run_idx` ON `workflow_node_executions` (`workflow_run_id`,`index`);--> statement-breakpoint
CREATE TABLE `workflow_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`version` text NOT NULL,
	`type` text NOT NULL,
	`triggered_from` text NOT NULL,
	`created_from` text,
	`status` text NOT NULL,
	`inputs` text DEFAULT '{}' NOT NULL,
	`outputs` text,
	`error` text,
	`elapsed_time` real DEFAULT 0 NOT NULL,
	`total_tokens` integer DEFAULT 0 NOT NULL,
	`total_steps` integer DEFAULT 0 NOT NULL,
	`exceptions_count` integer DEFAULT 0 NOT NULL,
	`created_by_role` text NOT NULL,
	`created_by` text NOT NULL,
	`conversation_id` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workflow_runs_app_idx` ON `workflow_runs` (`app_id`,`triggered_from`,`created_at`);--> statement-breakpoint
CREATE INDEX `workflow_runs_status_idx` ON `workflow_runs` (`app_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`type` text NOT NULL,
	`version` text NOT NULL,
	`graph` text NOT NULL,
	`features` text DEFAULT '{}' NOT NULL,
	`environment_variables` text DEFAULT '[]' NOT NULL,
	`conversation_variables` text DEFAULT '[]' NOT NULL,
	`hash` text NOT NULL,
	`marked_name` text DEFAULT '' NOT NULL,
	`marked_comment` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflows_app_version_idx` ON `workflows` (`app_id`,`version`);--> statement-breakpoint
CREATE INDEX `workflows_app_created_idx` ON `workflows` (`app_id`,`created_at`);