// Agent apps (Dify's agent-chat) through the Service API: the function-calling loop against the
// fake OpenAI server's tool calls and Kiln's built-in tools, the streamed agent_thought /
// agent_message events, the logged agent_thoughts, the limits, and ReAct on the offline model.
import { describe, expect, it } from "vitest";
import { createApp, getDraftConfig, publishApp, saveDraftConfig } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { createApiKey } from "../../src/auth/api-keys";
import { call, callJson } from "../support/console";
import { addFakeProvider, fakeRequests, newOwner, type Owner, scriptFake, sseEvents, v1, v1Raw } from "../support/apps";

const maths = { provider_type: "builtin", provider_id: "maths", provider_name: "maths", tool_name: "eval_expression", tool_label: "Evaluate", tool_parameters: {}, enabled: true };
const clock = (settings: Record<string, unknown> = {}) => ({
  provider_type: "builtin",
  provider_id: "time",
  provider_name: "time",
  tool_name: "current_time",
  tool_label: "Current Time",
  tool_parameters: settings,
  enabled: true,
});

interface AgentApp {
  key: string;
  apiKey: string;
  owner: Owner;
  /** Chat requests the fake saw before the app ran (adding the provider checks it with one). */
  seen: number;
  siteCode: string;
}

async function agentApp(agentMode: Record<string, unknown>, options: { offline?: boolean; owner?: Owner } = {}): Promise<AgentApp> {
  const owner = options.owner ?? (await newOwner());
  const fake = options.offline ? null : await addFakeProvider(owner);
  const ctx = owner.wctx;
  const app = await createApp(ctx, { name: "Agent", mode: "agent-chat" });
  const draft = await getDraftConfig(ctx, app.id);
  const model = fake ? { provider: fake.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} } : draft.config.model;
  await saveDraftConfig(ctx, app.id, modelConfigSchema.parse({ ...draft.config, model, pre_prompt: "You are a careful agent.", agent_mode: agentMode }));
  await publishApp(ctx, app.id, {});
  const key = await createApiKey(ctx, "app", app.id);
  const seen = fake ? (await fakeRequests(fake.apiKey)).filter((r) => r.path === "/v1/chat/completions").length : 0;
  return { key: key.token, apiKey: fake?.apiKey ?? "", owner, seen, siteCode: app.siteCode };
}

