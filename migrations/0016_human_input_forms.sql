CREATE TABLE `workflow_human_input_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`workflow_run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`token_hash` text,
	`token_secret` text,
	`definition` text NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`action_id` text,
	`submitted_data` text,
	`submitted_by_role` text,
	`submitted_by` text,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workflow_run_id`) REFERENCES `workflow_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_human_input_forms_token_idx` ON `workflow_human_input_forms` (`token_hash`);--> statement-breakpoint
CREATE INDEX `workflow_human_input_forms_run_idx` ON `workflow_human_input_forms` (`workflow_run_id`);--> statement-breakpoint
CREATE INDEX `workflow_human_input_forms_waiting_idx` ON `workflow_human_input_forms` (`expires_at`) WHERE "workflow_human_input_forms"."status" = 'waiting';--> statement-breakpoint
ALTER TABLE `workflow_runs` ADD `paused_state` text;--> statement-breakpoint
ALTER TABLE `workflow_runs` ADD `resumed_at` integer;