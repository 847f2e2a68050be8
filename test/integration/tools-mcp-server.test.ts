// Apps as MCP servers, called by the SDK's real MCP client through the Worker, and apps as tools
// through the registry: the input form becomes the tool's schema, a call runs the published app.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { callTool, listToolProviders, resolveTool } from "../../src/tools/registry";
import { SERVICE_RATE_LIMITS } from "../../src/middleware/rate-limit";
import YAML from "yaml";
import { eventually, graphEdge, graphNode, newOwner, newServiceApp, type Owner, publishedWorkflowApp, rows, v1 } from "../support/apps";
import { callJson } from "../support/console";
import { newWorkflowApp, theOwner } from "./webapp-workflow-helpers";

const COMPLETION_FORM = [
  { "text-input": { variable: "topic", label: "Topic", required: true, max_length: 50 } },
  { select: { variable: "tone", label: "Tone", options: ["calm", "loud"] } },
  { number: { variable: "count", label: "Count" } },
];
const COMPLETION_CONFIG = { pre_prompt: "Write about {{topic}} in a {{tone}} tone, {{count}} lines.", user_input_form: COMPLETION_FORM };

const workerFetch = ((url: string | URL, init?: RequestInit) => exports.default.fetch(new Request(url, init))) as typeof fetch;

