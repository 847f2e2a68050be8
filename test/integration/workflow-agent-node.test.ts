// The workflow agent node (Dify's `agent` with the langgenius/agent strategies): run directly
// against the fake OpenAI server and Kiln's built-in tools, then inside imported Dify DSL apps
// through the Service API (workflow and chatflow), with the streamed text and node events.
import { describe, expect, inject, it } from "vitest";
import YAML from "yaml";
import { createApp } from "../../src/apps/apps";
import type { KilnError } from "../../src/lib/errors";
import { agentNode } from "../../src/workflow/nodes/agent";
import type { NodeChunk, NodeResult } from "../../src/workflow/nodes/types";
import { VariablePool } from "../../src/workflow/variables";
import { callJson } from "../support/console";
import { addFakeProvider, fakeRequests, newOwner, type Owner, scriptFake, sseEvents, v1, v1Raw } from "../support/apps";

interface Harness {
  owner: Owner;
  provider: string;
  apiKey: string;
  pool: VariablePool;
  chunks: NodeChunk[];
  run(data: Record<string, unknown>): Promise<NodeResult>;
  /** The chat requests the node made to the fake server (not the provider's setup check). */
  requests(): Promise<any[]>;
}

async function harness(): Promise<Harness> {
  const owner = await newOwner();
  const { provider, apiKey } = await addFakeProvider(owner);
  const seen = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").length;
  const app = await createApp(owner.wctx, { name: "Agent node test", mode: "workflow" });
  const pool = new VariablePool();
  const chunks: NodeChunk[] = [];
  return {
    owner,
    provider,
    apiKey,
    pool,
    chunks,
    run(data) {
      return agentNode.run(
        {
          tctx: owner.wctx,
          node: { id: "agent_1", data: { type: "agent", title: "Agent", ...data } },
          pool,
          signal: new AbortController().signal,
          emit: (chunk) => chunks.push(chunk),
          run: { appId: app.id, workflowId: "wf_1", runId: "run_1", userId: "user_1", conversationId: null },
        },
        agentNode.schema.parse(data),
      );
    },
    requests: async () => (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").slice(seen),
  };
}

async function failure(promise: Promise<unknown>): Promise<KilnError> {
  try {
    await promise;
  } catch (err) {
    return err as KilnError;
  }
  throw new Error("expected the node to fail");
}

/** A tool entry as Dify's agent node stores it (tool selector value). */
const tool = (provider: string, name: string, extra: Record<string, unknown> = {}) => ({
  enabled: true,
  type: "builtin",
  provider_name: provider,
  provider_show_name: provider,
  tool_name: name,
  tool_label: name,
  settings: {},
  parameters: {},
  extra: { description: "" },
  ...extra,
});

const maths = tool("langgenius/maths/maths", "eval_expression");

function agentData(provider: string, params: Record<string, unknown> = {}, strategy = "function_calling") {
  return {
    agent_strategy_provider_name: "langgenius/agent/agent",
    agent_strategy_name: strategy,
    agent_strategy_label: strategy === "ReAct" ? "ReAct" : "FunctionCalling",
    tool_node_version: "2",
    agent_parameters: {
      model: { type: "constant", value: { provider, model: "gpt-4o-mini", model_type: "llm", mode: "chat", completion_params: { temperature: 0.2 } } },
      tools: { type: "constant", value: [maths] },
      instruction: { type: "mixed", value: "You are a calculator for {{#start.name#}}." },
      query: { type: "mixed", value: "{{#start.question#}}" },
      maximum_iterations: { type: "constant", value: 3 },
      ...params,
    },
  };
}

const offeredTools = (request: any) => (request.body.tools ?? []).map((t: any) => t.function.name);

describe("agent node, run directly", () => {
  it("calls the built-in tool with function calling and answers with its observation", async () => {
    const h = await harness();
    h.pool.set("start", "name", "Ada");
    h.pool.set("start", "question", 'Please use tool eval_expression with {"expression": "6*7"}');
    const result = await h.run(agentData(h.provider));

    expect(result.outputs.text).toContain("Tool said: 42");
    expect(h.chunks.map((c) => c.text).join("")).toBe(result.outputs.text);
    expect(h.chunks.every((c) => c.selector.join(".") === "agent_1.text")).toBe(true);
    const thoughts = result.outputs.json as any[];
    expect(thoughts[0]).toMatchObject({ position: 1, tool: "eval_expression", tool_input: JSON.stringify({ eval_expression: { expression: "6*7" } }), observation: JSON.stringify({ eval_expression: "42" }) });
    expect(thoughts.at(-1)).toMatchObject({ tool: "", thought: expect.stringContaining("Tool said: 42") });
    expect(result.outputs.files).toEqual([]);
    expect((result.outputs.usage as any).total_tokens).toBeGreaterThan(0);
    expect(result.usage?.totalTokens).toBe((result.outputs.usage as any).total_tokens);
    expect(result.processData?.thoughts).toEqual(thoughts.map(({ thought, tool, tool_input, observation }) => ({ thought, tool, tool_input, observation })));

    const calls = await h.requests();
    expect(calls).toHaveLength(2);
    expect(calls[0].body.messages[0]).toMatchObject({ role: "system", content: "You are a calculator for Ada." });
    expect(calls[0].body.temperature).toBe(0.2);
    expect(offeredTools(calls[0])).toEqual(["eval_expression"]);
  });

  it("reads a variable query, leaves out missing and disabled tools, and honours the description override", async () => {
    const h = await harness();
    h.pool.set("start", "q", 'use tool eval_expression with {"expression": "2^5"}');
    const result = await h.run(
      agentData(h.provider, {
        query: { type: "variable", value: ["start", "q"] },
        instruction: { type: "mixed", value: "" },
        tools: {
          type: "constant",
          value: [
            tool("langgenius/ghost/ghost", "vanish"),
            tool("time", "current_time", { enabled: false }),
            { ...maths, extra: { description: "Exact arithmetic" } },
          ],
        },
      }),
    );
    expect(result.outputs.text).toContain("Tool said: 32");
    const [first] = await h.requests();
    expect(offeredTools(first)).toEqual(["eval_expression"]);
    expect(first.body.tools[0].function.description).toBe("Exact arithmetic");
    expect(first.body.messages.map((m: any) => m.role)).toEqual(["user"]);
  });

  it("calls the tool with the parameters the author fixed and hides them from the model", async () => {
    const h = await harness();
    h.pool.set("start", "question", "use tool eval_expression with {}");
    h.pool.set("start", "expr", "3+4");
    const fixed = { ...maths, parameters: { expression: { auto: 0, value: { type: "mixed", value: "{{#start.expr#}}" } } } };
    const result = await h.run(agentData(h.provider, { tools: { type: "constant", value: [fixed] } }));
    expect(result.outputs.text).toContain("Tool said: 7");
    const [first] = await h.requests();
    expect(Object.keys(first.body.tools[0].function.parameters.properties ?? {})).not.toContain("expression");
  });

  it("runs the ReAct strategy: the action's tool is called and its observation goes back to the model", async () => {
    const h = await harness();
    h.pool.set("start", "question", "what is seven times six?");
    await scriptFake(h.apiKey, { reply: 'Thought: I should compute.\nAction: {"action": "eval_expression", "action_input": {"expression": "7*6"}}' });
    const result = await h.run(agentData(h.provider, { maximum_iterations: { type: "constant", value: 1 } }, "ReAct"));
    const calls = await h.requests();
    expect(calls).toHaveLength(2);
    expect(calls[0].body.tools).toBeUndefined();
    expect(calls[0].body.messages[0].content).toContain("eval_expression");
    expect(calls[0].body.messages[0].content).toContain("You are a calculator for");
    expect(calls[1].body.messages.at(-2).content).toContain("Observation: 42");
    const thoughts = result.outputs.json as any[];
    expect(thoughts[0]).toMatchObject({ thought: "I should compute.", tool: "eval_expression", observation: '{"eval_expression":"42"}' });
    expect(result.outputs.text).toContain("I should compute.");
  });

  it("fails clearly on an unconfigured model, an unknown strategy, a missing model or an empty query", async () => {
    const h = await harness();
    h.pool.set("start", "question", "hi");
    const unconfigured = await failure(h.run(agentData("langgenius/anthropic/anthropic")));
    expect(unconfigured.message).toMatch(/Model provider "anthropic" is not configured/);
    expect(unconfigured.code).toBe("provider_not_initialize");

    const strategy = await failure(h.run(agentData(h.provider, {}, "tree_of_thoughts")));
    expect(strategy.message).toMatch(/Agent strategy "tree_of_thoughts" of langgenius\/agent\/agent is not supported/);

    const noModel = await failure(h.run(agentData(h.provider, { model: { type: "constant", value: null } })));
    expect(noModel.message).toMatch(/agent_parameters\.model/);

    // A null variable renders as nothing (one never set would print as its selector, as in Dify).
    h.pool.set("start", "nothing", null);
    const noQuery = await failure(h.run(agentData(h.provider, { query: { type: "mixed", value: "{{#start.nothing#}}" } })));
    expect(noQuery.message).toMatch(/agent_parameters\.query/);

    const missingVar = await failure(h.run(agentData(h.provider, { query: { type: "variable", value: ["start", "nope"] } })));
    expect(missingVar.message).toMatch(/start\.nope does not exist/);
    expect(await h.requests()).toHaveLength(0);
  });

  it("reports the selectors it reads", () => {
    const data = agentNode.schema.parse(agentData("x", { query: { type: "variable", value: ["start", "q"] } }));
    expect(agentNode.selectors?.(data)).toEqual(expect.arrayContaining([["start", "name"], ["start", "q"]]));
  });
});

/** A Dify 1.x DSL with a real-looking agent node (plugin ids for the strategy and tools). */
function agentDsl(mode: "workflow" | "advanced-chat", provider: string) {
  const query = mode === "workflow" ? "{{#start.question#}}" : "{{#sys.query#}}";
  const last =
    mode === "workflow"
      ? { id: "end", type: "custom", data: { type: "end", title: "End", outputs: [{ variable: "answer", value_selector: ["agent", "text"] }, { variable: "steps", value_selector: ["agent", "json"] }] } }
      : { id: "answer", type: "custom", data: { type: "answer", title: "Answer", answer: "{{#agent.text#}}", variables: [] } };
  return YAML.stringify({
    version: "0.3.0",
    kind: "app",
    app: { name: "Agent node", mode, icon: "🤖", icon_background: "#FFEAD5", description: "" },
    dependencies: [
      { current_identifier: null, type: "marketplace", value: { marketplace_plugin_unique_identifier: "langgenius/agent:0.0.14@abc" } },
      { current_identifier: null, type: "marketplace", value: { marketplace_plugin_unique_identifier: "langgenius/maths:0.0.1@def" } },
    ],
    workflow: {
      graph: {
        nodes: [
          {
            id: "start",
            type: "custom",
            data: { type: "start", title: "Start", variables: mode === "workflow" ? [{ variable: "question", label: "Question", type: "paragraph", required: true }] : [] },
          },
          {
            id: "agent",
            type: "custom",
            data: {
              type: "agent",
              title: "Agent",
              desc: "",
              selected: false,
              agent_strategy_provider_name: "langgenius/agent/agent",
              agent_strategy_name: "function_calling",
              agent_strategy_label: "FunctionCalling",
              plugin_unique_identifier: "langgenius/agent:0.0.14@abc",
              output_schema: null,
              memory: mode === "workflow" ? undefined : { window: { enabled: false, size: 10 }, query_prompt_template: "{{#sys.query#}}" },
              tool_node_version: "2",
              agent_parameters: {
                model: { type: "constant", value: { provider, model: "gpt-4o-mini", model_type: "llm", mode: "chat", type: "model-selector", completion_params: {} } },
                tools: {
                  type: "constant",
                  value: [
                    {
                      enabled: true,
                      type: "builtin",
                      provider_name: "langgenius/maths/maths",
                      provider_show_name: "langgenius/maths/maths",
                      tool_name: "eval_expression",
                      tool_label: "Evaluate Expression",
                      tool_description: "A tool for evaluating an math expression",
                      settings: {},
                      parameters: { expression: { auto: 1, value: null } },
                      schemas: [{ name: "expression", type: "string", form: "llm", required: true }],
                      extra: { description: "" },
                    },
                  ],
                },
                instruction: { type: "constant", value: "Use the tools to compute." },
                query: { type: "constant", value: query },
                maximum_iterations: { type: "constant", value: 3 },
              },
            },
          },
          last,
        ],
        edges: [
          { id: "e1", source: "start", target: "agent", sourceHandle: "source", targetHandle: "target" },
          { id: "e2", source: "agent", target: last.id, sourceHandle: "source", targetHandle: "target" },
        ],
      },
      features: {},
      environment_variables: [],
      conversation_variables: [],
    },
  });
}

async function publishedApp(owner: Owner, yaml: string) {
  const imported = await callJson("POST", "/console/api/apps/imports", { token: owner.token, body: { mode: "yaml-content", yaml_content: yaml } });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const appId = imported.body.app_id as string;
  const published = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token: owner.token, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const key = await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token: owner.token });
  return { appId, key: key.body.token as string };
}

