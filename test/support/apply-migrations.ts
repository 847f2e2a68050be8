// Runs before every workers test file. The project runs its files in one runtime
// (`isolate: false`: loading the Worker's module graph once instead of once per file is most of
// the suite's time), so each file starts by emptying the shared local D1 database and applying
// the migrations again: every file still sees a database as fresh as a new install's.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

type Entry = { name: string; type: string; sql: string | null };

async function schemaEntries(): Promise<Entry[]> {
  const { results } = await env.DB.prepare(
    "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<Entry>();
  return results;
}

async function dropAll(): Promise<void> {
  // Virtual tables first: dropping one drops its shadow tables, which cannot be dropped alone.
  const first = await schemaEntries();
  const virtual = first.filter((e) => e.type === "table" && /^CREATE VIRTUAL TABLE/i.test(e.sql ?? ""));
  const views = first.filter((e) => e.type === "view");
  if (views.length + virtual.length > 0) {
    await env.DB.batch([
      ...views.map((e) => env.DB.prepare(`DROP VIEW IF EXISTS "${e.name}"`)),
      ...virtual.map((e) => env.DB.prepare(`DROP TABLE IF EXISTS "${e.name}"`)),
    ]);
  }
  const tables = (await schemaEntries()).filter((e) => e.type === "table");
  if (tables.length === 0) return;
  // One transaction with foreign keys checked at commit, when every table is gone; newest first,
  // so a table goes before the tables it references (a drop's implicit delete cascades through
  // its children, which must still find their other parents).
  await env.DB.batch([
    env.DB.prepare("PRAGMA defer_foreign_keys = on"),
    ...tables.reverse().map((e) => env.DB.prepare(`DROP TABLE IF EXISTS "${e.name}"`)),
  ]);
}

await dropAll();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