async function ask(app: AgentApp, query: string, extra: Record<string, unknown> = {}) {
  const res = await v1Raw(app.key, "POST", "/chat-messages", {
    body: { inputs: {}, query, user: "agent-user", response_mode: "streaming", ...extra },
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { text, frames: sseEvents(text) };
}

/** The chat requests the app's runs made to the fake server. */
const chatRequests = async (app: AgentApp) =>
  (await fakeRequests(app.apiKey)).filter((r) => r.path === "/v1/chat/completions").slice(app.seen);
const answerOf = (frames: any[]) => frames.filter((f) => f.event === "agent_message").map((f) => f.answer).join("");

describe("agent apps with function calling", () => {
  it("streams the tool call and its observation as agent_thought, then the answer as agent_message", async () => {
    const app = await agentApp({ enabled: true, max_iteration: 5, tools: [maths, clock()] });
    const { frames, text } = await ask(app, 'Please use tool eval_expression with {"expression": "6*7"}');

    const events = frames.map((f) => f.event);
    expect(events.at(-1)).toBe("message_end");
    expect(events).not.toContain("message");
    expect(text.startsWith('data: {"event": "agent_thought", "conversation_id": "')).toBe(true);

    const thoughts = frames.filter((f) => f.event === "agent_thought");
    expect(Object.keys(thoughts[0])).toEqual([
      "event", "conversation_id", "message_id", "created_at", "task_id",
      "id", "position", "thought", "observation", "tool", "tool_labels", "tool_input", "message_files",
    ]);
    const first = thoughts.filter((t) => t.position === 1);
    // Created, then the tool call, then the observation: one thought, updated in place.
    expect(new Set(first.map((t) => t.id)).size).toBe(1);
    expect(first.at(-1)).toMatchObject({
      tool: "eval_expression",
      tool_labels: { eval_expression: { en_US: "Evaluate" } },
      observation: JSON.stringify({ eval_expression: "42" }),
      message_files: [],
    });
    expect(JSON.parse(first.at(-1).tool_input)).toEqual({ eval_expression: { expression: "6*7" } });
    const withTool = frames.findIndex((f) => f.event === "agent_thought" && f.tool === "eval_expression");
    const withObservation = frames.findIndex((f) => f.event === "agent_thought" && f.observation);
    const firstMessage = frames.findIndex((f) => f.event === "agent_message");
    expect(withTool).toBeLessThan(withObservation);
    expect(withObservation).toBeLessThan(firstMessage);

    // The second step answers with the tool's result; its thought is announced before its text.
    const second = thoughts.filter((t) => t.position === 2);
    expect(second[0].id).not.toBe(first[0].id);
    expect(frames.indexOf(second[0])).toBeLessThan(firstMessage);
    expect(answerOf(frames)).toBe("Tool said: 42");
    expect(second.at(-1)).toMatchObject({ thought: "Tool said: 42", tool: "", tool_input: "", observation: "" });
    for (const f of frames.filter((f) => f.event === "agent_message")) {
      expect(Object.keys(f)).toEqual(["event", "conversation_id", "message_id", "created_at", "task_id", "id", "answer"]);
      expect(f.id).toBe(f.message_id);
    }

    // The model saw the tools' schemas (form settings are not offered) and then the result.
    const [call1, call2] = await chatRequests(app);
    const offered = call1.body.tools.map((t: any) => t.function.name);
    expect(offered).toEqual(["eval_expression", "current_time"]);
    expect(call1.body.tools[1].function.parameters.properties).toHaveProperty("timezone");
    expect(call1.body.tools[1].function.parameters.properties).not.toHaveProperty("format");
    expect(call2.body.messages.at(-1)).toMatchObject({ role: "tool", content: "42" });
    expect(call2.body.messages.at(-2).tool_calls[0].function.name).toBe("eval_expression");

    // Usage covers both model calls.
    const end = frames.at(-1);
    const fakePrompt = call1.body.messages.length < call2.body.messages.length;
    expect(fakePrompt).toBe(true);
    expect(end.metadata.usage.prompt_tokens).toBeGreaterThan(0);
    expect(end.metadata.usage.total_tokens).toBe(end.metadata.usage.prompt_tokens + end.metadata.usage.completion_tokens);
  });

  it("logs the steps: /v1/messages answers agent_thoughts in Dify's shape", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    const { frames } = await ask(app, 'use tool eval_expression with {"expression": "2^10"}');
    const end = frames.at(-1);
    const list = await v1(app.key, "GET", `/messages?conversation_id=${end.conversation_id}&user=agent-user`);
    expect(list.status).toBe(200);
    const [message] = list.body.data;
    expect(message.answer).toBe("Tool said: 1024");
    expect(message.agent_thoughts).toHaveLength(2);
    const [step1, step2] = message.agent_thoughts;
    expect(Object.keys(step1)).toEqual(["id", "chain_id", "message_id", "position", "thought", "tool", "tool_labels", "tool_input", "created_at", "observation", "files"]);
    expect(step1).toMatchObject({ chain_id: null, message_id: end.message_id, position: 1, tool: "eval_expression", observation: '{"eval_expression":"1024"}', files: [] });
    expect(step2).toMatchObject({ position: 2, thought: "Tool said: 1024", tool: "" });
    const streamedIds = [...new Set(frames.filter((f) => f.event === "agent_thought").map((f) => f.id))];
    expect(message.agent_thoughts.map((t: any) => t.id)).toEqual(streamedIds);
  });

  it("merges the tool's form settings into the model's arguments", async () => {
    const app = await agentApp({ enabled: true, tools: [clock({ format: "%Y" })] });
    const { frames } = await ask(app, 'use tool current_time with {"timezone": "UTC"}');
    expect(answerOf(frames)).toBe(`Tool said: ${new Date().getUTCFullYear()}`);
  });

  it("refuses blocking mode with 400 invalid_param, as Dify does", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    for (const mode of ["blocking", undefined]) {
      const r = await v1(app.key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "u", response_mode: mode } });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "invalid_param", message: "Agent Chat App does not support blocking mode" });
    }
    expect(await chatRequests(app)).toHaveLength(0);
  });

  it("hands a failing tool's error to the model as the observation and still answers", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    const { frames } = await ask(app, 'use tool eval_expression with {"expression": "1 +"}');
    const observed = frames.filter((f) => f.event === "agent_thought" && f.observation).at(-1);
    const observation = JSON.parse(observed.observation).eval_expression;
    expect(observation).toMatch(/^Error: Tool maths\/eval_expression failed: Could not evaluate "1 \+"/);
    expect(answerOf(frames)).toBe(`Tool said: ${observation}`);
    expect(frames.at(-1).event).toBe("message_end");
  });

  it("hands the model a huge result cut to 8000 characters, with a note saying so", async () => {
    const textTools = { ...maths, provider_id: "text", provider_name: "text", tool_name: "change_case", tool_label: "Change case" };
    const app = await agentApp({ enabled: true, tools: [textTools] });
    const long = "abc ".repeat(5_000);
    const { frames } = await ask(app, `use tool change_case with ${JSON.stringify({ text: long, case: "upper" })}`);
    const [, call2] = await chatRequests(app);
    const seen = call2.body.messages.at(-1).content as string;
    expect(seen.startsWith("ABC ABC")).toBe(true);
    expect(seen).toMatch(/\[truncated: the tool returned \d+ characters; only the first 8000 are shown\]$/);
    expect(seen.length).toBeLessThan(8_200);
    expect(frames.at(-1), JSON.stringify(frames.at(-1))).toMatchObject({ event: "message_end" });
  });

  it("stops at max_iteration: the last call offers no tools, so the model must answer", async () => {
    const app = await agentApp({ enabled: true, max_iteration: 2, tools: [maths] });
    const { frames } = await ask(app, 'use tool eval_expression with {"expression": "1+1"} forever');
    const calls = await chatRequests(app);
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => (c.body.tools ?? []).length)).toEqual([1, 1, 0]);
    expect(answerOf(frames)).toBe("Tool said: 2");
    const positions = [...new Set(frames.filter((f) => f.event === "agent_thought").map((f) => f.position))];
    expect(positions).toEqual([1, 2, 3]);
    expect(frames.at(-1).event).toBe("message_end");
  });

  it("lists the configured tools' icons in /meta, as Dify does", async () => {
    const app = await agentApp({ enabled: true, tools: [maths, { ...maths, tool_name: "no_such_tool" }] });
    const meta = await v1(app.key, "GET", "/meta");
    expect(meta.status).toBe(200);
    expect(meta.body.tool_icons).toEqual({ eval_expression: { background: expect.any(String), content: expect.any(String) } });
  });

  it("leaves out a configured tool that no longer exists, disabled tools, and a built-in one whose key the workspace has not given", async () => {
    const gone = { ...maths, tool_name: "no_such_tool" };
    const off = { ...clock(), enabled: false };
    // As Dify's agent leaves out a tool it cannot load: Tavily needs a key this workspace lacks.
    const search = { ...maths, provider_id: "langgenius/tavily/tavily", provider_name: "langgenius/tavily/tavily", tool_name: "tavily_search" };
    const app = await agentApp({ enabled: true, tools: [gone, off, search, maths] });
    const { frames } = await ask(app, 'use tool eval_expression with {"expression": "3*3"}');
    expect(answerOf(frames)).toBe("Tool said: 9");
    const [call1] = await chatRequests(app);
    expect(call1.body.tools.map((t: any) => t.function.name)).toEqual(["eval_expression"]);
  });

  it("maps the answer to content in the OpenAI format, blocking and streaming", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    const query = 'use tool eval_expression with {"expression": "5+5"}';
    const blocking = await v1(app.key, "POST", "/chat/completions", { body: { messages: [{ role: "user", content: query }], user: "u" } });
    expect(blocking.status, JSON.stringify(blocking.body)).toBe(200);
    expect(blocking.body.choices[0].message.content).toBe("Tool said: 10");
    const res = await v1Raw(app.key, "POST", "/chat/completions", { body: { messages: [{ role: "user", content: query }], user: "u", stream: true } });
    const chunks = (await res.text())
      .split("\n\n")
      .filter((f) => f.startsWith("data: {"))
      .map((f) => JSON.parse(f.slice(6)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("Tool said: 10");
  });
});

