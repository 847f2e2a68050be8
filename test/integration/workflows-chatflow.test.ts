/// <reference types="vite/client" />
// Chatflow (advanced-chat) apps through POST /v1/chat-messages: workflow events interleaved with
// `message` events and a final message_end, conversations continued with their variables, and
// the messages logged like a chat app's.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { callJson, newWorkspaceOwner } from "../support/console";
import { addFakeProvider, eventually, rows, sseEvents, v1, v1Raw } from "../support/apps";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/dify-dsl/${name}`];

let token = "";
async function chatflow(name: string) {
  const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: fixture(name) } });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const appId = imported.body.app_id;
  expect((await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} })).status).toBe(200);
  return { appId, key: (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string };
}

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("POST /v1/chat-messages on a chatflow", () => {
  it("streams workflow events with the chat ids, the answer as message events, then message_end", async () => {
    const { key } = await chatflow("answer_end_with_text.yml");
    const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hello", user: "u1", response_mode: "streaming" } });
    expect(res.status).toBe(200);
    const events = sseEvents(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("workflow_started");
    expect(names.slice(-2)).toEqual(["workflow_finished", "message_end"]);
    expect(names.indexOf("message")).toBeGreaterThan(0);
    const { conversation_id, message_id } = events[0];
    for (const e of events) expect(e).toMatchObject({ conversation_id, message_id, task_id: events[0].task_id });
    expect(events.filter((e) => e.event === "message").map((e) => e.answer).join("")).toBe("prefixhellosuffix");
    expect(events.find((e) => e.event === "message")).toMatchObject({ id: message_id });
    expect(events.at(-2).data).toMatchObject({ status: "succeeded", outputs: { answer: "prefixhellosuffix" } });

    const messages = await v1(key, "GET", `/messages?conversation_id=${conversation_id}&user=u1`);
    expect(messages.status).toBe(200);
    expect(messages.body.data).toEqual([expect.objectContaining({ id: message_id, query: "hello", answer: "prefixhellosuffix" })]);
  });

  it("runs an End node a chatflow carries, as Dify does: its value streams into the reply and its outputs join the run's", async () => {
    const node = (id: string, data: Record<string, unknown>) => ({ id, type: "custom", data: { title: id, ...data } });
    const yaml = YAML.stringify({
      version: "0.3.0",
      kind: "app",
      app: { name: "End in a chatflow", mode: "advanced-chat" },
      workflow: {
        graph: {
          nodes: [
            node("start", { type: "start", variables: [] }),
            node("reply", { type: "answer", answer: "You said {{#sys.query#}}. " }),
            node("done", { type: "end", outputs: [{ variable: "echo", value_selector: ["sys", "query"] }] }),
          ],
          edges: [
            { id: "e1", source: "start", target: "reply", sourceHandle: "source", targetHandle: "target" },
            { id: "e2", source: "reply", target: "done", sourceHandle: "source", targetHandle: "target" },
          ],
        },
        features: {},
      },
    });
    const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: yaml } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const appId = imported.body.app_id;
    const published = await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;
    const events = sseEvents(await (await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "u-end", response_mode: "streaming" } })).text());
    expect(events.filter((e) => e.event === "message").map((e) => e.answer).join("")).toBe("You said hi. hi");
    const finished = events.find((e) => e.event === "workflow_finished");
    expect(finished.data).toMatchObject({ status: "succeeded", outputs: { answer: "You said hi. ", files: [], echo: "hi" } });
    const logged = await v1(key, "GET", `/messages?conversation_id=${events[0].conversation_id}&user=u-end`);
    expect(logged.body.data).toEqual([expect.objectContaining({ query: "hi", answer: "You said hi. hi" })]);
    const blocking = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "yo", user: "u-end" } });
    expect(blocking.body).toMatchObject({ answer: "You said yo. yo" });
  });

  it("sums its LLM nodes' tokens and prices into message_end's usage, and logs them with the model", async () => {
    const { provider } = await addFakeProvider({ token });
    const llm = (id: string, text: string) => ({
      id,
      type: "custom",
      data: {
        type: "llm",
        title: id,
        model: { provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
        prompt_template: [{ role: "user", text }],
        context: { enabled: false, variable_selector: [] },
        vision: { enabled: false },
      },
    });
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Two model calls", mode: "advanced-chat" },
      workflow: {
        graph: {
          nodes: [
            { id: "start", type: "custom", data: { type: "start", title: "Start", variables: [] } },
            llm("draft", "Draft a reply to: {{#sys.query#}}"),
            llm("polish", "Polish this: {{#draft.text#}}"),
            { id: "answer", type: "custom", data: { type: "answer", title: "Answer", answer: "{{#polish.text#}}" } },
          ],
          edges: [
            { source: "start", target: "draft", sourceHandle: "source" },
            { source: "draft", target: "polish", sourceHandle: "source" },
            { source: "polish", target: "answer", sourceHandle: "source" },
          ],
        },
      },
    });
    const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: yaml } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const appId = imported.body.app_id;
    expect((await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} })).status).toBe(200);
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;

    const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hello there", user: "u9", response_mode: "streaming" } });
    const events = sseEvents(await res.text());
    const finished = events.find((e) => e.event === "workflow_finished").data;
    expect(finished.status).toBe("succeeded");
    const perNode = events.filter((e) => e.event === "node_finished" && e.data.node_type === "llm").map((e) => e.data.outputs.usage);
    expect(perNode).toHaveLength(2);
    const usage = events.find((e) => e.event === "message_end").metadata.usage;
    const sum = (k: string) => perNode.reduce((n: number, u: any) => n + Number(u[k]), 0);
    expect(usage.prompt_tokens).toBe(sum("prompt_tokens"));
    expect(usage.completion_tokens).toBe(sum("completion_tokens"));
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(finished.total_tokens);
    // gpt-4o-mini's rates: $0.15 / $0.60 per million tokens.
    expect(usage).toMatchObject({ prompt_unit_price: "0.15", completion_unit_price: "0.6", prompt_price_unit: "0.000001", currency: "USD" });
    expect(Number(usage.total_price)).toBeCloseTo(sum("total_price"), 7);
    expect(Number(usage.total_price)).toBeCloseTo(Number(usage.prompt_price) + Number(usage.completion_price), 7);
    expect(Number(usage.total_price)).toBeGreaterThan(0);

    const logged = await eventually(async () => (await rows("SELECT * FROM messages WHERE id = ?", events[0].message_id))[0]);
    expect(logged).toMatchObject({ provider, model: "gpt-4o-mini", message_tokens: usage.prompt_tokens, answer_tokens: usage.completion_tokens });
    expect(logged.total_price).toBeCloseTo(Number(usage.total_price), 7);
  });

  it("answers in blocking mode and continues a conversation, keeping its variables", async () => {
    const { key, appId } = await chatflow("test_streaming_conversation_variables.yml");
    const first = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "first", user: "u2" } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ event: "message", mode: "advanced-chat", answer: "first", metadata: { annotation_reply: null } });
    const second = await v1(key, "POST", "/chat-messages", {
      body: { inputs: {}, query: "second", user: "u2", conversation_id: first.body.conversation_id },
    });
    expect(second.status).toBe(200);
    expect(second.body.conversation_id).toBe(first.body.conversation_id);
    expect(second.body.answer).toBe("second");
    const stored = await rows("SELECT name, value FROM workflow_conversation_variables WHERE app_id = ? AND conversation_id = ?", appId, first.body.conversation_id);
    expect(stored).toEqual([{ name: "str", value: JSON.stringify("second") }]);
    const unknown = await v1(key, "POST", "/chat-messages", {
      body: { inputs: {}, query: "x", user: "u2", conversation_id: "00000000-0000-7000-8000-000000000000" },
    });
    expect(unknown.status).toBe(404);
  });

  it("lists a conversation's variables and sets one, which the next message then reads (Dify's conversation variables API)", async () => {
    // The fixture's chatflow without its assigner: the answer shows the variable as the run finds it.
    const dsl = YAML.parse(fixture("test_streaming_conversation_variables.yml"));
    const nodes = dsl.workflow.graph.nodes;
    const start = nodes.find((n: any) => n.data.type === "start");
    const answer = nodes.find((n: any) => n.data.type === "answer");
    dsl.workflow.graph.nodes = [start, answer];
    dsl.workflow.conversation_variables.push({
      id: "0b4c2f1e-7d3a-4c55-9e1b-2f6a8d9c0e11",
      name: "count",
      value_type: "number",
      value: 3,
      description: "turns so far",
      selector: ["conversation", "count"],
    });
    dsl.workflow.graph.edges = [{ id: "s-a", source: start.id, target: answer.id, sourceHandle: "source" }];
    const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: YAML.stringify(dsl) } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const appId = imported.body.app_id;
    expect((await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} })).status).toBe(200);
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token as string;

    const first = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "vars" } });
    expect(first.body.answer).toBe("default");
    const conversation = first.body.conversation_id;
    const listed = await v1(key, "GET", `/conversations/${conversation}/variables?user=vars`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      limit: 20,
      has_more: false,
      data: [
        {
          id: "0b4c2f1e-7d3a-4c55-9e1b-2f6a8d9c0e11",
          name: "count",
          value_type: "number",
          value: "3",
          description: "turns so far",
          created_at: expect.any(Number),
          updated_at: expect.any(Number),
        },
        {
          id: "e208ec58-4503-48a9-baf8-17aae67e5fa0",
          name: "str",
          value_type: "string",
          value: "default",
          description: "",
          created_at: expect.any(Number),
          updated_at: expect.any(Number),
        },
      ],
    });
    // Pages by last_id, though both variables were created in the same instant.
    const page1 = await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&limit=1`);
    expect(page1.body).toMatchObject({ limit: 1, has_more: true, data: [{ name: "count" }] });
    const page2 = await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&limit=1&last_id=${page1.body.data[0].id}`);
    expect(page2.body).toMatchObject({ limit: 1, has_more: false, data: [{ name: "str" }] });
    expect((await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&last_id=00000000-0000-7000-8000-000000000000`)).status).toBe(404);
    expect((await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&variable_name=ST`)).body.data).toHaveLength(1);
    expect((await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&variable_name=nope`)).body.data).toEqual([]);
    expect((await v1(key, "GET", `/conversations/${conversation}/variables?user=vars&variable_name=a'b`)).status).toBe(400);
    // Another end user, or a conversation that is not there: 404.
    expect((await v1(key, "GET", `/conversations/${conversation}/variables?user=someone-else`)).status).toBe(404);
    expect((await v1(key, "GET", `/conversations/00000000-0000-7000-8000-000000000000/variables?user=vars`)).status).toBe(404);

    const path = `/conversations/${conversation}/variables/e208ec58-4503-48a9-baf8-17aae67e5fa0`;
    const wrongType = await v1(key, "PUT", path, { body: { value: 42, user: "vars" } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ code: "bad_request", message: "Type mismatch: variable 'str' expects string, but got integer type" });
    expect((await v1(key, "PUT", path, { body: { user: "vars" } })).status).toBe(400);
    expect((await v1(key, "PUT", `/conversations/${conversation}/variables/no-such-variable`, { body: { value: "x", user: "vars" } })).status).toBe(404);
    const set = await v1(key, "PUT", path, { body: { value: "changed", user: "vars" } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: "e208ec58-4503-48a9-baf8-17aae67e5fa0", name: "str", value: "changed", value_type: "string" });
    const second = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "again", user: "vars", conversation_id: conversation } });
    expect(second.body.answer).toBe("changed");
  });

  it("fails a broken run as Dify does: 400 invalid_param when blocking, workflow_finished then error when streaming", async () => {
    const broken = YAML.parse(fixture("answer_end_with_text.yml"));
    const answer = broken.workflow.graph.nodes.find((n: any) => n.data.type === "answer");
    answer.data.answer = "{{#sys.query#}}";
    broken.workflow.graph.nodes.push({ id: "bad", type: "custom", data: { type: "template-transform", title: "Bad", template: "{{ x ", variables: [] } });
    const start = broken.workflow.graph.nodes.find((n: any) => n.data.type === "start");
    broken.workflow.graph.edges = [
      { id: "a", source: start.id, target: "bad", sourceHandle: "source" },
      { id: "b", source: "bad", target: answer.id, sourceHandle: "source" },
    ];
    const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: YAML.stringify(broken) } });
    const appId = imported.body.app_id;
    expect((await callJson("POST", `/console/api/apps/${appId}/workflows/publish`, { token, body: {} })).status).toBe(200);
    const key = (await callJson("POST", `/console/api/apps/${appId}/api-keys`, { token })).body.token;
    const blocking = await v1(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "u3" } });
    expect(blocking.status).toBe(400);
    expect(blocking.body.code).toBe("invalid_param");
    expect(blocking.body.message).toMatch(/^Run failed: /);
    const res = await v1Raw(key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "u3", response_mode: "streaming" } });
    const events = sseEvents(await res.text());
    expect(events.slice(-2).map((e) => e.event)).toEqual(["workflow_finished", "error"]);
    expect(events.at(-1)).toMatchObject({ code: "invalid_param", status: 400 });
  });
});
