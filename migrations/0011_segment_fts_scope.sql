-- Each full-text row carries its dataset as one token in a `scope` column, so a search matches
-- only the datasets asked for inside FTS5 (the two posting lists are intersected) instead of
-- scoring every workspace's matching rows and filtering them afterwards. An FTS5 table cannot
-- gain a column, so it is rebuilt from the old one (which stores its text) and renamed.
-- Written by hand: drizzle-kit cannot describe virtual tables.
CREATE VIRTUAL TABLE `segment_fts_scoped` USING fts5(content, keywords, scope, tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `segment_fts_scoped` (rowid, content, keywords, scope)
  SELECT f.rowid, f.content, f.keywords, 'ds' || replace(r.dataset_id, '-', '')
  FROM `segment_fts` f JOIN `segment_fts_rows` r ON r.rowid = f.rowid;
--> statement-breakpoint
DROP TABLE `segment_fts`;
--> statement-breakpoint
ALTER TABLE `segment_fts_scoped` RENAME TO `segment_fts`;