describe("stopping an agent", () => {
  it("stops mid-answer like a chat app: message_end, the message logged as stopped with its thoughts", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    await scriptFake(app.apiKey, { token_delay_ms: 400 });
    const res = await v1Raw(app.key, "POST", "/chat-messages", {
      body: { inputs: {}, query: 'use tool eval_expression with {"expression": "4*4"} please', user: "agent-user", response_mode: "streaming" },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let stopped = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (!stopped && text.includes('"event": "agent_message"')) {
        stopped = true;
        const taskId = sseEvents(text)[0].task_id;
        const stop = await v1(app.key, "POST", `/chat-messages/${taskId}/stop`, { body: { user: "agent-user" } });
        expect(stop.body).toEqual({ result: "success" });
      }
    }
    const frames = sseEvents(text);
    expect(stopped).toBe(true);
    expect(frames.at(-1).event).toBe("message_end");
    const answer = answerOf(frames);
    expect("Tool said: 16".startsWith(answer)).toBe(true);
    expect(answer.length).toBeLessThan("Tool said: 16".length);
    const list = await v1(app.key, "GET", `/messages?conversation_id=${frames.at(-1).conversation_id}&user=agent-user`);
    const [message] = list.body.data;
    expect(message).toMatchObject({ status: "stopped", answer });
    expect(message.agent_thoughts.map((t: any) => t.tool)).toEqual(["eval_expression", ""]);
  });
});

