// The workflow editor's rules for trigger start nodes (Dify 1.10+ trigger-webhook and
// trigger-schedule; web/src/features/workflow/lib): what the palette offers, the variables a
// trigger hands on, its card line, the editor's checks of a graph that starts from triggers, and
// the webhook's example call.
import { describe, expect, it } from "vitest";
import { type FlowEdge, type FlowNode, hasTarget, makeEdge, testRunStart } from "../../web/src/features/workflow/lib/flow";
import { kindOf, newNodeData, PALETTE_KINDS } from "../../web/src/features/workflow/lib/node-kinds";
import { scheduleSummary, to12h, to24h } from "../../web/src/features/workflow/lib/schedule";
import { validateGraph } from "../../web/src/features/workflow/lib/validate";
import { availableVariables } from "../../web/src/features/workflow/lib/variables";
import { curlExample, difyVariables, withContentType } from "../../web/src/features/workflow/lib/webhook";

const WORKFLOW = { flavor: "workflow" as const, environment: [], conversation: [] };
const CHATFLOW = { flavor: "advanced-chat" as const, environment: [], conversation: [] };

function node(id: string, type: string, data: Record<string, unknown> = {}, extra: Partial<FlowNode> = {}): FlowNode {
  return { id, type: "custom", position: { x: 0, y: 0 }, ...extra, data: { ...newNodeData(type, id, "workflow"), ...data } };
}
const link = (nodes: FlowNode[], source: string, target: string): FlowEdge => makeEdge(nodes.find((n) => n.id === source)!, "source", nodes.find((n) => n.id === target)!);
const messagesOf = (nodes: FlowNode[], edges: FlowEdge[], scope: typeof WORKFLOW | typeof CHATFLOW = WORKFLOW) =>
  validateGraph(nodes, edges, scope).map((p) => `${p.node_id}: ${p.message}`);
const field = (name: string, type = "string", required = false) => ({ name, type, required });

describe("trigger node kinds", () => {
  it("offers both triggers as start nodes of workflows only, with Dify's defaults", () => {
    for (const type of ["trigger-webhook", "trigger-schedule"]) {
      const kind = PALETTE_KINDS.find((k) => k.type === type)!;
      expect(kind.modes).toEqual(["workflow"]);
      expect(kind.category).toBe(kindOf("start").category);
    }
    expect(newNodeData("trigger-webhook", "w", "workflow")).toEqual({
      type: "trigger-webhook",
      desc: "",
      title: "Webhook Trigger",
      method: "post",
      content_type: "application/json",
      headers: [],
      params: [],
      body: [],
      status_code: 200,
      response_body: "",
      timeout: 30,
      variables: [],
    });
    expect(newNodeData("trigger-schedule", "s", "workflow")).toEqual({
      type: "trigger-schedule",
      desc: "",
      title: "Schedule Trigger",
      mode: "visual",
      frequency: "daily",
      cron_expression: "",
      timezone: "UTC",
      visual_config: { time: "12:00 AM", on_minute: 0, weekdays: ["sun"], monthly_days: [1] },
    });
  });

  it("takes no incoming edge, like Start", () => {
    expect(hasTarget(newNodeData("trigger-webhook", "w", "workflow"))).toBe(false);
    expect(hasTarget(newNodeData("trigger-schedule", "s", "workflow"))).toBe(false);
    expect(hasTarget(newNodeData("end", "e", "workflow"))).toBe(true);
  });

  it("hands on a webhook's headers (with - read as _), query parameters, body fields and the raw call", () => {
    const data = { headers: [field("X-Token"), field("")], params: [field("page", "number")], body: [field("tags", "array[string]"), field("doc", "file")] };
    expect(kindOf("trigger-webhook").outputs(node("w", "trigger-webhook", data).data)).toEqual([
      { name: "X_Token", type: "string" },
      { name: "page", type: "number" },
      { name: "tags", type: "array[string]" },
      { name: "doc", type: "file" },
      { name: "_webhook_raw", type: "object" },
    ]);
  });

  it("makes each body field the whole raw body for text/plain (a string) and octet-stream (a file)", () => {
    const outputs = (content_type: string) => kindOf("trigger-webhook").outputs(node("w", "trigger-webhook", { content_type, body: [field("raw", "number")] }).data);
    expect(outputs("text/plain")[0]).toEqual({ name: "raw", type: "string" });
    expect(outputs("application/octet-stream")[0]).toEqual({ name: "raw", type: "file" });
  });

  it("hands on a schedule's current_time", () => {
    expect(kindOf("trigger-schedule").outputs(node("s", "trigger-schedule").data)).toEqual([{ name: "current_time", type: "string" }]);
  });

  it("sums a trigger up on its card", () => {
    const summary = (type: string, data: Record<string, unknown> = {}) => kindOf(type).summary(node("n", type, data).data);
    expect(summary("trigger-webhook")).toBe("POST · application/json");
    expect(summary("trigger-webhook", { method: "put", content_type: "text/plain" })).toBe("PUT · text/plain");
    expect(summary("trigger-schedule")).toBe("Daily at 12:00 AM (UTC)");
    const visual = { time: "09:30 PM", on_minute: 5, weekdays: ["fri", "mon"], monthly_days: ["last", 15, 1] };
    expect(summary("trigger-schedule", { frequency: "hourly", visual_config: visual })).toBe("Hourly at :05 (UTC)");
    expect(summary("trigger-schedule", { frequency: "weekly", timezone: "Asia/Tokyo", visual_config: visual })).toBe("Weekly on Mon, Fri at 09:30 PM (Asia/Tokyo)");
    expect(summary("trigger-schedule", { frequency: "monthly", visual_config: visual })).toBe("Monthly on day 1, 15, last at 09:30 PM (UTC)");
    expect(summary("trigger-schedule", { mode: "cron", cron_expression: "0 9 * * 1-5" })).toBe("0 9 * * 1-5 (UTC)");
    expect(scheduleSummary({ type: "trigger-schedule", title: "", mode: "cron", cron_expression: " " })).toBe("No cron expression");
  });

  it("converts the schedule's 12-hour time to a time input's and back", () => {
    expect(to24h("12:00 AM")).toBe("00:00");
    expect(to24h("12:15 PM")).toBe("12:15");
    expect(to24h("09:05 pm")).toBe("21:05");
    expect(to24h("13:00 PM")).toBe("");
    expect(to12h("00:00")).toBe("12:00 AM");
    expect(to12h("12:30")).toBe("12:30 PM");
    expect(to12h("23:59")).toBe("11:59 PM");
  });
});

