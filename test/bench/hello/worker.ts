// The baseline for benchmarks: a bare Hono Worker on the same runtime.
import { Hono } from "hono";

const app = new Hono();
app.get("/health", (c) => c.json({ status: "ok" }));
app.get("/hello", (c) => c.json({ hello: "world" }));

export default app;
