CREATE TABLE `app_mcp_servers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`app_id` text NOT NULL,
	`server_code` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_hint` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`parameters` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_mcp_servers_app_idx` ON `app_mcp_servers` (`app_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `app_mcp_servers_code_idx` ON `app_mcp_servers` (`server_code`);--> statement-breakpoint
CREATE TABLE `tool_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`icon` text DEFAULT '{}' NOT NULL,
	`schema_type` text,
	`schema` text,
	`tools` text DEFAULT '[]' NOT NULL,
	`server_url` text,
	`transport` text,
	`credentials` text,
	`last_error` text,
	`refreshed_at` integer,
	`privacy_policy` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tool_providers_name_idx` ON `tool_providers` (`workspace_id`,`name`);--> statement-breakpoint
CREATE INDEX `tool_providers_kind_idx` ON `tool_providers` (`workspace_id`,`kind`);--> statement-breakpoint
ALTER TABLE `messages` ADD `agent_thoughts` text DEFAULT '[]' NOT NULL;