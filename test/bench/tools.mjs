// Tools benchmarks (issue 8).
// 1. Tool-calling overhead: an agent turn that makes one tool call (built-in maths) on the
//    zero-latency fake provider costs two provider calls plus Kiln's work. A provider call "as a
//    Worker sees it" is the bare forwarding Worker's time minus the bare hello Worker's (the
//    client → workerd hop). Measured sequentially and interleaved with a plain chat turn on the
//    same provider. Two figures: `tool_step_added` = agent − chat − one provider call (what the
//    tool step adds to a chat turn), and `added_over_two_calls` = agent − hello − two provider
//    calls (everything Kiln does besides the two calls, including its own request handling and the
//    message log write that a chat turn also pays).
// 2. MCP server: tools/list + tools/call of a completion app through /mcp/server/:code/mcp vs the
//    app's own POST /v1/completion-messages (blocking), sequential, interleaved; tools/list is a
//    request of its own, so the bare hello Worker's time is reported beside it.
import http from "node:http";
import { percentile } from "./load.mjs";

const round = (n) => Math.round(n * 100) / 100;
const TOOL_QUERY = 'Please use tool eval_expression with {"expression":"6*7"}';

async function login(kiln) {
  const res = await fetch(`${kiln.url}/console/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
  });
  const token = (await res.json()).data.access_token;
  return async (method, path, body) => {
    const r = await fetch(`${kiln.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

/** POSTs JSON on a keep-alive agent and reads the whole answer; resolves {ms, status, body}. */
function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { agent, method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { requests: times.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

async function provision(call, providerUrl) {
  await call("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
    name: "tools",
    label: "Bench provider tools",
    base_url: providerUrl,
    api_key: "sk-bench-tools",
    models: [{ model: "gpt-4o-mini", model_type: "llm" }],
  });
  const model = { provider: "compat_tools", name: "gpt-4o-mini", mode: "chat", completion_params: {} };
  const app = async (mode, extra) => {
    const created = await call("POST", "/console/api/apps", { name: `Bench ${mode}`, mode });
    const config = await call("GET", `/console/api/apps/${created.id}/model-config`);
    const draft = config.model_config ?? config.config ?? config;
    await call("POST", `/console/api/apps/${created.id}/model-config`, { ...draft, model, ...extra });
    await call("POST", `/console/api/apps/${created.id}/publish`, {});
    const key = await call("POST", `/console/api/apps/${created.id}/api-keys`);
    return { id: created.id, key: key.token };
  };
  const agent = await app("agent-chat", {
    pre_prompt: "You are a benchmark agent.",
    agent_mode: {
      enabled: true,
      strategy: "function_call",
      max_iteration: 3,
      tools: [{ provider_type: "builtin", provider_id: "maths", provider_name: "maths", tool_name: "eval_expression", tool_label: "", tool_parameters: {}, enabled: true }],
    },
  });
  const chat = await app("chat", { pre_prompt: "You are a benchmark agent." });
  const completion = await app("completion", { pre_prompt: "Answer: {{query}}", user_input_form: [{ "text-input": { variable: "query", label: "Query", required: true, max_length: 200 } }] });
  return { agent, chat, completion };
}

export async function benchTools(kiln, providerUrl, { forwarderUrl, helloUrl, requests = 100 }) {
  const call = await login(kiln);
  const apps = await provision(call, providerUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const stream = (key, query) =>
    post(agent, `${kiln.url}/v1/chat-messages`, { authorization: `Bearer ${key}` }, { inputs: {}, query, response_mode: "streaming", user: "bench" });
  const forwarded = () => post(agent, `${forwarderUrl}/chat`, {}, { model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "hello" }] });
  const hello = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      http
        .get(`${helloUrl}/hello`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ ms: performance.now() - started }));
        })
        .on("error", reject);
    });

  // Sanity: the agent really calls the tool and answers from it.
  const probe = await stream(apps.agent.key, TOOL_QUERY);
  if (!probe.body.includes('"event": "agent_thought"') || !probe.body.includes("42")) {
    throw new Error(`agent bench: the turn did not call the tool: ${probe.body.slice(0, 600)}`);
  }
  const agentTimes = [];
  const chatTimes = [];
  const forwardTimes = [];
  const helloTimes = [];
  for (let i = 0; i < requests; i++) {
    agentTimes.push((await stream(apps.agent.key, TOOL_QUERY)).ms);
    chatTimes.push((await stream(apps.chat.key, "hello")).ms);
    forwardTimes.push((await forwarded()).ms);
    helloTimes.push((await hello()).ms);
  }
  const a = summary(agentTimes);
  const c = summary(chatTimes);
  const f = summary(forwardTimes);
  const h = summary(helloTimes);
  const providerCall = round(f.p50_ms - h.p50_ms);

  // MCP: the completion app as an MCP server.
  const server = await call("POST", `/console/api/apps/${apps.completion.id}/server`, { description: "Bench completion app" });
  const mcpUrl = `${kiln.url}/mcp/server/${server.server_code}/mcp`;
  const mcpHeaders = { authorization: `Bearer ${server.api_key}`, accept: "application/json, text/event-stream" };
  const rpc = (id, method, params) => post(agent, mcpUrl, mcpHeaders, { jsonrpc: "2.0", id, method, params });
  const init = await rpc(0, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "kiln-bench", version: "1" } });
  if (init.status !== 200) throw new Error(`mcp initialize: ${init.status} ${init.body.slice(0, 300)}`);
  const listed = JSON.parse((await rpc(1, "tools/list", {})).body);
  const toolName = listed.result?.tools?.[0]?.name;
  if (!toolName) throw new Error(`mcp tools/list: ${JSON.stringify(listed).slice(0, 300)}`);
  const mcpTimes = [];
  const listTimes = [];
  const callTimes = [];
  const apiTimes = [];
  const floorTimes = [];
  for (let i = 0; i < requests; i++) {
    const list = await rpc(2 * i + 2, "tools/list", {});
    const result = await rpc(2 * i + 3, "tools/call", { name: toolName, arguments: { query: `hello ${i}` } });
    listTimes.push(list.ms);
    callTimes.push(result.ms);
    mcpTimes.push(list.ms + result.ms);
    floorTimes.push((await hello()).ms);
    if (i === 0 && !result.body.includes("hello 0")) throw new Error(`mcp tools/call: ${result.body.slice(0, 300)}`);
    apiTimes.push(
      (await post(agent, `${kiln.url}/v1/completion-messages`, { authorization: `Bearer ${apps.completion.key}` }, { inputs: { query: `hello ${i}` }, response_mode: "blocking", user: "bench" })).ms,
    );
  }
  agent.destroy();
  const m = summary(mcpTimes);
  const api = summary(apiTimes);
  const list = summary(listTimes);
  const callOnly = summary(callTimes);
  const floor = summary(floorTimes);
  return [
    {
      name: "agent_tool_call_overhead",
      description: "streaming agent turn with one built-in tool call (2 provider calls, zero-latency fake) vs a plain chat turn (1 call) and a bare provider call, sequential",
      agent_turn: a,
      chat_turn: c,
      forwarder_call: f,
      hello: h,
      provider_call_p50_ms: providerCall,
      tool_step_added_p50_ms: round(a.p50_ms - c.p50_ms - providerCall),
      added_over_two_calls_p50_ms: round(a.p50_ms - h.p50_ms - 2 * providerCall),
      target_added_p50_ms: 10,
    },
    {
      name: "mcp_server_overhead",
      description: "tools/list + tools/call of a completion app through its MCP endpoint vs POST /v1/completion-messages (blocking), sequential",
      mcp_list_and_call: m,
      app_api: api,
      tools_list: list,
      tools_call: callOnly,
      hello: floor,
      added_p50_ms: round(m.p50_ms - api.p50_ms),
      // What MCP adds beyond the HTTP round trips themselves: tools/list over a bare hello
      // request, plus tools/call over the app's own API call.
      added_beyond_round_trips_p50_ms: round(list.p50_ms - floor.p50_ms + callOnly.p50_ms - api.p50_ms),
      target_added_p50_ms: 5,
    },
  ];
}
