// An agent whose tools come from MCP servers: a working server's tool answers through the agent
// loop; a server that is down gives the agent a clear observation and the run still ends.
import { inject, describe, expect, it } from "vitest";
import { createApp, getDraftConfig, publishApp, saveDraftConfig } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { createApiKey } from "../../src/auth/api-keys";
import { callJson } from "../support/console";
import { addFakeProvider, newOwner, type Owner, sseEvents, v1Raw } from "../support/apps";

const origin = inject("mcpTestUrl");

async function mcpProvider(owner: Owner, name: string, serverUrl: string) {
  const res = await callJson("POST", "/console/api/workspaces/current/tool-provider/mcp", {
    token: owner.token,
    body: { name, server_url: serverUrl, transport: "streamable_http", headers: { Authorization: "Bearer test-mcp-token" } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function agentKey(owner: Owner, tools: Record<string, unknown>[]) {
  const fake = await addFakeProvider(owner);
  const app = await createApp(owner.wctx, { name: "MCP agent", mode: "agent-chat" });
  const draft = await getDraftConfig(owner.wctx, app.id);
  const model = { provider: fake.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} };
  await saveDraftConfig(owner.wctx, app.id, modelConfigSchema.parse({ ...draft.config, model, agent_mode: { enabled: true, max_iteration: 3, tools } }));
  await publishApp(owner.wctx, app.id, {});
  return (await createApiKey(owner.wctx, "app", app.id)).token;
}

const toolRef = (provider: { id: string; name: string }, tool: string) => ({
  provider_type: "mcp",
  provider_id: provider.id,
  provider_name: provider.name,
  tool_name: tool,
  tool_label: tool,
  tool_parameters: {},
  enabled: true,
});

async function ask(key: string, query: string) {
  const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query, user: "mcp-user", response_mode: "streaming" } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return sseEvents(text);
}

describe("agents with MCP tools", () => {
  it("calls an MCP server's tool and answers from its result", async () => {
    const owner = await newOwner();
    const provider = await mcpProvider(owner, "calculator", `${origin}/mcp`);
    const key = await agentKey(owner, [toolRef(provider, "add")]);
    const frames = await ask(key, 'use tool add with {"a": 2, "b": 3}');
    const last = frames.filter((f) => f.event === "agent_thought" && f.tool === "add").at(-1);
    expect(last).toMatchObject({ tool: "add", observation: JSON.stringify({ add: "5" }) });
    expect(frames.filter((f) => f.event === "agent_message").map((f) => f.answer).join("")).toBe("Tool said: 5");
    expect(frames.at(-1).event).toBe("message_end");
  });

  it("tells the agent clearly when the MCP server is down, and the run still ends", async () => {
    const owner = await newOwner();
    const provider = await mcpProvider(owner, "gone", "http://127.0.0.1:9/mcp");
    expect(provider.is_team_authorization).toBe(false);
    expect(provider.error).toMatch(/did not answer/);
    const key = await agentKey(owner, [toolRef(provider, "add")]);
    const frames = await ask(key, 'use tool add with {"a": 2, "b": 3}');
    const observation = JSON.parse(frames.filter((f) => f.event === "agent_thought" && f.tool === "add").at(-1).observation).add;
    expect(observation).toMatch(/^Error: .*did not answer/);
    expect(frames.filter((f) => f.event === "agent_message").map((f) => f.answer).join("")).toContain("Tool said: Error:");
    expect(frames.at(-1).event).toBe("message_end");
  });
});
