CREATE TABLE `commit_markers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commit_markers_created_idx` ON `commit_markers` (`created_at`);