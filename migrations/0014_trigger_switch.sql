ALTER TABLE `workflow_schedule_plans` ADD `enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `workflow_webhook_triggers` ADD `enabled` integer DEFAULT true NOT NULL;