describe("the editor's checks of a workflow that starts from triggers", () => {
  it("finds nothing wrong with webhook → template and no End node", () => {
    const nodes = [
      node("hook", "trigger-webhook", { headers: [field("X-Token")], body: [field("name", "string", true)] }),
      node("t", "template-transform", { variables: [{ variable: "n", value_selector: ["hook", "name"] }], template: "{{ n }} {{#hook.X_Token#}}" }),
    ];
    expect(messagesOf(nodes, [link(nodes, "hook", "t")])).toEqual([]);
  });

  it("lets several triggers start one workflow, and nodes after each read its variables only", () => {
    const nodes = [node("hook", "trigger-webhook", { params: [field("q")] }), node("cron", "trigger-schedule"), node("t", "template-transform", { variables: [{ variable: "x", value_selector: ["cron", "current_time"] }] })];
    const edges = [link(nodes, "hook", "t"), link(nodes, "cron", "t")];
    expect(messagesOf(nodes, edges)).toEqual([]);
    const groups = availableVariables("t", nodes, edges, WORKFLOW);
    expect(groups.find((g) => g.nodeId === "hook")!.vars.map((v) => v.name)).toEqual(["q", "_webhook_raw"]);
    expect(groups.find((g) => g.nodeId === "cron")!.vars).toEqual([{ name: "current_time", type: "string" }]);
  });

  it("asks for a Start node or a trigger, and refuses both at once", () => {
    const lone = [node("e", "end")];
    expect(messagesOf(lone, [])).toContain("null: Add a Start node or a trigger: every run begins there.");
    const both = [node("s", "start"), node("hook", "trigger-webhook"), node("e", "end")];
    expect(messagesOf(both, [link(both, "s", "e"), link(both, "hook", "e")])).toEqual(["s: A workflow starts from its triggers or from a Start node, not both: remove one."]);
  });

  it("no longer asks a workflow for an End node, but still asks a chatflow for an Answer", () => {
    expect(messagesOf([node("s", "start")], [])).toEqual([]);
    expect(messagesOf([node("s", "start")], [], CHATFLOW)).toEqual(["null: Add an Answer node to reply in the chat."]);
  });

  it("refuses triggers in a chatflow", () => {
    const nodes = [node("s", "start"), node("hook", "trigger-webhook"), node("a", "answer", { answer: "hi" })];
    expect(messagesOf(nodes, [link(nodes, "s", "a")], CHATFLOW)).toEqual(["hook: Trigger nodes start workflows, not chatflows; remove it."]);
  });

  it("flags an edge into a trigger, a node no trigger reaches, and a sixth webhook", () => {
    const nodes = [node("hook", "trigger-webhook"), node("a", "template-transform", { variables: [] }), node("b", "template-transform", { variables: [] }), node("c", "template-transform", { variables: [] })];
    const edges = [link(nodes, "hook", "a"), { ...link(nodes, "a", "hook"), id: "into-hook" }, link(nodes, "b", "c"), link(nodes, "c", "b")];
    const messages = messagesOf(nodes, edges);
    expect(messages).toContain("hook: A start node can't have incoming edges; remove the edge that leads here.");
    expect(messages).toContain("c: Unreachable: no path from a trigger leads here.");
    const hooks = Array.from({ length: 6 }, (_, i) => node(`h${i}`, "trigger-webhook"));
    expect(messagesOf(hooks, [])).toEqual(["h5: A workflow has at most 5 webhook triggers."]);
  });

  it("checks a webhook's fields as the server will: names, clashes, types its content type carries, status code", () => {
    const data = {
      headers: [field(""), field("X-Id")],
      params: [field("X_Id"), field("2nd")],
      body: [field("_webhook_raw"), field("doc", "file"), field("n", "number")],
      status_code: 700,
    };
    expect(messagesOf([node("hook", "trigger-webhook", data)], [])).toEqual([
      "hook: A header has no name.",
      "hook: Two fields would both be the variable “X_Id”; rename one.",
      "hook: “2nd” isn't a valid query parameter name: use letters, digits and _, not starting with a digit.",
      "hook: “_webhook_raw” is reserved for the whole call.",
      "hook: Body field “doc” can't be file with application/json.",
      "hook: The status code must be a number from 100 to 599.",
    ]);
    expect(messagesOf([node("hook", "trigger-webhook", { content_type: "multipart/form-data", body: [field("doc", "file")] })], [])).toEqual([]);
  });

  it("checks a schedule's settings as the server will", () => {
    const problems = (data: Record<string, unknown>) => validateGraph([node("s", "trigger-schedule", data)], [], WORKFLOW).map((p) => p.message);
    expect(problems({})).toEqual([]);
    expect(problems({ mode: "cron", cron_expression: "" })).toEqual(["Enter a cron expression."]);
    expect(problems({ mode: "cron", cron_expression: "0 9 * *" })).toEqual(["A cron expression has five fields: minute hour day-of-month month day-of-week."]);
    expect(problems({ frequency: "weekly", visual_config: { time: "9:00 AM", weekdays: [] } })).toEqual(["Choose at least one weekday."]);
    expect(problems({ frequency: "monthly", visual_config: { time: "25:00 AM", monthly_days: ["last"] } })).toEqual(["Choose the time of day."]);
    expect(problems({ frequency: "hourly", visual_config: { on_minute: 60 } })).toEqual(["Choose the minute of the hour, 0 to 59."]);
    expect(problems({ timezone: "Mars/Olympus" })).toEqual(["“Mars/Olympus” isn't a time zone."]);
  });
});

