// A chatflow message's Human Input forms on the message lists (Dify's `extra_contents`): an open
// form with its definition and token, an answered one with the action and values, on the Service
// API, the WebApp and the console's logs; never another conversation's or another app's.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { eventually, graphEdge as edge, graphNode as node, publishedWorkflowApp, rows, sseEvents, v1, v1Raw } from "../support/apps";
import { call, callJson, newWorkspaceOwner } from "../support/console";

let token = "";


const ACTIONS = [
  { id: "approve", title: "Approve", button_style: "primary" },
  { id: "reject", title: "Reject", button_style: "default" },
];
const COMMENT = { type: "paragraph", output_variable_name: "comment", default: { type: "constant", selector: [], value: "looks good" } };
const form = (content: string, inputs: unknown[]) => ({
  type: "human-input",
  form_content: content,
  inputs,
  user_actions: ACTIONS,
  timeout: 1,
  timeout_unit: "hour",
  delivery_methods: [{ id: "d1", type: "webapp", enabled: true }],
});

/** start → "Checking" → ask (comment) → "You said" → confirm (no inputs) → "Done". */
const TWO_FORMS = YAML.stringify({
  version: "0.6.0",
  kind: "app",
  app: { name: "Two forms chat", mode: "advanced-chat" },
  workflow: {
    graph: {
      nodes: [
        node("start", { type: "start", variables: [] }),
        node("first", { type: "answer", answer: "Checking {{#sys.query#}}. " }),
        node("ask", form("Reply to {{#sys.query#}}: {{#$output.comment#}}", [COMMENT])),
        node("second", { type: "answer", answer: "You said {{#ask.comment#}}. " }),
        node("confirm", form("Sure?", [])),
        node("third", { type: "answer", answer: "Done." }),
      ],
      edges: [edge("start", "first"), edge("first", "ask"), edge("ask", "second", "approve"), edge("second", "confirm"), edge("confirm", "third", "approve")],
    },
    features: {},
  },
});

const publishedApp = (yaml: string) => publishedWorkflowApp(token, yaml);

/** A streamed chatflow turn that pauses at its first form: its human_input_required event. */
async function pausedTurn(key: string, user: string, query: string, conversationId = "") {
  const res = await v1Raw(key, "POST", "/chat-messages", { body: { query, inputs: {}, response_mode: "streaming", user, conversation_id: conversationId } });
  const events = sseEvents(await res.text());
  expect(events.at(-1).event).toBe("workflow_paused");
  return events.find((e) => e.event === "human_input_required");
}