describe("agent node with MCP agent strategies (hjlarry/agent, junjiem/mcp_see_agent)", () => {
  const openMcp = inject("mcpOpenUrl");
  const tokenMcp = inject("mcpTestUrl");
  const mcpAgent = (provider: string, params: Record<string, unknown>, strategy = "function_calling", plugin = "hjlarry/agent/mcp_agent") => ({
    ...agentData(provider, params, strategy),
    agent_strategy_provider_name: plugin,
  });

  it("adds the tools of hjlarry's mcp_server (an SSE URL) beside the configured ones and calls one", async () => {
    const h = await harness();
    h.pool.set("start", "name", "Ada");
    h.pool.set("start", "question", 'use tool add with {"a": 2, "b": 3}');
    const result = await h.run(mcpAgent(h.provider, { mcp_server: { type: "constant", value: `${openMcp}/sse` } }));
    expect(result.outputs.text).toContain("Tool said: 5");
    const thoughts = result.outputs.json as any[];
    expect(thoughts[0]).toMatchObject({ tool: "add", observation: JSON.stringify({ add: "5" }) });
    const [first] = await h.requests();
    expect(offeredTools(first)).toEqual(["eval_expression", "add", "echo", "slow", "fail"]);
    expect(first.body.tools.find((t: any) => t.function.name === "add").function.parameters.properties.a).toMatchObject({ type: "number" });
    expect(result.inputs).toMatchObject({ mcp_servers: [{ name: "mcp", url: `${openMcp}/sse` }] });
  });

  it("reads junjiem's mcp_servers_config (named servers, transports, headers) and names clashing tools apart", async () => {
    const h = await harness();
    h.pool.set("start", "question", 'use tool add_2 with {"a": 40, "b": 2}');
    const config = {
      mcpServers: {
        open: { transport: "sse", url: `${openMcp}/sse`, timeout: 50, sse_read_timeout: 50 },
        guarded: { transport: "streamable_http", url: `${tokenMcp}/mcp`, headers: { Authorization: "Bearer test-mcp-token" } },
      },
    };
    const result = await h.run(
      mcpAgent(
        h.provider,
        { tools: { type: "constant", value: [] }, mcp_servers_config: { type: "constant", value: JSON.stringify(config) } },
        "mcp_sse_function_calling",
        "junjiem/mcp_see_agent/mcp_see_agent",
      ),
    );
    expect(result.outputs.text).toContain("Tool said: 42");
    const [first] = await h.requests();
    expect(offeredTools(first)).toEqual(["add", "echo", "slow", "fail", "add_2", "echo_2", "slow_2", "fail_2"]);
    expect(result.inputs).toMatchObject({ mcp_servers: [{ name: "open" }, { name: "guarded" }] });
  });

  it("fails the node naming the server when it refuses or cannot be reached, and refuses bad config before any model call", async () => {
    const h = await harness();
    h.pool.set("start", "question", "hi");
    // The token-guarded server, named by URL alone: it answers 401.
    const refused = await failure(h.run(mcpAgent(h.provider, { mcp_server: { type: "constant", value: `${tokenMcp}/sse` } })));
    expect(refused.message).toContain(new URL(tokenMcp).host);
    const privateAddress = await failure(h.run(mcpAgent(h.provider, { mcp_server: { type: "constant", value: "http://10.0.0.7/sse" } })));
    expect(privateAddress.message).toMatch(/private, loopback and link-local addresses are not allowed/);
    const notJson = await failure(h.run(mcpAgent(h.provider, { mcp_server: { type: "constant", value: "{oops" } })));
    expect(notJson.message).toBe("agent_parameters.mcp_server: not a URL and not valid JSON");
    const noUrl = await failure(
      h.run(mcpAgent(h.provider, { mcp_servers_config: { type: "constant", value: '{"weather": {"headers": {}}}' } }, "mcp_sse_ReAct", "junjiem/mcp_see_agent/mcp_see_agent")),
    );
    expect(noUrl.message).toBe('agent_parameters.mcp_servers_config: server "weather" needs a "url"');
    expect(await h.requests()).toHaveLength(0);
  });
});

