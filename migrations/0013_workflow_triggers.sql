CREATE TABLE `workflow_schedule_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`node_id` text NOT NULL,
	`cron_expression` text NOT NULL,
	`timezone` text NOT NULL,
	`next_run_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_schedule_plans_node_idx` ON `workflow_schedule_plans` (`app_id`,`node_id`);--> statement-breakpoint
CREATE INDEX `workflow_schedule_plans_due_idx` ON `workflow_schedule_plans` (`next_run_at`);--> statement-breakpoint
CREATE TABLE `workflow_webhook_triggers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`node_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_webhook_triggers_webhook_idx` ON `workflow_webhook_triggers` (`webhook_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_webhook_triggers_node_idx` ON `workflow_webhook_triggers` (`app_id`,`node_id`);