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
 * A conflict on `target` (column keys) folds the new row into the stored one: each column of
 * `merge` becomes stored + new ("add") or stored | new ("or", for bit masks).
 */
export interface Upsert {
  target: readonly string[];
  merge: Readonly<Record<string, "add" | "or">>;
}

function conflictClause(table: SQLiteTable, columns: [string, SQLiteColumn][], opts: { ignoreConflicts?: boolean; upsert?: Upsert }) {
  if (opts.ignoreConflicts) return " ON CONFLICT DO NOTHING";
  if (!opts.upsert) return "";
  const name = (key: string) => {
    const column = columns.find(([k]) => k === key)?.[1];
    if (!column) throw new Error(`insertRows: ${getTableName(table)} has no column ${key}`);
    return quoted(column.name);
  };
  const sets = Object.entries(opts.upsert.merge).map(([k, op]) => `${name(k)} = ${name(k)} ${op === "add" ? "+" : "|"} excluded.${name(k)}`);
  return ` ON CONFLICT (${opts.upsert.target.map(name).join(", ")}) DO UPDATE SET ${sets.join(", ")}`;
}

/**
 * One INSERT of `rows`: with `ON CONFLICT DO NOTHING` when `ignoreConflicts` (unlike OR IGNORE,
 * a NOT NULL violation still fails), or merged into the stored row by `upsert`. The statement,
 * ready for a D1 batch.
 */
export function insertRows<T extends SQLiteTable>(
  d1: D1Database,
  table: T,
  rows: T["$inferInsert"][],
  opts: { ignoreConflicts?: boolean; upsert?: Upsert } = {},
): D1PreparedStatement {
  if (rows.length === 0) throw new Error("insertRows needs at least one row");
  const { columns, texts } = shapeOf(table);
  const upsertKey = opts.upsert ? `${opts.upsert.target.join(",")}:${Object.entries(opts.upsert.merge).join(",")}` : "";
  const key = `${rows.length}|${opts.ignoreConflicts ? 1 : 0}|${upsertKey}`;
  let text = texts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const names = columns.map(([, c]) => quoted(c.name)).join(", ");
    const values = Array.from({ length: rows.length }, () => tuple).join(", ");
    text = `INSERT INTO ${quoted(getTableName(table))} (${names}) VALUES ${values}${conflictClause(table, columns, opts)}`;
    // Upserts vary with their merged columns (a latency bucket each): bound the cache.
    if (texts.size >= 512) texts.clear();
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
