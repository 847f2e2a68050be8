// Chat benchmarks: time to first token through Kiln's /v1/chat-messages vs a bare forwarding
// Worker, and blocking chat throughput vs the same forwarder. Both against one fake provider.
import http from "node:http";
import { load, percentile } from "./load.mjs";

/** Sends one streaming request; resolves with ms until the first chunk carrying answer text. */
function timeToFirstToken(url, headers, body, isToken) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let buffer = "";
      let ttft = null;
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        if (ttft !== null) return;
        buffer += chunk;
        if (isToken(buffer)) ttft = performance.now() - started;
      });
      res.on("end", () => (ttft === null ? reject(new Error(`no token in: ${buffer.slice(0, 300)}`)) : resolve(ttft)));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

const round = (n) => Math.round(n * 100) / 100;

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

/** Creates an app on the fake provider, publishes it and returns an app key. */
/** A published chat app on the provider: its key, id and the owner's console token. */
export async function provisionChatApp(kiln, providerUrl, name) {
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const auth = { authorization: `Bearer ${login.data.access_token}`, "content-type": "application/json" };
  const call = async (method, path, body) => {
    const res = await fetch(`${kiln.url}${path}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  await call("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
    name,
    label: `Bench provider ${name}`,
    base_url: providerUrl,
    api_key: "sk-bench",
    models: [{ model: "gpt-4o-mini", model_type: "llm" }],
  });
  const app = await call("POST", "/console/api/apps", { name: `Bench chat ${name}`, mode: "chat" });
  const config = await call("GET", `/console/api/apps/${app.id}/model-config`);
  const draft = config.model_config ?? config.config ?? config;
  await call("POST", `/console/api/apps/${app.id}/model-config`, {
    ...draft,
    pre_prompt: "You are a benchmark assistant.",
    model: { provider: `compat_${name}`, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
  });
  await call("POST", `/console/api/apps/${app.id}/publish`, {});
  const key = await call("POST", `/console/api/apps/${app.id}/api-keys`);
  return { key: key.token, appId: app.id, token: login.data.access_token };
}

export async function provisionApp(kiln, providerUrl, name) {
  return (await provisionChatApp(kiln, providerUrl, name)).key;
}

/** A dashboard watching the app's live tail: counts the messages it is sent until stopped. */
function watchLiveTail(kilnUrl, { appId, token }) {
  const abort = new AbortController();
  let messages = 0;
  const done = (async () => {
    const res = await fetch(`${kilnUrl}/console/api/apps/${appId}/logs/tail`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: abort.signal,
    });
    if (res.status !== 200) throw new Error(`live tail → ${res.status} ${await res.text()}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const frames = buffer.split("\n\n");
      buffer = frames.pop();
      messages += frames.filter((f) => f.split("\n").some((line) => line.startsWith("data:"))).length;
    }
  })().catch((e) => {
    if (!abort.signal.aborted) throw e;
  });
  return {
    async stop() {
      // The tail polls once a second: give it time to deliver the last requests' messages.
      await new Promise((r) => setTimeout(r, 1500));
      abort.abort();
      await done;
      return messages;
    },
  };
}

export async function benchTtft({ kilnUrl, appKey, forwarderUrl, requests = 100 }) {
  const kiln = [];
  const bare = [];
  const kilnIsToken = (b) => /"event": "message", [^\n]*"answer": "[^"]/.test(b);
  const bareIsToken = (b) => /"content":"[^"]/.test(b);
  for (let i = 0; i < requests; i++) {
    // Interleave so both see the same machine conditions.
    kiln.push(
      await timeToFirstToken(
        `${kilnUrl}/v1/chat-messages`,
        { authorization: `Bearer ${appKey}` },
        { inputs: {}, query: `hello ${i}`, response_mode: "streaming", user: `bench-${i % 10}` },
        kilnIsToken,
      ),
    );
    bare.push(
      await timeToFirstToken(
        `${forwarderUrl}/chat`,
        {},
        { model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: `hello ${i}` }] },
        bareIsToken,
      ),
    );
  }
  const k = summary(kiln);
  const b = summary(bare);
  return {
    name: "chat_ttft_added_latency",
    description: "time to first token: Kiln /v1/chat-messages streaming vs a bare forwarding Worker, provider TTFT 50 ms",
    requests,
    kiln: k,
    baseline: b,
    added_p50_ms: round(k.p50_ms - b.p50_ms),
    added_p95_ms: round(k.p95_ms - b.p95_ms),
    target: { added_p50_ms: 5, added_p95_ms: 15 },
  };
}

export async function benchThroughput({ kilnUrl, appKey, forwarderUrl, concurrency = 8, durationMs = 8000, tail }) {
  const baseline = await load(`${forwarderUrl}/chat`, {
    method: "POST",
    concurrency,
    durationMs,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }),
  });
  const chats = (run) =>
    load(`${kilnUrl}/v1/chat-messages`, {
      method: "POST",
      concurrency,
      durationMs,
      headers: { "content-type": "application/json", authorization: `Bearer ${appKey}` },
      // Every request is a new end user, so the per-user rate limit measures nothing here.
      bodyFn: (i) => JSON.stringify({ inputs: {}, query: "hello", response_mode: "blocking", user: `bench-${run}-${i}` }),
    });
  const kiln = await chats("plain");
  // The same load while a dashboard watches the app's live tail (roll-ups are written either way).
  let withTail = null;
  if (tail) {
    const watcher = watchLiveTail(kilnUrl, tail);
    const loaded = await chats("tail");
    const received = await watcher.stop();
    withTail = { ...loaded, tail_messages_received: received, ratio_rps: Math.round((loaded.rps / baseline.rps) * 100) / 100 };
  }
  return {
    name: "chat_blocking_throughput",
    description: "blocking /v1/chat-messages per second vs a bare forwarding Worker, zero-latency provider",
    concurrency,
    duration_ms: durationMs,
    kiln,
    baseline,
    ratio_rps: Math.round((kiln.rps / baseline.rps) * 100) / 100,
    with_live_tail: withTail,
    target_ratio: 0.5,
  };
}