describe("agent node in imported Dify apps", () => {
  it("runs start → agent → end on the Service API, blocking and streaming", async () => {
    const owner = await newOwner();
    const { provider } = await addFakeProvider(owner);
    const { key } = await publishedApp(owner, agentDsl("workflow", provider));
    const question = 'use tool eval_expression with {"expression": "40+2"}';

    const blocking = await v1(key, "POST", "/workflows/run", { body: { inputs: { question }, user: "u1" } });
    expect(blocking.status, JSON.stringify(blocking.body)).toBe(200);
    expect(blocking.body.data).toMatchObject({ status: "succeeded", error: null });
    expect(blocking.body.data.outputs.answer).toContain("Tool said: 42");
    expect(blocking.body.data.outputs.steps[0]).toMatchObject({ tool: "eval_expression", observation: '{"eval_expression":"42"}' });
    expect(blocking.body.data.total_tokens).toBeGreaterThan(0);

    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { question }, user: "u1", response_mode: "streaming" } });
    const frames = sseEvents(await res.text());
    const started = frames.find((f) => f.event === "node_started" && f.data.node_type === "agent");
    expect(started.data.agent_strategy).toEqual({ name: "function_calling", icon: "" });
    expect(frames.find((f) => f.event === "node_started" && f.data.node_type === "start").data.agent_strategy).toBeNull();
    const finished = frames.find((f) => f.event === "node_finished" && f.data.node_type === "agent");
    expect(finished.data).toMatchObject({ status: "succeeded", process_data: { agent_strategy: "function_calling", model_name: "gpt-4o-mini" } });
    expect(frames.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded" } });
  });

  it("streams the agent's answer through an Answer node in a chatflow, with the conversation as memory", async () => {
    const owner = await newOwner();
    const { provider, apiKey } = await addFakeProvider(owner);
    const { key } = await publishedApp(owner, agentDsl("advanced-chat", provider));
    const first = 'use tool eval_expression with {"expression": "6*7"}';
    const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query: first, user: "u1", response_mode: "streaming" } });
    const frames = sseEvents(await res.text());
    const answer = frames.filter((f) => f.event === "message").map((f) => f.answer).join("");
    expect(answer).toContain("Tool said: 42");
    expect(frames.at(-1).event).toBe("message_end");

    const second = await v1(key, "POST", "/chat-messages", {
      body: { inputs: {}, query: "and now?", user: "u1", response_mode: "blocking", conversation_id: frames[0].conversation_id },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const last = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").at(-1)!;
    expect(last.body.messages.map((m: any) => [m.role, m.content])).toEqual([
      ["system", "Use the tools to compute."],
      ["user", first],
      ["assistant", answer],
      ["user", "and now?"],
    ]);
  });

  it("fails the run with the provider's message when the DSL's model provider is not configured", async () => {
    const owner = await newOwner();
    const { key } = await publishedApp(owner, agentDsl("workflow", "langgenius/openai/openai"));
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { question: "hi" }, user: "u1" } });
    expect(r.status).toBe(200);
    expect(r.body.data.status).toBe("failed");
    expect(r.body.data.error).toMatch(/Model provider "openai" is not configured/);
  });
});
