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

// A recorded streaming run with nothing else in it: read a JSON body, answer an event stream, and
// write one D1 batch before the last event (a run is committed before the client hears it is
// over), after one turn of the event loop that lets the first event out first, as Kiln's engine
// does. The workflow benchmark reports it beside the fixed JSON answer, as the floor that shape
// sets when each run makes its own write (Kiln groups concurrent runs' writes into fewer batches).
app.post("/stream/recorded", async (c) => {
  await c.req.json();
  const db = c.env.DB;
  const encoder = new TextEncoder();
  let step = 0;
  const stream = new ReadableStream({
    async pull(controller) {
      if (step++ === 0) {
        controller.enqueue(encoder.encode('data: {"event": "workflow_started"}\n\n'));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      await db.batch([
        db.prepare("CREATE TABLE IF NOT EXISTS bench_writes (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)"),
        db.prepare("INSERT INTO bench_writes (at) VALUES (?)").bind(Date.now()),
      ]);
      controller.enqueue(encoder.encode('data: {"event": "workflow_finished"}\n\n'));
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream" } });
});

export default app;
