// INSERTs for the hot write path (every message and workflow run logs rows): drizzle's query
// builder renders the SQL text anew for each request, a measurable share of a request's CPU for
// a 30-column row. Here the text is rendered once per table and row count and reused. Values
// are what drizzle's insert would bind: every column listed, a missing value taking the column's
// default (else NULL), each through the column's own driver mapping.
import { getTableColumns, getTableName, is, SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

interface Shape {
  columns: [string, SQLiteColumn][];
  texts: Map<string, string>;
}

const shapes = new WeakMap<SQLiteTable, Shape>();

function shapeOf(table: SQLiteTable): Shape {
  let shape = shapes.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
    for (const [key, column] of columns) {
      if (is(column.default, SQL)) throw new Error(`insertRows: ${getTableName(table)}.${key} has an SQL default`);
    }
    shape = { columns, texts: new Map() };
    shapes.set(table, shape);
  }
  return shape;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One INSERT of `rows`, with `ON CONFLICT DO NOTHING` when `ignoreConflicts` (unlike OR IGNORE,
 * a NOT NULL violation still fails). The statement, ready for a D1 batch.
 */
export function insertRows<T extends SQLiteTable>(
  d1: D1Database,
  table: T,
  rows: T["$inferInsert"][],
  opts: { ignoreConflicts?: boolean } = {},
): D1PreparedStatement {
  if (rows.length === 0) throw new Error("insertRows needs at least one row");
  const { columns, texts } = shapeOf(table);
  const key = `${rows.length}|${opts.ignoreConflicts ? 1 : 0}`;
  let text = texts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const names = columns.map(([, c]) => quoted(c.name)).join(", ");
    const values = Array.from({ length: rows.length }, () => tuple).join(", ");
    text = `INSERT INTO ${quoted(getTableName(table))} (${names}) VALUES ${values}${opts.ignoreConflicts ? " ON CONFLICT DO NOTHING" : ""}`;
    texts.set(key, text);
  }
  const params: unknown[] = [];
  for (const row of rows as Record<string, unknown>[]) {
    for (const [k, column] of columns) {
      const value = row[k] === undefined ? column.default : row[k];
      if (typeof value === "object" && value !== null && is(value, SQL)) throw new Error(`insertRows: ${k} is an SQL expression`);
      params.push(value === undefined || value === null ? null : column.mapToDriverValue(value));
    }
  }
  return d1.prepare(text).bind(...params);
}
