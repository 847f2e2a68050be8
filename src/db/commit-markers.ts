// One row per group-committed caller (lib/group-commit.ts), written in the same transaction as its
// statements: a second attempt at the same caller fails on it, so its rows land exactly once.
// Rows older than an hour are removed by the writer.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const commitMarkers = sqliteTable(
  "commit_markers",
  {
    id: text("id").primaryKey(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("commit_markers_created_idx").on(t.createdAt)],
);
