// One D1 batch (a single transaction) mixing drizzle query builders and raw `sql` statements.
// drizzle's own batch cannot bind parameters of raw `db.run(sql)` statements, so both kinds are
// rendered to SQL text plus parameters here and sent through the D1 binding.
import { type SQL, is, SQL as SQLClass } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

const dialect = new SQLiteAsyncDialect();

export type BatchStatement = SQL | { toSQL(): { sql: string; params: unknown[] } };

export async function runBatch(d1: D1Database, statements: BatchStatement[]): Promise<void> {
  if (!statements.length) return;
  const prepared = statements.map((s) => {
    const q = is(s, SQLClass) ? dialect.sqlToQuery(s as SQL) : (s as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    return d1.prepare(q.sql).bind(...q.params);
  });
  await d1.batch(prepared);
}