describe("webhook settings", () => {
  it("keeps Dify's variables list beside the fields, and a content type change keeps only body types it carries", () => {
    const data = node("hook", "trigger-webhook", { headers: [field("X-Sig", "string", true)], body: [field("items", "array[object]"), field("name")] }).data;
    expect(difyVariables(data)).toEqual([
      { variable: "X_Sig", label: "header", value_type: "string", value_selector: [], required: true },
      { variable: "items", label: "body", value_type: "array[object]", value_selector: [], required: false },
      { variable: "name", label: "body", value_type: "string", value_selector: [], required: false },
      { variable: "_webhook_raw", label: "raw", value_type: "object", value_selector: [], required: true },
    ]);
    const changed = withContentType(data, "application/x-www-form-urlencoded");
    expect(changed.body).toEqual([field("items"), field("name")]);
    expect((changed.variables as { variable: string }[]).map((v) => v.variable)).toEqual(["X_Sig", "items", "name", "_webhook_raw"]);
  });

  it("writes a curl call that fits the method, content type, headers, query and body", () => {
    const url = "https://kiln.example/triggers/webhook/abc";
    const data = (extra: Record<string, unknown>) => node("hook", "trigger-webhook", extra).data;
    expect(curlExample(data({ body: [field("name"), field("count", "number")] }), url)).toBe(
      `curl -X POST '${url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"name":"text","count":1}'`,
    );
    expect(curlExample(data({ method: "get", headers: [field("X-Token")], params: [field("page", "number")], body: [field("ignored")] }), url)).toBe(
      `curl -X GET '${url}?page=1' \\\n  -H 'X-Token: value'`,
    );
    expect(curlExample(data({ content_type: "multipart/form-data", body: [field("doc", "file"), field("who")] }), url)).toBe(
      `curl -X POST '${url}' \\\n  -F 'doc=@./file.txt' \\\n  -F 'who=text'`,
    );
    expect(curlExample(data({ content_type: "application/x-www-form-urlencoded", body: [field("ok", "boolean")] }), url)).toContain("--data-urlencode 'ok=true'");
  });
});

describe("test runs", () => {
  it("start at Start, else at a schedule trigger; a webhook-only draft has none", () => {
    const start = node("s", "start");
    const cron = node("c", "trigger-schedule");
    const hook = node("h", "trigger-webhook");
    expect(testRunStart([hook, cron, start])?.via).toBe("start");
    expect(testRunStart([hook, cron])).toMatchObject({ via: "schedule", node: { id: "c" } });
    expect(testRunStart([hook])?.via).toBe("webhook");
    expect(testRunStart([node("e", "end")])).toBeNull();
  });
});
