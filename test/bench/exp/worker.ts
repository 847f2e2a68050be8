import { Hono } from "hono";
const app = new Hono<{ Bindings: { DB: D1Database } }>();
app.get("/health", (c) => c.json({ status: "ok" }));
app.get("/hello", (c) => c.json({ hello: "world" }));
app.post("/post", async (c) => { await c.req.json(); return c.json({ hello: "world" }); });
const enc = new TextEncoder();
app.post("/stream/once", async (c) => {
  await c.req.json();
  const stream = new ReadableStream({ start(ctl) { ctl.enqueue(enc.encode('data: {"event": "workflow_started"}\n\ndata: {"event": "workflow_finished"}\n\n')); ctl.close(); } });
  return new Response(stream, { headers: { "content-type": "text/event-stream" } });
});
app.post("/stream/plain", async (c) => {
  await c.req.json();
  let step = 0;
  const stream = new ReadableStream({ async pull(ctl) {
    if (step++ === 0) { ctl.enqueue(enc.encode('data: {"event": "workflow_started"}\n\n')); return; }
    await new Promise((r) => setTimeout(r, 0));
    ctl.enqueue(enc.encode('data: {"event": "workflow_finished"}\n\n')); ctl.close();
  } });
  return new Response(stream, { headers: { "content-type": "text/event-stream" } });
});
app.post("/stream/ts", async (c) => {
  await c.req.json();
  const { readable, writable } = new TransformStream();
  const w = writable.getWriter();
  (async () => { await w.write(enc.encode('data: {"event": "workflow_started"}\n\n')); await new Promise((r) => setTimeout(r, 0)); await w.write(enc.encode('data: {"event": "workflow_finished"}\n\n')); await w.close(); })();
  return new Response(readable, { headers: { "content-type": "text/event-stream" } });
});
app.post("/json/d1", async (c) => {
  await c.req.json();
  const db = c.env.DB;
  await db.batch([db.prepare("CREATE TABLE IF NOT EXISTS bench_writes (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)"), db.prepare("INSERT INTO bench_writes (at) VALUES (?)").bind(Date.now())]);
  return c.json({ hello: "world" });
});
export default app;
