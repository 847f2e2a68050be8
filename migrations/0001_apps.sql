CREATE TABLE `app_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`version` integer NOT NULL,
	`config` text NOT NULL,
	`marked_name` text,
	`marked_comment` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_configs_app_version_idx` ON `app_configs` (`app_id`,`version`);--> statement-breakpoint
CREATE TABLE `apps` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`mode` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`icon_type` text DEFAULT 'emoji' NOT NULL,
	`icon` text DEFAULT '🤖' NOT NULL,
	`icon_background` text DEFAULT '#FFEAD5' NOT NULL,
	`enable_site` integer DEFAULT true NOT NULL,
	`enable_api` integer DEFAULT true NOT NULL,
	`published_config_id` text,
	`site_code` text NOT NULL,
	`site_title` text,
	`site_description` text,
	`site_copyright` text,
	`site_privacy_policy` text,
	`site_default_language` text DEFAULT 'en-US' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `apps_site_code_unique` ON `apps` (`site_code`);--> statement-breakpoint
CREATE INDEX `apps_workspace_idx` ON `apps` (`workspace_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`mode` text NOT NULL,
	`from_source` text NOT NULL,
	`end_user_id` text,
	`account_id` text,
	`name` text DEFAULT '' NOT NULL,
	`inputs` text DEFAULT '{}' NOT NULL,
	`introduction` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'normal' NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`is_deleted` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversations_app_user_idx` ON `conversations` (`app_id`,`end_user_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_app_idx` ON `conversations` (`app_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `end_users` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`type` text NOT NULL,
	`session_id` text NOT NULL,
	`is_anonymous` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `end_users_app_session_idx` ON `end_users` (`app_id`,`type`,`session_id`);--> statement-breakpoint
CREATE TABLE `message_feedbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`message_id` text NOT NULL,
	`rating` text NOT NULL,
	`content` text,
	`from_source` text NOT NULL,
	`end_user_id` text,
	`account_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_feedbacks_message_source_idx` ON `message_feedbacks` (`message_id`,`from_source`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`task_id` text NOT NULL,
	`from_source` text NOT NULL,
	`end_user_id` text,
	`account_id` text,
	`config_version` integer NOT NULL,
	`inputs` text DEFAULT '{}' NOT NULL,
	`query` text DEFAULT '' NOT NULL,
	`prompt_messages` text DEFAULT '[]' NOT NULL,
	`answer` text DEFAULT '' NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`message_tokens` integer DEFAULT 0 NOT NULL,
	`answer_tokens` integer DEFAULT 0 NOT NULL,
	`message_price` real DEFAULT 0 NOT NULL,
	`answer_price` real DEFAULT 0 NOT NULL,
	`total_price` real DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`time_to_first_token` real,
	`provider_latency` real DEFAULT 0 NOT NULL,
	`latency` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'normal' NOT NULL,
	`error` text,
	`reply_source` text DEFAULT 'model' NOT NULL,
	`files` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_app_idx` ON `messages` (`app_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_task_idx` ON `messages` (`task_id`);--> statement-breakpoint
CREATE TABLE `task_stops` (
	`task_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `upload_files` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text,
	`storage_key` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`extension` text NOT NULL,
	`mime_type` text NOT NULL,
	`created_by_role` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `upload_files_workspace_idx` ON `upload_files` (`workspace_id`);