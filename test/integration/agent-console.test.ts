// Agent apps in the console: creating one, saving its agent settings, the debugger's streamed
// thoughts, the message log's agent_thoughts, and the agent-chat DSL round trip.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { call, callJson, newWorkspaceOwner } from "../support/console";
import { addFakeProvider, APPS, debugStream, newApp, newFakeKey, saveDraft } from "./console-apps-helpers";

let token: string;
beforeAll(async () => {
  token = (await newWorkspaceOwner()).token;
});

const calculator = {
  provider_type: "builtin",
  provider_id: "maths",
  provider_name: "maths",
  tool_name: "eval_expression",
  tool_label: "Calculator",
  tool_parameters: {},
  enabled: true,
};

describe("agent apps in the console", () => {
  it("creates an agent-chat app whose draft has agent_mode enabled and no tools", async () => {
    const app = await newApp(token, { mode: "agent-chat" });
    expect(app.mode).toBe("agent-chat");
    expect(app.model_config.agent_mode).toMatchObject({ enabled: true, strategy: null, max_iteration: 5, tools: [] });
  });

  it("refuses agent settings that are out of range or name no tool", async () => {
    const app = await newApp(token, { mode: "agent-chat" });
    const save = (agent_mode: unknown) => callJson("POST", `${APPS}/${app.id}/model-config`, { token, body: { ...app.model_config, agent_mode } });
    expect((await save({ enabled: true, max_iteration: 0, tools: [] })).status).toBe(400);
    expect((await save({ enabled: true, max_iteration: 100, tools: [] })).status).toBe(400);
    expect((await save({ enabled: true, tools: [{ provider_type: "builtin", provider_id: "maths" }] })).status).toBe(400);
    expect((await save({ enabled: true, strategy: "function_call", max_iteration: 99, tools: [calculator] })).status).toBe(200);
  });

  it("streams the debugger's thoughts, refuses blocking, and logs agent_thoughts", async () => {
    const apiKey = newFakeKey();
    const provider = await addFakeProvider(token, `agent${Date.now().toString(36)}`, apiKey);
    const app = await newApp(token, { mode: "agent-chat" });
    await saveDraft(token, app.id, {
      ...app.model_config,
      model: { provider, name: "fake-chat", mode: "chat", completion_params: {} },
      agent_mode: { enabled: true, max_iteration: 3, tools: [calculator] },
    });
    const { frames } = await debugStream(token, app.id, { query: 'use tool eval_expression with {"expression": "12/4"}' });
    const observed = frames.find((f) => f.event === "agent_thought" && f.observation);
    expect(observed).toMatchObject({ tool: "eval_expression", tool_labels: { eval_expression: { en_US: "Calculator" } } });
    expect(JSON.parse(observed.observation)).toEqual({ eval_expression: "3" });
    const answer = frames.filter((f) => f.event === "agent_message").map((f) => f.answer).join("");
    expect(answer).toBe("Tool said: 3");
    expect(frames.at(-1).event).toBe("message_end");

    const blocking = await callJson("POST", `${APPS}/${app.id}/chat-messages`, {
      token,
      body: { inputs: {}, query: "hi", response_mode: "blocking" },
    });
    expect(blocking.status).toBe(400);
    expect(blocking.body).toMatchObject({ code: "invalid_param", message: "Agent Chat App does not support blocking mode" });

    const log = (await callJson("GET", `${APPS}/${app.id}/messages?limit=10`, { token })).body.data;
    expect(log).toHaveLength(1);
    expect(log[0].answer).toBe("Tool said: 3");
    expect(log[0].agent_thoughts.map((t: any) => [t.position, t.tool])).toEqual([
      [1, "eval_expression"],
      [2, ""],
    ]);
    expect(JSON.parse(log[0].agent_thoughts[0].tool_input)).toEqual({ eval_expression: { expression: "12/4" } });
  });
});

const AGENT_DSL = `version: "0.6.0"
kind: app
app:
  name: Time agent
  mode: agent-chat
  icon: "⏰"
  icon_background: "#FFEAD5"
  description: Tells the time
model_config:
  model: {provider: offline, name: kiln-echo, mode: chat, completion_params: {}}
  pre_prompt: Use the clock.
  agent_mode:
    enabled: true
    strategy: function_call
    max_iteration: 4
    prompt: null
    tools:
      - provider_type: builtin
        provider_id: langgenius/time/time
        provider_name: time
        tool_name: current_time
        tool_label: Current Time
        tool_parameters: {format: "%H:%M"}
        credential_id: cred-123
        enabled: true
      - dataset: {enabled: true, id: some-old-dataset}
dependencies: []
`;

describe("agent-chat DSL", () => {
  it("imports an agent-chat app and exports its agent_mode with the tools kept", async () => {
    const imported = await callJson("POST", `${APPS}/imports`, { token, body: { mode: "yaml-content", yaml_content: AGENT_DSL } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ status: "completed", app_mode: "agent-chat" });
    const appId = imported.body.app_id;

    const exported = await callJson("GET", `${APPS}/${appId}/export`, { token });
    expect(exported.status).toBe(200);
    const dsl = YAML.parse(exported.body.data);
    expect(dsl.app.mode).toBe("agent-chat");
    const source = YAML.parse(AGENT_DSL).model_config.agent_mode;
    const { credential_id: _, ...tool } = source.tools[0];
    expect(dsl.model_config.agent_mode).toEqual({ ...source, tools: [tool, source.tools[1]] });

    // The export imports again, unchanged.
    const again = await callJson("POST", `${APPS}/imports`, { token, body: { mode: "yaml-content", yaml_content: exported.body.data } });
    expect(again.status).toBe(200);
    const second = await callJson("GET", `${APPS}/${again.body.app_id}/export`, { token });
    expect(YAML.parse(second.body.data).model_config.agent_mode).toEqual(dsl.model_config.agent_mode);

    // The imported agent runs: a Dify plugin id names Kiln's built-in provider.
    const res = await call("POST", `${APPS}/${appId}/chat-messages`, { token, body: { inputs: {}, query: "what time is it?" } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"event": "agent_message"');
    expect(text).toContain('"event": "message_end"');
  });
});
