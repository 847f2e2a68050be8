// The MCP tool plugins of Dify's marketplace as built-ins, against the MCP test servers:
// arrenxxxxx/mcp_config_during_use (`mcp_config`: the server named in each call) and junjiem/mcp_sse
// (`mcp_sse`: servers in a JSON config, per call or saved for the workspace), called directly and
// by an agent app as Dify exports name them; bad headers, arguments and configs fail clearly.
import { describe, expect, inject, it } from "vitest";
import { createApp, getDraftConfig, publishApp, saveDraftConfig } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { createApiKey } from "../../src/auth/api-keys";
import { saveBuiltinCredentials } from "../../src/tools/builtin/credentials";
import { findBuiltinProvider } from "../../src/tools/builtin/source";
import { tryTool } from "../../src/tools/try-tool";
import { addFakeProvider, newOwner, type Owner, sseEvents, v1Raw } from "../support/apps";
import { callJson } from "../support/console";

const openMcp = inject("mcpOpenUrl");
const tokenMcp = inject("mcpTestUrl");
const guarded = { transport: "streamable_http", url: `${tokenMcp}/mcp`, headers: { Authorization: "Bearer test-mcp-token" } };

const call = (owner: Owner, provider: string, tool: string, parameters: Record<string, unknown>) =>
  tryTool(owner.wctx, { provider_type: "builtin", provider_id: provider, tool_name: tool }, parameters);

