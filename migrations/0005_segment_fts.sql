-- Full-text index over segment and child-chunk text (FTS5, bm25). drizzle-kit cannot describe
-- virtual tables, so this migration is written by hand. `segment_fts_rows` maps each FTS row to its
-- unit (a segment, or a child chunk in parent-child mode) so rows can be found and deleted by
-- document or dataset without scanning the index.
CREATE TABLE `segment_fts_rows` (
	`rowid` integer PRIMARY KEY AUTOINCREMENT,
	`unit_id` text NOT NULL,
	`segment_id` text NOT NULL,
	`document_id` text NOT NULL,
	`dataset_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segment_fts_rows_unit_idx` ON `segment_fts_rows` (`unit_id`);
--> statement-breakpoint
CREATE INDEX `segment_fts_rows_document_idx` ON `segment_fts_rows` (`document_id`);
--> statement-breakpoint
CREATE INDEX `segment_fts_rows_dataset_idx` ON `segment_fts_rows` (`dataset_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `segment_fts` USING fts5(content, keywords, tokenize = 'porter unicode61 remove_diacritics 2');
