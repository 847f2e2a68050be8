// MCP servers as tool providers, against the real MCP test server (Streamable HTTP and SSE): add
// through the console API, list, call through the registry, and every way a server can fail.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { callTool, resolveTool } from "../../src/tools/registry";
import { newOwner, type Owner } from "../support/apps";
import { callJson } from "../support/console";

const origin = inject("mcpTestUrl");
const TOKEN = "test-mcp-token";
const auth = { Authorization: `Bearer ${TOKEN}` };
const PATH = "/console/api/workspaces/current/tool-provider/mcp";

let owner: Owner;
let n = 0;
const uniqueName = (tag: string) => `${tag}-${++n}`;

function addProvider(body: Record<string, unknown>, token = owner.token) {
  return callJson("POST", PATH, { token, body: { name: uniqueName("mcp"), ...body } });
}

const call = (providerId: string, tool: string, args: Record<string, unknown>, timeoutMs?: number) =>
  resolveTool(owner.wctx, { provider_type: "mcp", provider_id: providerId, tool_name: tool }).then((t) => callTool(t, args, { timeoutMs }));

beforeAll(async () => {
  owner = await newOwner();
});

describe("MCP tool providers", () => {
  it("adds a Streamable HTTP server: its tools are listed with their schemas, headers only masked", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp`, transport: "streamable_http", headers: auth });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: "mcp", is_team_authorization: true, error: null, transport: "streamable_http" });
    expect(r.body.tools.map((t: any) => t.name)).toEqual(["add", "echo", "slow", "fail"]);
    const add = r.body.tools[0];
    expect(add.parameters).toEqual([
      { name: "a", label: "a", description: "first addend", type: "number", form: "llm", required: true },
      { name: "b", label: "b", description: "second addend", type: "number", form: "llm", required: true },
    ]);
    expect(add.inputSchema).toMatchObject({ type: "object", required: ["a", "b"] });
    expect(JSON.stringify(r.body)).not.toContain(TOKEN);
    expect(r.body.masked_headers.Authorization).toMatch(/^Bea\*+oken$/);

    const listed = await callJson("GET", "/console/api/workspaces/current/tool-providers?type=mcp", { token: owner.token });
    expect(listed.status).toBe(200);
    const mine = listed.body.find((p: any) => p.id === r.body.id);
    expect(mine.tools).toHaveLength(4);
    expect(JSON.stringify(listed.body)).not.toContain(TOKEN);
  });

  it("calls a tool: text content is the result, structured content its JSON, isError carried", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp`, headers: auth });
    expect(r.body.transport).toBe("auto");
    const sum = await call(r.body.id, "add", { a: 2, b: 3 });
    expect(sum).toEqual({ text: "5", json: [{ sum: 5 }] });
    // By name too, as references from another Dify install carry it.
    const byName = await resolveTool(owner.wctx, { provider_type: "mcp", provider_id: r.body.name, tool_name: "echo" });
    expect((await callTool(byName, { text: "héllo" })).text).toBe("héllo");
    const failed = await call(r.body.id, "fail", { message: "nope" });
    expect(failed).toEqual({ text: "nope", isError: true });
  });

  it("a tool that takes too long fails with a time-out message", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp`, headers: auth });
    const started = Date.now();
    await expect(call(r.body.id, "slow", { ms: 10_000 }, 300)).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("works over the legacy SSE transport, and `auto` falls back to it", async () => {
    const sse = await addProvider({ server_url: `${origin}/sse`, transport: "sse", headers: auth });
    expect(sse.body.error).toBeNull();
    expect(sse.body.tools.map((t: any) => t.name)).toContain("add");
    expect((await call(sse.body.id, "add", { a: 2, b: 3 })).text).toBe("5");

    const auto = await addProvider({ server_url: `${origin}/sse`, transport: "auto", headers: auth });
    expect(auto.body).toMatchObject({ error: null, is_team_authorization: true });
    expect((await call(auto.body.id, "add", { a: 20, b: 22 })).text).toBe("42");
  });

  it("a server that is down is saved with the error, and calling it says so", async () => {
    const r = await addProvider({ server_url: "http://127.0.0.1:9/mcp" });
    expect(r.status).toBe(200);
    expect(r.body.is_team_authorization).toBe(false);
    expect(r.body.tools).toEqual([]);
    expect(r.body.error).toMatch(/^MCP server at http:\/\/127\.0\.0\.1:9\/mcp did not answer: /);
    await expect(call(r.body.id, "add", { a: 1, b: 2 })).rejects.toThrow(/Tool .*\/add failed: MCP server at http:\/\/127\.0\.0\.1:9\/mcp did not answer/);
  });

  it("a URL that is not an MCP server is saved with a clear error, for each transport", async () => {
    for (const transport of ["streamable_http", "sse", "auto"]) {
      const r = await addProvider({ server_url: `${origin}/html`, transport });
      expect(r.body.is_team_authorization).toBe(false);
      expect(r.body.error).toContain(`MCP server at ${origin}/html is not an MCP server (HTTP 200, text/html)`);
    }
  });

  it("a server that refuses the credentials says to check the headers", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp`, transport: "streamable_http" });
    expect(r.body.error).toMatch(/refused access \(HTTP 401\); check the headers/);
    const wrong = await addProvider({ server_url: `${origin}/mcp`, headers: { Authorization: "Bearer wrong" } });
    expect(wrong.body.error).toMatch(/HTTP 401/);
  });

  it("masks query values of the server URL (tokens some servers take there) in responses and errors", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp?api_key=secret-in-url`, headers: auth });
    expect(r.body).toMatchObject({ error: null, server_url: `${origin}/mcp?api_key=***` });
    expect(r.body.tools).toHaveLength(4);
    // Sent back as shown, the URL keeps its stored value.
    const same = await callJson("PUT", PATH, { token: owner.token, body: { provider_id: r.body.id, server_url: r.body.server_url } });
    expect(same.body).toMatchObject({ error: null, server_url: `${origin}/mcp?api_key=***` });
    expect((await call(r.body.id, "add", { a: 1, b: 1 })).text).toBe("2");
    const failing = await addProvider({ server_url: `${origin}/html?token=secret-in-url` });
    expect(failing.body.error).toContain(`${origin}/html?token=***`);
    expect(JSON.stringify([r.body, same.body, failing.body])).not.toContain("secret-in-url");
  });

  it("refuses private and link-local addresses; nothing is saved", async () => {
    for (const url of ["http://10.0.0.1/mcp", "http://169.254.169.254/latest", "http://localhost:8787/mcp", "ftp://example.com/mcp"]) {
      const name = uniqueName("private");
      const r = await callJson("POST", PATH, { token: owner.token, body: { name, server_url: url } });
      expect(r.status, url).toBe(400);
      expect(r.body.code).toBe("invalid_param");
      const listed = await callJson("GET", "/console/api/workspaces/current/tool-providers?type=mcp", { token: owner.token });
      expect(listed.body.some((p: any) => p.name === name)).toBe(false);
    }
  });

  it("refuses bad headers and duplicate names", async () => {
    const bad = await addProvider({ server_url: `${origin}/mcp`, headers: { "Bad Header": "x" } });
    expect(bad.status).toBe(400);
    const first = await addProvider({ server_url: `${origin}/mcp`, headers: auth });
    const dup = await callJson("POST", PATH, { token: owner.token, body: { name: first.body.name, server_url: `${origin}/mcp` } });
    expect(dup.status).toBe(409);
  });

  it("updates keep masked headers, refresh re-lists, delete removes", async () => {
    const r = await addProvider({ server_url: `${origin}/html`, transport: "streamable_http" });
    expect(r.body.error).not.toBeNull();
    // Fix the URL and add the header: tools appear.
    const fixed = await callJson("PUT", PATH, { token: owner.token, body: { provider_id: r.body.id, server_url: `${origin}/mcp`, headers: auth } });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ error: null, is_team_authorization: true });
    // Sending the masked value back keeps the stored one (the refresh still authenticates).
    const renamed = await callJson("PUT", PATH, {
      token: owner.token,
      body: { provider_id: r.body.id, name: uniqueName("renamed"), headers: fixed.body.masked_headers },
    });
    expect(renamed.status).toBe(200);
    const refreshed = await callJson("POST", `${PATH}/${r.body.id}/refresh`, { token: owner.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ name: renamed.body.name, error: null, is_team_authorization: true });
    expect(refreshed.body.tools).toHaveLength(4);
    // Dropping the header: the refresh shows the refusal.
    await callJson("PUT", PATH, { token: owner.token, body: { provider_id: r.body.id, headers: {} } });
    const failing = await callJson("POST", `${PATH}/${r.body.id}/refresh`, { token: owner.token });
    expect(failing.body.error).toMatch(/HTTP 401/);
    expect(failing.body.tools).toEqual([]);

    const del = await callJson("DELETE", PATH, { token: owner.token, body: { provider_id: r.body.id } });
    expect(del.status).toBe(200);
    const again = await callJson("POST", `${PATH}/${r.body.id}/refresh`, { token: owner.token });
    expect(again.status).toBe(404);
  });

  it("another workspace cannot see, change, refresh or delete a provider", async () => {
    const r = await addProvider({ server_url: `${origin}/mcp`, headers: auth });
    const stranger = await newOwner();
    expect((await callJson("POST", `${PATH}/${r.body.id}/refresh`, { token: stranger.token })).status).toBe(404);
    expect((await callJson("PUT", PATH, { token: stranger.token, body: { provider_id: r.body.id, name: "taken" } })).status).toBe(404);
    expect((await callJson("DELETE", PATH, { token: stranger.token, body: { provider_id: r.body.id } })).status).toBe(404);
    await expect(resolveTool(stranger.wctx, { provider_type: "mcp", provider_id: r.body.id, tool_name: "add" })).rejects.toThrow(/not found/);
    const listed = await callJson("GET", "/console/api/workspaces/current/tool-providers?type=mcp", { token: stranger.token });
    expect(listed.body).toEqual([]);
  });
});
