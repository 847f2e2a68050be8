// Substring search with SQL LIKE: the user's own `%`, `_` and `\` are taken literally.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** `%keyword%` for LIKE … ESCAPE '\', with the keyword's wildcards escaped. */
export const containsPattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column LIKE pattern ESCAPE '\'` (case-insensitive for ASCII in SQLite). */
export const likeEscaped = (column: SQLWrapper, pattern: string): SQL => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