describe("agent apps with ReAct", () => {
  it("runs a ReAct step: the action's tool is called and its observation is in the next prompt", async () => {
    const app = await agentApp({ enabled: true, strategy: "react", max_iteration: 1, tools: [maths] });
    await scriptFake(app.apiKey, { reply: 'Thought: I should compute.\nAction: {"action": "eval_expression", "action_input": {"expression": "7*6"}}' });
    const { frames } = await ask(app, "what is seven times six?");
    const calls = await chatRequests(app);
    expect(calls).toHaveLength(2);
    expect(calls[0].body.tools).toBeUndefined();
    expect(calls[0].body.stop).toContain("Observation:");
    expect(calls[0].body.messages[0].content).toContain("eval_expression");
    expect(calls[0].body.messages[0].content).toContain("You are a careful agent.");
    expect(calls[1].body.messages.at(-2).content).toContain("Observation: 42");
    const observed = frames.find((f) => f.event === "agent_thought" && f.observation);
    expect(observed).toMatchObject({ position: 1, thought: "I should compute.", tool: "eval_expression", observation: '{"eval_expression":"42"}' });
    // The last iteration has no tools: the same output is taken as the answer, not another call.
    expect(frames.at(-1).event).toBe("message_end");
  });

  it("answers on the offline model (kiln-echo) without looping", async () => {
    const app = await agentApp({ enabled: true, tools: [maths, clock()] }, { offline: true });
    const { frames } = await ask(app, "what time is it?");
    expect(answerOf(frames)).toMatch(/^You said: "what time is it\?"\. This is kiln-echo/);
    const thoughts = frames.filter((f) => f.event === "agent_thought");
    expect(new Set(thoughts.map((t) => t.id)).size).toBe(1);
    expect(frames.at(-1)).toMatchObject({ event: "message_end" });
    expect(frames.at(-1).metadata.usage.total_tokens).toBeGreaterThan(0);
  });
});

describe("agent apps in the WebApp", () => {
  it("streams the agent's events to the browser and refuses blocking mode", async () => {
    const app = await agentApp({ enabled: true, tools: [maths] });
    const passport = await callJson("GET", "/api/passport", { headers: { "x-app-code": app.siteCode } });
    expect(passport.status).toBe(200);
    const token = passport.body.access_token;
    const query = 'use tool eval_expression with {"expression": "8-1"}';
    const res = await call("POST", "/api/chat-messages", { token, body: { inputs: {}, query, response_mode: "streaming" } });
    expect(res.status).toBe(200);
    const frames = sseEvents(await res.text());
    expect(frames.some((f) => f.event === "agent_thought" && f.observation === '{"eval_expression":"7"}')).toBe(true);
    expect(answerOf(frames)).toBe("Tool said: 7");
    // The WebApp gets Dify's simple metadata: no usage.
    expect(frames.at(-1).metadata).not.toHaveProperty("usage");

    const blocking = await callJson("POST", "/api/chat-messages", { token, body: { inputs: {}, query, response_mode: "blocking" } });
    expect(blocking.status).toBe(400);
    expect(blocking.body.code).toBe("invalid_param");
  });
});