async function connect(serverUrl: string, key: string) {
  const client = new Client({ name: "kiln-test", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  const transport = new StreamableHTTPClientTransport(new URL(serverUrl), {
    fetch: workerFetch,
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

/** A raw JSON-RPC POST to an app's MCP endpoint. */
function rpc(serverUrl: string, key: string | null, body: unknown = { jsonrpc: "2.0", id: 1, method: "tools/list" }) {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return exports.default.fetch(new Request(serverUrl, { method: "POST", headers, body: JSON.stringify(body) }));
}

const serverPath = (appId: string) => `/console/api/apps/${appId}/server`;

let owner: Owner;

beforeAll(async () => {
  owner = await newOwner();
});

describe("an app as an MCP server", () => {
  it("keeps a completion app's own `query` input (Dify's default form) as an input", async () => {
    const config = { pre_prompt: "Answer: {{query}}", user_input_form: [{ "text-input": { variable: "query", label: "Query", required: true } }] };
    const app = await newServiceApp(owner, { mode: "completion", name: "Query Form", config });
    const created = await callJson("POST", serverPath(app.appId), { token: owner.token, body: {} });
    const client = await connect(created.body.server_url, created.body.api_key);
    const { tools } = await client.listTools();
    expect(tools[0].inputSchema.required).toEqual(["query"]);
    const answer = await client.callTool({ name: "query_form", arguments: { query: "where is the moon" } });
    expect(answer.isError).toBeFalsy();
    expect((answer.content as any[])[0].text).toContain("Answer: where is the moon");
    await client.close();
  });

  it("serves a completion app: initialize, tools/list from the form, tools/call answers", async () => {
    const app = await newServiceApp(owner, { mode: "completion", name: "Trip Writer", config: COMPLETION_CONFIG });
    const created = await callJson("POST", serverPath(app.appId), {
      token: owner.token,
      body: { description: "Writes about a topic", parameters: { topic: "What to write about" } },
    });
    expect(created.status).toBe(201);
    expect(created.body.api_key).toMatch(/^mcp-[A-Za-z0-9]{32}$/);
    expect(created.body).toMatchObject({ status: "active", description: "Writes about a topic", parameters: { topic: "What to write about" } });
    expect(created.body.server_url).toBe(`http://kiln.test/mcp/server/${created.body.server_code}/mcp`);
    const shown = await callJson("GET", serverPath(app.appId), { token: owner.token });
    expect(shown.status).toBe(200);
    expect(shown.body.api_key).toBeUndefined();
    expect(shown.body.key_hint).toBe(`${created.body.api_key.slice(0, 8)}…${created.body.api_key.slice(-4)}`);

    const client = await connect(created.body.server_url, created.body.api_key);
    expect(client.getServerVersion()?.name).toBe("Trip Writer");
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: "trip_writer", description: "Writes about a topic" });
    expect(tools[0].inputSchema).toEqual({
      type: "object",
      properties: {
        topic: { type: "string", description: "What to write about", maxLength: 50 },
        tone: { type: "string", description: "Tone", enum: ["calm", "loud"] },
        count: { type: "number", description: "Count" },
      },
      required: ["topic"],
    });
    const answer = await client.callTool({ name: "trip_writer", arguments: { topic: "cats", tone: "calm", count: 3 } });
    expect(answer.isError).toBeFalsy();
    expect((answer.content as any[])[0].text).toContain('You said: "Write about cats in a calm tone, 3 lines."');

    // Inputs the app refuses are the tool's error, so the calling model can fix them.
    const refused = await client.callTool({ name: "trip_writer", arguments: { tone: "calm" } });
    expect(refused.isError).toBe(true);
    expect((refused.content as any[])[0].text).toMatch(/topic is required/);
    const badSelect = await client.callTool({ name: "trip_writer", arguments: { topic: "cats", tone: "angry" } });
    expect(badSelect.isError).toBe(true);
    await expect(client.callTool({ name: "other_tool", arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();

    // Logged as a Service API message of the server's own end user.
    const logged = await eventually(async () => {
      const found = await rows("SELECT m.from_source, e.session_id FROM messages m JOIN end_users e ON e.id = m.end_user_id WHERE m.app_id = ?", app.appId);
      return found.length >= 1 ? found : null;
    });
    expect(logged[0]).toEqual({ from_source: "api", session_id: `mcp-${created.body.id}` });
  });

  it("serves a chat app with a required query, and a workflow app's outputs as JSON", async () => {
    const chat = await newServiceApp(owner, { mode: "chat", name: "Helper Bot", config: { pre_prompt: "Be brief." } });
    const chatServer = (await callJson("POST", serverPath(chat.appId), { token: owner.token })).body;
    let client = await connect(chatServer.server_url, chatServer.api_key);
    const [tool] = (await client.listTools()).tools;
    expect(tool.inputSchema).toMatchObject({ properties: { query: { type: "string" } }, required: ["query"] });
    const reply = await client.callTool({ name: tool.name, arguments: { query: "hello there" } });
    expect((reply.content as any[])[0].text).toContain('You said: "hello there"');
    const noQuery = await client.callTool({ name: tool.name, arguments: {} });
    expect(noQuery.isError).toBe(true);
    await client.close();

    const wfOwner = await theOwner();
    const wf = await newWorkflowApp();
    const wfServer = (await callJson("POST", serverPath(wf.id), { token: wfOwner.token })).body;
    await callJson("POST", `/console/api/apps/${wf.id}/api-enable`, { token: wfOwner.token, body: { enable_api: true } });
    client = await connect(wfServer.server_url, wfServer.api_key);
    const [wfTool] = (await client.listTools()).tools;
    expect(wfTool.inputSchema).toMatchObject({ required: ["topic"], properties: { topic: { maxLength: 30 }, tone: { enum: ["plain", "loud"] } } });
    const out = await client.callTool({ name: wfTool.name, arguments: { topic: "owls", tone: "loud" } });
    expect(JSON.parse((out.content as any[])[0].text)).toEqual({ text: "Notes on owls (loud)", topic: "owls" });
    await client.close();
  });

  it("refuses a missing or wrong key (401), an unknown server (404), GET (405)", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    const server = (await callJson("POST", serverPath(app.appId), { token: owner.token })).body;
    expect((await rpc(server.server_url, null)).status).toBe(401);
    expect((await rpc(server.server_url, "mcp-wrongwrongwrongwrongwrongwrongwron")).status).toBe(401);
    expect((await rpc(server.server_url, app.key)).status).toBe(401);
    expect((await rpc("http://kiln.test/mcp/server/nosuchcode/mcp", server.api_key)).status).toBe(404);
    const get = await exports.default.fetch(new Request(server.server_url, { headers: { authorization: `Bearer ${server.api_key}` } }));
    expect(get.status).toBe(405);
    const ok = await rpc(server.server_url, server.api_key);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).result.tools).toHaveLength(1);
    // A real client sees the refusal too.
    await expect(connect(server.server_url, "mcp-wrong")).rejects.toThrow();
  });

  it("answers a body that is not JSON-RPC with JSON-RPC's parse error, and a body over 1 MB with 413", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    const server = (await callJson("POST", serverPath(app.appId), { token: owner.token })).body;
    const post = (body: BodyInit, extra: Record<string, string> = {}) =>
      exports.default.fetch(
        new Request(server.server_url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${server.api_key}`, ...extra },
          body,
        }),
      );
    for (const [body, message] of [
      ["{not json", /Parse error: Invalid JSON$/],
      ["", /Parse error: Invalid JSON$/],
      ['{"hello":"world"}', /Invalid JSON-RPC message/],
    ] as const) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32700, message: expect.stringMatching(message) }, id: null });
    }
    // The transport still checks what the client accepts before anything else.
    const notAcceptable = await post(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), { accept: "application/json" });
    expect(notAcceptable.status).toBe(406);
    // Over the limit, with a length declared or streamed without one.
    const huge = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { pad: "x".repeat(1024 * 1024) } });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: "payload_too_large", status: 413 });
    const bytes = new TextEncoder().encode(huge);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await post(streamed);
    expect(chunked.status).toBe(413);
    // A well-formed message right after is answered.
    expect((await rpc(server.server_url, server.api_key)).status).toBe(200);
  });

  it("limits each server key per minute (429 with Retry-After), not the app's own key", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    const server = (await callJson("POST", serverPath(app.appId), { token: owner.token })).body;
    const batch = 50;
    for (let sent = 0; sent < SERVICE_RATE_LIMITS.perApiKey; sent += batch) {
      const results = await Promise.all(Array.from({ length: batch }, () => rpc(server.server_url, server.api_key)));
      expect(results.every((r) => r.status === 200)).toBe(true);
    }
    const refused = await rpc(server.server_url, server.api_key);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "too_many_requests", status: 429 });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    // The app's Service API key has its own budget.
    expect((await v1(app.key, "GET", "/meta")).status).toBe(200);
  });

  it("an inactive server or an app with its API disabled answers 403", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    const server = (await callJson("POST", serverPath(app.appId), { token: owner.token })).body;
    const off = await callJson("PUT", serverPath(app.appId), { token: owner.token, body: { status: "inactive" } });
    expect(off.body.status).toBe("inactive");
    expect((await rpc(server.server_url, server.api_key)).status).toBe(403);
    await callJson("PUT", serverPath(app.appId), { token: owner.token, body: { status: "active" } });
    expect((await rpc(server.server_url, server.api_key)).status).toBe(200);
    await callJson("POST", `/console/api/apps/${app.appId}/api-enable`, { token: owner.token, body: { enable_api: false } });
    expect((await rpc(server.server_url, server.api_key)).status).toBe(403);
  });

  it("refresh rotates the URL and the key; the old ones stop working", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    const first = (await callJson("POST", serverPath(app.appId), { token: owner.token })).body;
    expect((await rpc(first.server_url, first.api_key)).status).toBe(200);
    const again = await callJson("POST", serverPath(app.appId), { token: owner.token });
    expect(again.status).toBe(409);
    const rotated = await callJson("POST", `${serverPath(app.appId)}/refresh`, { token: owner.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.server_code).not.toBe(first.server_code);
    expect(rotated.body.api_key).not.toBe(first.api_key);
    expect((await rpc(first.server_url, first.api_key)).status).toBe(404);
    expect((await rpc(rotated.body.server_url, first.api_key)).status).toBe(401);
    expect((await rpc(rotated.body.server_url, rotated.body.api_key)).status).toBe(200);
  });

  it("another workspace's member cannot read, change or rotate the server; bad fields are refused", async () => {
    const app = await newServiceApp(owner, { mode: "completion", config: COMPLETION_CONFIG });
    expect((await callJson("GET", serverPath(app.appId), { token: owner.token })).status).toBe(404);
    await callJson("POST", serverPath(app.appId), { token: owner.token });
    const stranger = await newOwner();
    expect((await callJson("GET", serverPath(app.appId), { token: stranger.token })).status).toBe(404);
    expect((await callJson("POST", serverPath(app.appId), { token: stranger.token })).status).toBe(404);
    expect((await callJson("PUT", serverPath(app.appId), { token: stranger.token, body: { status: "inactive" } })).status).toBe(404);
    expect((await callJson("POST", `${serverPath(app.appId)}/refresh`, { token: stranger.token })).status).toBe(404);
    const bad = await callJson("PUT", serverPath(app.appId), { token: owner.token, body: { status: "paused" } });
    expect(bad.status).toBe(400);
  });
});

describe("apps as tools", () => {
  it("lists published apps as providers and runs one through the registry", async () => {
    const app = await newServiceApp(owner, { mode: "completion", name: "Poem Maker", config: COMPLETION_CONFIG });
    const draftOnly = await newServiceApp(owner, { mode: "completion", name: "Unpublished", publish: false });
    const providers = await listToolProviders(owner.wctx, "workflow");
    expect(providers.some((p) => p.id === draftOnly.appId)).toBe(false);
    const provider = providers.find((p) => p.id === app.appId)!;
    expect(provider).toMatchObject({ type: "workflow", name: "poem_maker", label: "Poem Maker", is_team_authorization: true });
    expect(provider.tools[0].parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ["topic", "string", true],
      ["tone", "select", false],
      ["count", "number", false],
    ]);
    const tool = await resolveTool(owner.wctx, { provider_type: "workflow", provider_id: app.appId, tool_name: "poem_maker" });
    const result = await callTool(tool, { topic: "rain", tone: "loud", count: 2 });
    expect(result.text).toContain('You said: "Write about rain in a loud tone, 2 lines."');
    await expect(callTool(tool, { tone: "loud" })).rejects.toThrow(/topic is required/);
    await expect(resolveTool(owner.wctx, { provider_type: "workflow", provider_id: draftOnly.appId, tool_name: "unpublished" })).rejects.toThrow(/not found/);
    const stranger = await newOwner();
    await expect(resolveTool(stranger.wctx, { provider_type: "workflow", provider_id: app.appId, tool_name: "poem_maker" })).rejects.toThrow(/not found/);
  });

  it("answers a workflow app's run that was stopped (over its step limit) as the tool's error, not as its outputs", async () => {
    // 600 items, a body node each: the run passes Dify's 500 steps and is aborted.
    const dsl = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Long Walk", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [
            graphNode("start", { type: "start", variables: [] }),
            graphNode("items", { type: "code", code_language: "javascript", code: "function main() { return { xs: Array.from({ length: 600 }, (_, i) => i) }; }", variables: [], outputs: { xs: { type: "array[number]" } } }),
            graphNode("walk", { type: "iteration", start_node_id: "walkstart", iterator_selector: ["items", "xs"], output_selector: ["step", "output"] }),
            graphNode("walkstart", { type: "iteration-start" }, { parentId: "walk" }),
            graphNode("step", { type: "template-transform", template: "{{ n }}", variables: [{ variable: "n", value_selector: ["walk", "item"] }] }, { parentId: "walk" }),
            graphNode("end", { type: "end", outputs: [{ variable: "out", value_selector: ["walk", "output"] }] }),
          ],
          edges: [graphEdge("start", "items"), graphEdge("items", "walk"), graphEdge("walkstart", "step"), graphEdge("walk", "end")],
        },
        features: {},
      },
    });
    const { appId } = await publishedWorkflowApp(owner.token, dsl);
    const tool = await resolveTool(owner.wctx, { provider_type: "workflow", provider_id: appId, tool_name: "long_walk" });
    expect(await callTool(tool, {})).toEqual({ text: "Run stopped: Aborted: Maximum execution steps exceeded: 501 > 500", isError: true });
  });
});