describe("mcp_config (the server named in each call)", () => {
  it("lists a server's tools and calls one, over SSE and over Streamable HTTP with headers", async () => {
    const owner = await newOwner();
    const listed = await call(owner, "arrenxxxxx/mcp_config_during_use/mcp_config", "mcp_list_tools", { server_url: `${openMcp}/sse` });
    const tools = JSON.parse(listed.result.text);
    expect(tools.map((t: any) => t.name)).toEqual(["add", "echo", "slow", "fail"]);
    expect(tools[0]).toMatchObject({ description: "Adds two numbers.", inputSchema: { properties: { a: { type: "number" } } } });

    const added = await call(owner, "mcp_config", "mcp_call_tool", { server_url: `${openMcp}/sse`, tool_name: "add", arguments: '{"a": 2, "b": 40}' });
    expect(added.result.text).toBe("42");
    const echoed = await call(owner, "mcp_config", "mcp_call_tool", {
      server_url: guarded.url,
      transport: "streamable_http",
      headers: JSON.stringify(guarded.headers),
      tool_name: "echo",
      arguments: '{"text": "through the guard"}',
    });
    expect(echoed.result.text).toBe("through the guard");
  });

  it("fails clearly: a server that refuses, bad headers or arguments, a private address", async () => {
    const owner = await newOwner();
    await expect(call(owner, "mcp_config", "mcp_list_tools", { server_url: guarded.url, transport: "streamable_http" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining(new URL(tokenMcp).host),
    });
    await expect(call(owner, "mcp_config", "mcp_list_tools", { server_url: `${openMcp}/sse`, headers: "Bearer x" })).rejects.toMatchObject({
      message: expect.stringContaining("headers must be a JSON object"),
    });
    await expect(call(owner, "mcp_config", "mcp_call_tool", { server_url: `${openMcp}/sse`, tool_name: "add", arguments: "a=1" })).rejects.toMatchObject({
      message: expect.stringContaining("arguments must be a JSON object"),
    });
    await expect(call(owner, "mcp_config", "mcp_list_tools", { server_url: "http://192.168.1.5:8000/sse" })).rejects.toMatchObject({
      message: expect.stringContaining("private, loopback and link-local addresses are not allowed"),
    });
    await expect(call(owner, "mcp_config", "mcp_list_tools", { server_url: "ftp://example.com/sse" })).rejects.toMatchObject({
      message: expect.stringContaining("is not an http(s) URL"),
    });
  });
});

describe("mcp_sse (servers in a JSON config)", () => {
  it("takes the config with the call, or the workspace's once saved (checked first, stored as a secret)", async () => {
    const owner = await newOwner();
    await expect(call(owner, "junjiem/mcp_sse/mcp_sse", "mcp_sse_list_tools", {})).rejects.toMatchObject({
      message: expect.stringContaining("Give the MCP servers config"),
    });
    const config = JSON.stringify({ mcpServers: { open: { url: `${openMcp}/sse` }, guarded } });
    const listed = JSON.parse((await call(owner, "mcp_sse", "mcp_sse_list_tools", { servers_config: config })).result.text);
    expect(listed.map((t: any) => `${t.server}/${t.name}`)).toEqual([
      "open/add",
      "open/echo",
      "open/slow",
      "open/fail",
      "guarded/add",
      "guarded/echo",
      "guarded/slow",
      "guarded/fail",
    ]);

    const provider = findBuiltinProvider("mcp_sse")!;
    const refused = await saveBuiltinCredentials(owner.wctx, provider, { servers_config: JSON.stringify({ s: { url: `${tokenMcp}/sse` } }) }).catch((e) => e);
    expect(refused).toMatchObject({ status: 400 });
    await saveBuiltinCredentials(owner.wctx, provider, { servers_config: JSON.stringify({ guarded }) });
    // The config carries a token: the console shows it masked.
    const shown = await callJson("GET", "/console/api/workspaces/current/tool-provider/builtin/mcp_sse/credentials", { token: owner.token });
    expect(shown.body.servers_config).toMatch(/\*{3,}/);
    expect(shown.body.servers_config).not.toContain("test-mcp-token");
    const added = await call(owner, "mcp_sse", "mcp_sse_call_tool", { tool_name: "add", arguments: '{"a": 20, "b": 22}' });
    expect(added.result.text).toBe("42");
    await expect(call(owner, "mcp_sse", "mcp_sse_call_tool", { tool_name: "nope", servers_config: config })).rejects.toMatchObject({
      message: expect.stringContaining('No MCP server of this configuration has a tool named "nope"'),
    });
  });

  it("serves a Dify agent app whose agent lists and calls MCP tools through mcp_sse", async () => {
    const owner = await newOwner();
    await saveBuiltinCredentials(owner.wctx, findBuiltinProvider("mcp_sse")!, { servers_config: JSON.stringify({ open: { url: `${openMcp}/sse` } }) });
    const fake = await addFakeProvider(owner);
    const app = await createApp(owner.wctx, { name: "MCP SSE agent", mode: "agent-chat" });
    const draft = await getDraftConfig(owner.wctx, app.id);
    const model = { provider: fake.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} };
    // As the Dify export writes its tools: the plugin's provider id, empty tool parameters.
    const tool = (tool_name: string, tool_parameters: Record<string, unknown>) => ({
      provider_type: "builtin",
      provider_id: "junjiem/mcp_sse/mcp_sse",
      provider_name: "junjiem/mcp_sse/mcp_sse",
      tool_name,
      tool_label: tool_name,
      tool_parameters,
      enabled: true,
    });
    const tools = [tool("mcp_sse_list_tools", {}), tool("mcp_sse_call_tool", { arguments: "", tool_name: "" })];
    await saveDraftConfig(owner.wctx, app.id, modelConfigSchema.parse({ ...draft.config, model, agent_mode: { enabled: true, max_iteration: 3, tools } }));
    await publishApp(owner.wctx, app.id, {});
    const key = (await createApiKey(owner.wctx, "app", app.id)).token;
    const query = 'use tool mcp_sse_call_tool with {"tool_name": "add", "arguments": "{\\"a\\": 2, \\"b\\": 3}"}';
    const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query, user: "u", response_mode: "streaming" } });
    const frames = sseEvents(await res.text());
    const thought = frames.filter((f) => f.event === "agent_thought" && f.tool === "mcp_sse_call_tool").at(-1);
    expect(thought).toMatchObject({ observation: JSON.stringify({ mcp_sse_call_tool: "5" }) });
    expect(frames.filter((f) => f.event === "agent_message").map((f) => f.answer).join("")).toBe("Tool said: 5");
  });
});