const askDefinition = (required: { workflow_run_id: string; data: { form_id: string; expiration_time: number } }, query: string) => ({
  form_id: required.data.form_id,
  node_id: "ask",
  node_title: "ask",
  form_content: `Reply to ${query}: {{#$output.comment#}}`,
  inputs: [COMMENT],
  actions: ACTIONS,
  display_in_ui: true,
  resolved_default_values: {},
  expiration_time: required.data.expiration_time,
});

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("Human Input forms on chatflow messages (extra_contents)", () => {
  it("lists a paused turn's open form with its token, then the answered one with its answer and the next open form, then both answered", async () => {
    const { appId, key } = await publishedApp(TWO_FORMS);
    const required = await pausedTurn(key, "c1", "hello");
    const conversationId = required.conversation_id;
    const runId = required.workflow_run_id;
    const listed = async () => {
      const r = await v1(key, "GET", `/messages?conversation_id=${conversationId}&user=c1`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.data[0];
    };

    const paused = await listed();
    expect(paused.status).toBe("paused");
    expect(paused.extra_contents).toEqual([
      { workflow_run_id: runId, submitted: false, form_definition: { ...askDefinition(required, "hello"), form_token: required.data.form_token }, type: "human_input" },
    ]);

    // Answered: the run goes on and pauses again at the second form, on the same message.
    const answered = await v1(key, "POST", `/form/human_input/${paused.extra_contents[0].form_definition.form_token}`, { body: { inputs: { comment: "fine" }, action: "approve", user: "c1" } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const again = await eventually(async () => {
      const m = await listed();
      return m.extra_contents.length === 2 && m.status === "paused" ? m : null;
    }, 10_000);
    const [confirmForm] = await rows<{ id: string; expires_at: number }>("SELECT id, expires_at FROM workflow_human_input_forms WHERE workflow_run_id = ? AND node_id = 'confirm'", runId);
    const submittedAsk = {
      workflow_run_id: runId,
      submitted: true,
      form_definition: askDefinition(required, "hello"),
      form_submission_data: { node_id: "ask", node_title: "ask", rendered_content: "Reply to hello: fine", action_id: "approve", action_text: "Approve", submitted_data: { comment: "fine" } },
      type: "human_input",
    };
    const confirmDefinition = {
      form_id: confirmForm.id,
      node_id: "confirm",
      node_title: "confirm",
      form_content: "Sure?",
      inputs: [],
      actions: ACTIONS,
      display_in_ui: true,
      resolved_default_values: {},
      expiration_time: Math.floor(confirmForm.expires_at / 1000),
    };
    expect(again.answer).toBe("Checking hello. You said fine. ");
    expect(again.extra_contents).toEqual([
      submittedAsk,
      { workflow_run_id: runId, submitted: false, form_definition: { ...confirmDefinition, form_token: expect.stringMatching(/^\w{22}$/) }, type: "human_input" },
    ]);
    // The listed token is the form's own: it opens it and answers it.
    const confirmToken = again.extra_contents[1].form_definition.form_token;
    expect((await v1(key, "GET", `/form/human_input/${confirmToken}?user=c1`)).body.form_content).toBe("Sure?");
    expect((await v1(key, "POST", `/form/human_input/${confirmToken}`, { body: { inputs: {}, action: "approve", user: "c1" } })).status).toBe(200);
    const done = await eventually(async () => {
      const m = await listed();
      return m.status === "normal" ? m : null;
    }, 10_000);
    expect(done.answer).toBe("Checking hello. You said fine. Done.");
    const submittedConfirm = {
      workflow_run_id: runId,
      submitted: true,
      form_definition: confirmDefinition,
      form_submission_data: { node_id: "confirm", node_title: "confirm", rendered_content: "Sure?", action_id: "approve", action_text: "Approve", submitted_data: {} },
      type: "human_input",
    };
    expect(done.extra_contents).toEqual([submittedAsk, submittedConfirm]);

    // The console's logs carry the same contents: the conversation, the message list, one message.
    const conversation = await callJson("GET", `/console/api/apps/${appId}/conversations/${conversationId}`, { token });
    expect(conversation.status, JSON.stringify(conversation.body)).toBe(200);
    expect(conversation.body.messages.map((m: { extra_contents: unknown }) => m.extra_contents)).toEqual([[submittedAsk, submittedConfirm]]);
    const logs = await callJson("GET", `/console/api/apps/${appId}/messages`, { token });
    expect(logs.body.data.find((m: { id: string }) => m.id === done.id).extra_contents).toEqual([submittedAsk, submittedConfirm]);
    const one = await callJson("GET", `/console/api/apps/${appId}/messages/${done.id}`, { token });
    expect(one.body.extra_contents).toEqual([submittedAsk, submittedConfirm]);
  });

  it("lists a WebApp visitor's paused turn with the form's token on GET /api/messages", async () => {
    const { appId } = await publishedApp(TWO_FORMS);
    const [app] = await rows<{ site_code: string }>("SELECT site_code FROM apps WHERE id = ?", appId);
    const passport = (await callJson("GET", "/api/passport", { headers: { "x-app-code": app.site_code } })).body.access_token;
    const res = await call("POST", "/api/chat-messages", { token: passport, body: { query: "web", inputs: {}, response_mode: "streaming" } });
    const events = sseEvents(await res.text());
    expect(events.at(-1).event).toBe("workflow_paused");
    const required = events.find((e) => e.event === "human_input_required");
    const listed = await callJson("GET", `/api/messages?conversation_id=${required.conversation_id}`, { token: passport });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ id: required.message_id, status: "paused" });
    expect(listed.body.data[0].extra_contents).toEqual([
      { workflow_run_id: required.workflow_run_id, submitted: false, form_definition: { ...askDefinition(required, "web"), form_token: required.data.form_token }, type: "human_input" },
    ]);
  });

  it("gives another conversation's messages, a plain turn and another app's messages none of a turn's forms", async () => {
    const { appId, key } = await publishedApp(TWO_FORMS);
    const plain = await publishedApp(
      YAML.stringify({
        version: "0.6.0",
        kind: "app",
        app: { name: "Plain chat", mode: "advanced-chat" },
        workflow: { graph: { nodes: [node("start", { type: "start", variables: [] }), node("say", { type: "answer", answer: "Hi {{#sys.query#}}" })], edges: [edge("start", "say")] }, features: {} },
      }),
    );
    const mine = await pausedTurn(key, "c2", "mine");
    const theirs = await pausedTurn(key, "c3", "theirs");
    const otherApp = await publishedApp(TWO_FORMS);
    const elsewhere = await pausedTurn(otherApp.key, "c2", "elsewhere");
    const plainTurn = await v1(plain.key, "POST", "/chat-messages", { body: { query: "x", inputs: {}, response_mode: "blocking", user: "c2" } });
    expect(plainTurn.status, JSON.stringify(plainTurn.body)).toBe(200);

    const contentsOf = async (k: string, conversationId: string, user: string) =>
      (await v1(k, "GET", `/messages?conversation_id=${conversationId}&user=${user}`)).body.data.map((m: { extra_contents: { form_definition: { form_id: string } }[] }) =>
        m.extra_contents.map((c) => c.form_definition.form_id),
      );
    expect(await contentsOf(key, mine.conversation_id, "c2")).toEqual([[mine.data.form_id]]);
    expect(await contentsOf(key, theirs.conversation_id, "c3")).toEqual([[theirs.data.form_id]]);
    expect(await contentsOf(otherApp.key, elsewhere.conversation_id, "c2")).toEqual([[elsewhere.data.form_id]]);
    expect(await contentsOf(plain.key, plainTurn.body.conversation_id, "c2")).toEqual([[]]);
    // The console's log of the app lists each of its messages with its own form only.
    const logs = await callJson("GET", `/console/api/apps/${appId}/messages`, { token });
    const byMessage = Object.fromEntries(logs.body.data.map((m: { id: string; extra_contents: { form_definition: { form_id: string } }[] }) => [m.id, m.extra_contents.map((c) => c.form_definition.form_id)]));
    expect(byMessage).toEqual({ [mine.message_id]: [mine.data.form_id], [theirs.message_id]: [theirs.data.form_id] });
  });
});
