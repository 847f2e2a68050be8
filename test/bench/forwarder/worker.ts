// The baseline for chat benchmarks: a bare Hono Worker that only forwards a chat completion
// request to the provider (PROVIDER_URL) and streams the answer back.
import { Hono } from "hono";

const app = new Hono<{ Bindings: { PROVIDER_URL: string } }>();
app.get("/health", (c) => c.json({ status: "ok" }));
app.post("/chat", async (c) => {
  const upstream = await fetch(`${c.env.PROVIDER_URL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
    body: await c.req.text(),
  });
  return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
});

export default app;
