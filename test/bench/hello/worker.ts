// The baseline for benchmarks: a bare Hono Worker on the same runtime. Its /d1 routes measure
// what the local runtime itself charges for D1 round trips, the floor under every Kiln request
// that reads or writes.
import { Hono } from "hono";

const app = new Hono<{ Bindings: { DB: D1Database } }>();
app.get("/health", (c) => c.json({ status: "ok" }));
app.get("/hello", (c) => c.json({ hello: "world" }));
app.get("/d1/read", async (c) => c.json(await c.env.DB.prepare("SELECT 1 AS one").first()));
app.get("/d1/read2", async (c) => {
  await c.env.DB.prepare("SELECT 1 AS one").first();
  return c.json(await c.env.DB.prepare("SELECT 2 AS two").first());
});
app.get("/d1/write", async (c) => {
  await c.env.DB.batch([
    c.env.DB.prepare("CREATE TABLE IF NOT EXISTS bench_writes (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)"),
    c.env.DB.prepare("INSERT INTO bench_writes (at) VALUES (?)").bind(Date.now()),
  ]);
  return c.json({ written: true });
});

export default app;
