// Human Input nodes (Dify 1.13+): a run pauses at a form, its state written down; the form is
// opened and submitted by its token through the Service API (or expires); the run then goes on
// through the real queue, replaying what it had done, along the chosen action's branch.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { createCtx } from "../../src/context";
import { expireForms, formByToken, submitForm } from "../../src/workflow/human-input-forms";
import { sweepAbandonedRuns } from "../../src/workflow/runs";
import { eventually, graphEdge as edge, graphNode as node, publishedWorkflowApp, rows, sseEvents, v1, v1Raw } from "../support/apps";
import { call, callJson, newWorkspaceOwner } from "../support/console";

let token = "";


const REVIEW = {
  type: "human-input",
  form_content: "Review {{#start.name#}}: {{#$output.comment#}}",
  inputs: [
    { type: "paragraph", output_variable_name: "comment", default: { type: "variable", selector: ["start", "name"], value: "" } },
    { type: "select", output_variable_name: "choice", option_source: { type: "constant", selector: [], value: ["a", "b"] } },
  ],
  user_actions: [
    { id: "approve", title: "Approve", button_style: "primary" },
    { id: "reject", title: "Reject", button_style: "default" },
  ],
  timeout: 1,
  timeout_unit: "hour",
  delivery_methods: [{ id: "d1", type: "webapp", enabled: true }],
};

/** start → pre → review → (approve: done → end_ok | reject: end_no | __timeout: end_late). */
function reviewDsl(review: Record<string, unknown> = REVIEW, pre = "pre {{ name }}") {
  return YAML.stringify({
    version: "0.6.0",
    kind: "app",
    app: { name: "Review", mode: "workflow" },
    workflow: {
      graph: {
        nodes: [
          node("start", { type: "start", variables: [{ variable: "name", label: "Name", type: "text-input", required: true }] }),
          node("pre", { type: "template-transform", template: pre, variables: [{ variable: "name", value_selector: ["start", "name"] }] }),
          node("review", review),
          node("done", {
            type: "template-transform",
            template: "ok {{ comment }} {{ choice }} {{ act }} {{ pre }}",
            variables: [
              { variable: "comment", value_selector: ["review", "comment"] },
              { variable: "choice", value_selector: ["review", "choice"] },
              { variable: "act", value_selector: ["review", "__action_value"] },
              { variable: "pre", value_selector: ["pre", "output"] },
            ],
          }),
          node("end_ok", { type: "end", outputs: [{ variable: "result", value_selector: ["done", "output"] }] }),
          node("end_no", { type: "end", outputs: [{ variable: "result", value_selector: ["review", "__action_id"] }] }),
          node("end_late", { type: "end", outputs: [{ variable: "result", value_selector: ["review", "__rendered_content"] }] }),
        ],
        edges: [
          edge("start", "pre"),
          edge("pre", "review"),
          edge("review", "done", "approve"),
          edge("done", "end_ok"),
          edge("review", "end_no", "reject"),
          edge("review", "end_late", "__timeout"),
        ],
      },
      features: {},
    },
  });
}

const publishedKey = (yaml: string) => publishedWorkflowApp(token, yaml);

const runOf = (key: string, runId: string) => v1(key, "GET", `/workflows/run/${runId}`);
const finishedRun = (key: string, runId: string) =>
  eventually(async () => {
    const r = await runOf(key, runId);
    return r.body.status !== "paused" && r.body.status !== "running" ? r.body : null;
  }, 10_000);

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

/** Starts a streamed run that pauses at the review form: its run id and form. */
async function pausedRun(key: string, user: string, name = "Ada") {
  const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { name }, response_mode: "streaming", user } });
  const events = sseEvents(await res.text());
  const required = events.find((e) => e.event === "human_input_required");
  expect(events.at(-1).event).toBe("workflow_paused");
  return { runId: required.workflow_run_id as string, form: required.data };
}

async function passportFor(appId: string): Promise<string> {
  const [app] = await rows<{ site_code: string }>("SELECT site_code FROM apps WHERE id = ?", appId);
  return (await callJson("GET", "/api/passport", { headers: { "x-app-code": app.site_code } })).body.access_token;
}

describe("Human Input nodes", () => {
  it("pauses a streamed run at its form; of two answers at once the first sends it on along the chosen action", async () => {
    const { appId, key } = await publishedKey(reviewDsl());
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { name: "Ada" }, response_mode: "streaming", user: "u1" } });
    const events = sseEvents(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("workflow_started");
    expect(names.slice(-2)).toEqual(["human_input_required", "workflow_paused"]);
    expect(names).not.toContain("workflow_finished");
    const required = events.at(-2);
    const runId = required.workflow_run_id;
    expect(required.data).toMatchObject({
      node_id: "review",
      node_title: "review",
      form_content: "Review Ada: {{#$output.comment#}}",
      display_in_ui: true,
      resolved_default_values: { comment: "Ada" },
      actions: REVIEW.user_actions,
    });
    const formToken = required.data.form_token;
    expect(formToken).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(required.data.expiration_time - Date.now() / 1000).toBeGreaterThan(3500);
    const paused = events.at(-1);
    expect(paused.data).toMatchObject({ workflow_run_id: runId, status: "paused", paused_nodes: ["review"], outputs: {}, total_steps: 3 });
    expect(paused.data.reasons).toEqual([{ TYPE: "human_input_required", ...required.data }]);

    expect((await runOf(key, runId)).body).toMatchObject({ id: runId, status: "paused", finished_at: null });
    // The token is stored hashed only.
    const [stored] = await rows<{ token_hash: string; status: string }>("SELECT token_hash, status FROM workflow_human_input_forms WHERE workflow_run_id = ?", runId);
    expect(stored.status).toBe("waiting");
    expect(stored.token_hash).not.toContain(formToken);

    const form = await v1(key, "GET", `/form/human_input/${formToken}`);
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(form.body).toEqual({
      form_content: "Review Ada: {{#$output.comment#}}",
      inputs: required.data.inputs,
      resolved_default_values: { comment: "Ada" },
      user_actions: REVIEW.user_actions,
      expiration_time: required.data.expiration_time,
    });

    // Bad submissions change nothing.
    const submit = (body: Record<string, unknown>, k = key, t = formToken) => v1(k, "POST", `/form/human_input/${t}`, { body });
    const bad: [Record<string, unknown>, number, string][] = [
      [{ inputs: { comment: "x", choice: "a" }, action: "maybe", user: "u1" }, 400, "invalid_form_data"],
      [{ inputs: { comment: "x" }, action: "approve", user: "u1" }, 400, "invalid_form_data"],
      [{ inputs: { comment: "x", choice: "c" }, action: "approve", user: "u1" }, 400, "invalid_form_data"],
      [{ inputs: { comment: 3, choice: "a" }, action: "approve", user: "u1" }, 400, "invalid_form_data"],
      [{ inputs: { comment: "x", choice: "a" }, action: "approve" }, 400, "invalid_param"],
    ];
    for (const [body, status, code] of bad) {
      const r = await submit(body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.code).toBe(code);
    }
    expect((await submit({ inputs: {}, action: "approve", user: "u1" }, key, "nosuchtoken00000000000")).status).toBe(404);
    // Another app's key does not open this app's form.
    const other = await publishedKey(reviewDsl());
    const foreign = await v1(other.key, "GET", `/form/human_input/${formToken}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: "not_found", message: "Form not found" });
    expect((await submit({ inputs: { comment: "x", choice: "a" }, action: "approve", user: "u1" }, other.key)).status).toBe(404);
    expect((await runOf(key, runId)).body.status).toBe("paused");

    // Two answers at once, both read while the form was open: the one whose write lands wins, the
    // other is told the form was answered.
    const ctx = createCtx(env as never);
    const open = await formByToken(ctx, formToken, appId);
    const answer = { inputs: { comment: "fine", choice: "b" }, action: "approve" };
    const results = await Promise.allSettled([submitForm(ctx, open, answer, null), submitForm(ctx, open, answer, null)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "human_input_form_submitted", status: 412 });
    const done = await finishedRun(key, runId);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(JSON.parse(done.outputs)).toEqual({ result: "ok fine b Approve pre Ada" });
    expect(done.total_steps).toBe(6);

    // Answered once: a second submission, and opening it again, are 412.
    const again = await submit({ inputs: { comment: "x", choice: "a" }, action: "reject", user: "u1" });
    expect(again.status).toBe(412);
    expect(again.body.code).toBe("human_input_form_submitted");
    expect((await v1(key, "GET", `/form/human_input/${formToken}`)).status).toBe(412);

    // The replay ran nothing twice: one execution of each node, the form's with its answer.
    const nodes = await rows<{ node_id: string; outputs: string; status: string }>(
      "SELECT node_id, outputs, status FROM workflow_node_executions WHERE workflow_run_id = ? ORDER BY \"index\"",
      runId,
    );
    expect(nodes.map((n) => n.node_id)).toEqual(["start", "pre", "review", "done", "end_ok"]);
    expect(JSON.parse(nodes[2].outputs)).toEqual({
      comment: "fine",
      choice: "b",
      __action_id: "approve",
      __action_value: "Approve",
      __rendered_content: "Review Ada: fine",
    });
    // The events stream of the finished run ends with how it finished.
    const followed = sseEvents(await (await v1Raw(key, "GET", `/workflow/${runId}/events?user=u1`)).text());
    expect(followed.at(-1)).toMatchObject({ event: "workflow_finished", data: { status: "succeeded" } });
    expect(appId).toBeTruthy();
  });

  it("records the paused form's node execution as paused and ends that same execution when the run goes on, its time counted from then", async () => {
    const { key } = await publishedKey(reviewDsl());
    const res = await v1Raw(key, "POST", "/workflows/run", { body: { inputs: { name: "Cy" }, response_mode: "streaming", user: "u7" } });
    const events = sseEvents(await res.text());
    const runId = events[0].workflow_run_id as string;
    const form = events.find((e) => e.event === "human_input_required").data;
    const pausedExec = events.find((e) => e.event === "node_started" && e.data.node_id === "review").data.id;
    // Dify's record of a paused run: no elapsed time yet; the paused node's execution is kept as paused.
    expect((await runOf(key, runId)).body).toMatchObject({ status: "paused", elapsed_time: 0, finished_at: null });
    const reviewRows = () => rows<{ id: string; status: string; outputs: string | null }>("SELECT id, status, outputs FROM workflow_node_executions WHERE workflow_run_id = ? AND node_id = 'review'", runId);
    expect(await reviewRows()).toEqual([{ id: pausedExec, status: "paused", outputs: null }]);
    const picked = sseEvents(await (await v1Raw(key, "GET", `/workflow/${runId}/events?user=u7&include_state_snapshot=true`)).text());
    expect(picked.filter((e) => e.data?.node_id === "review").map((e) => e.event)).toEqual(["node_started", "human_input_required"]);

    // The form waited an hour before its answer.
    const [before] = await rows<{ created_at: number }>("SELECT created_at FROM workflow_runs WHERE id = ?", runId);
    await env.DB.prepare(
      "UPDATE workflow_runs SET created_at = created_at - 3600000, paused_state = json_set(paused_state, '$.snapshot.startedAt', json_extract(paused_state, '$.snapshot.startedAt') - 3600000) WHERE id = ?",
    )
      .bind(runId)
      .run();
    const following = v1Raw(key, "GET", `/workflow/${runId}/events?user=u7&include_state_snapshot=true&continue_on_pause=true`).then(async (r) => sseEvents(await r.text()));
    await new Promise((r) => setTimeout(r, 300));
    const ok = await v1(key, "POST", `/form/human_input/${form.form_token}`, { body: { inputs: { comment: "ok", choice: "a" }, action: "approve", user: "u7" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const followed = await following;
    const done = await finishedRun(key, runId);
    expect(done.status, done.error ?? "").toBe("succeeded");
    // The record keeps its first start; its elapsed time is the part after the answer.
    expect(done.created_at).toBe(Math.floor((before.created_at - 3_600_000) / 1000));
    expect(done.elapsed_time).toBeLessThan(60);
    // One execution of the form's node, paused then finished, in the record and in the stream.
    const [row] = await reviewRows();
    expect(row).toMatchObject({ id: pausedExec, status: "succeeded" });
    expect(JSON.parse(row.outputs ?? "{}")).toMatchObject({ __action_id: "approve" });
    const ofReview = followed.filter((e) => e.event.startsWith("node_") && e.data.node_id === "review");
    expect(ofReview.map((e) => [e.event, e.data.id])).toEqual([
      ["node_started", pausedExec],
      ["node_finished", pausedExec],
    ]);
    expect(ofReview[1].data.status).toBe("succeeded");
  });

  it("counts an abandoned resumed run's time from when it went on", async () => {
    const { key } = await publishedKey(reviewDsl());
    const { runId } = await pausedRun(key, "u8");
    // Went on 20 minutes ago, two hours after it started, and its Worker was lost.
    const now = Date.now();
    await env.DB.prepare("UPDATE workflow_runs SET status = 'running', paused_state = NULL, created_at = ?, resumed_at = ? WHERE id = ?")
      .bind(now - 2 * 3_600_000, now - 20 * 60_000, runId)
      .run();
    expect(await sweepAbandonedRuns(createCtx(env as never))).toBeGreaterThanOrEqual(1);
    const swept = (await runOf(key, runId)).body;
    expect(swept.status).toBe("failed");
    expect(swept.elapsed_time).toBeGreaterThan(19 * 60);
    expect(swept.elapsed_time).toBeLessThan(30 * 60);
  });

  it("answers a blocking run that pauses with its forms, and an expired form sends the run down the timeout branch", async () => {
    const { key } = await publishedKey(reviewDsl());
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { name: "Bo" }, response_mode: "blocking", user: "u2" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ status: "paused", finished_at: null, error: null, paused_nodes: ["review"], outputs: {} });
    const runId = r.body.workflow_run_id;
    const formToken = r.body.data.reasons[0].form_token;
    expect(r.body.data.reasons[0]).toMatchObject({ TYPE: "human_input_required", node_id: "review", form_content: "Review Bo: {{#$output.comment#}}" });

    // Its time passes: housekeeping marks it timed out and the run goes on by __timeout.
    await env.DB.prepare("UPDATE workflow_human_input_forms SET expires_at = ? WHERE workflow_run_id = ?").bind(Date.now() - 1000, runId).run();
    const late = await v1(key, "GET", `/form/human_input/${formToken}`);
    expect(late.status).toBe(412);
    expect(late.body.code).toBe("human_input_form_expired");
    expect(await expireForms(createCtx(env as never))).toBeGreaterThanOrEqual(1);
    const done = await finishedRun(key, runId);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(JSON.parse(done.outputs)).toEqual({ result: "Review Bo: {{#$output.comment#}}" });
    const submitted = await v1(key, "POST", `/form/human_input/${formToken}`, { body: { inputs: { comment: "x", choice: "a" }, action: "approve", user: "u2" } });
    expect(submitted.status).toBe(412);
    expect(submitted.body.code).toBe("human_input_form_expired");
  });

  it("picks a paused run's stream up again with its forms, and follows it on after the answer with continue_on_pause", async () => {
    const { key } = await publishedKey(reviewDsl());
    const { runId, form } = await pausedRun(key, "u3");
    // Only the run's own end user picks it up.
    expect((await v1Raw(key, "GET", `/workflow/${runId}/events?user=someone-else`)).status).toBe(404);
    const again = sseEvents(await (await v1Raw(key, "GET", `/workflow/${runId}/events?user=u3`)).text());
    expect(again.map((e) => e.event)).toEqual(["human_input_required", "workflow_paused"]);
    // The same form, with the same token (kept encrypted, not only hashed).
    expect(again[0].data).toEqual(form);
    expect(again[1].data).toMatchObject({ status: "paused", paused_nodes: ["review"], reasons: [{ TYPE: "human_input_required", form_token: form.form_token }] });

    // Following across the pause: the answer sends the run on, and the stream ends with how it finished.
    const following = v1Raw(key, "GET", `/workflow/${runId}/events?user=u3&continue_on_pause=true`).then(async (r) => sseEvents(await r.text()));
    await new Promise((r) => setTimeout(r, 300));
    const ok = await v1(key, "POST", `/form/human_input/${form.form_token}`, { body: { inputs: { comment: "later", choice: "a" }, action: "reject", user: "u3" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const followed = await following;
    expect(followed.map((e) => e.event)).toEqual(["human_input_required", "workflow_paused", "workflow_finished"]);
    expect(followed.at(-1).data).toMatchObject({ status: "succeeded", outputs: { result: "reject" } });
  });

  it("follows a run across two forms in a row, announcing each pause once, and not a pause whose form is answered", async () => {
    const one = { ...REVIEW, form_content: "First", inputs: [] };
    const two = { ...REVIEW, form_content: "Second", inputs: [] };
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Two forms", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [
            node("start", { type: "start", variables: [] }),
            node("a", one),
            node("b", two),
            node("end", { type: "end", outputs: [{ variable: "r", value_selector: ["b", "__action_value"] }] }),
          ],
          edges: [edge("start", "a"), edge("a", "b", "approve"), edge("b", "end", "approve")],
        },
        features: {},
      },
    });
    const { key } = await publishedKey(yaml);
    const first = sseEvents(await (await v1Raw(key, "POST", "/workflows/run", { body: { inputs: {}, response_mode: "streaming", user: "u7" } })).text());
    const formA = first.find((e) => e.event === "human_input_required");
    const runId = formA.workflow_run_id;
    const following = v1Raw(key, "GET", `/workflow/${runId}/events?user=u7&continue_on_pause=true`).then(async (r) => sseEvents(await r.text()));
    await new Promise((r) => setTimeout(r, 300));
    const answer = (token: string) => v1(key, "POST", `/form/human_input/${token}`, { body: { inputs: {}, action: "approve", user: "u7" } });
    expect((await answer(formA.data.form_token)).status).toBe(200);
    const formB = await eventually(async () => {
      const [f] = await rows<{ id: string }>("SELECT id FROM workflow_human_input_forms WHERE workflow_run_id = ? AND node_id = 'b'", runId);
      return f && (await runOf(key, runId)).body.status === "paused" ? f : null;
    }, 10_000);
    // Answered, but not yet taken up: the stream says nothing of the answered form.
    const between = sseEvents(await (await v1Raw(key, "GET", `/workflow/${runId}/events?user=u7`)).text());
    expect(between.filter((e) => e.event === "human_input_required").map((e) => e.data.form_id)).toEqual([formB.id]);
    const tokenB = between.find((e) => e.event === "human_input_required").data.form_token;
    await new Promise((r) => setTimeout(r, 700));
    expect((await answer(tokenB)).status).toBe(200);
    const followed = await following;
    expect(followed.map((e) => e.event)).toEqual(["human_input_required", "workflow_paused", "human_input_required", "workflow_paused", "workflow_finished"]);
    expect(followed.filter((e) => e.event === "human_input_required").map((e) => e.data.node_id)).toEqual(["a", "b"]);
    expect(followed.at(-1).data).toMatchObject({ status: "succeeded", outputs: { r: "Approve" } });
  });

  it("opens and answers a form on the web by its token alone, and from the console by id; never another workspace's", async () => {
    const { appId, key } = await publishedKey(reviewDsl());
    const { runId, form } = await pausedRun(key, "u4", "Cy");
    // The web page needs no passport: the token is the credential.
    const page = await callJson("GET", `/api/form/human_input/${form.form_token}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ form_content: "Review Cy: {{#$output.comment#}}", resolved_default_values: { comment: "Cy" }, site: { app_id: appId, mode: "workflow", site: { title: "Review" } } });
    expect((await callJson("GET", "/api/form/human_input/nosuchtoken00000000000")).status).toBe(404);
    const badWeb = await callJson("POST", `/api/form/human_input/${form.form_token}`, { body: { inputs: { comment: "x", choice: "z" }, action: "approve" } });
    expect(badWeb.status).toBe(400);
    expect(badWeb.body.code).toBe("invalid_form_data");

    // The console lists the run's forms and answers one by id.
    const listed = await callJson("GET", `/console/api/apps/${appId}/workflow-runs/${runId}/human-input-forms`, { token });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.data).toEqual([{ form_id: form.form_id, node_id: "review", status: "waiting", form, action_id: null }]);
    const stranger = await newWorkspaceOwner();
    expect((await callJson("GET", `/console/api/apps/${appId}/human-input-forms/${form.form_id}`, { token: stranger.token })).status).toBe(404);
    expect((await callJson("POST", `/console/api/apps/${appId}/human-input-forms/${form.form_id}`, { token: stranger.token, body: { inputs: { comment: "x", choice: "a" }, action: "approve" } })).status).toBe(404);
    expect((await callJson("GET", `/console/api/apps/${appId}/workflow-runs/${runId}/human-input-forms`, { token: stranger.token })).status).toBe(404);
    expect((await callJson("GET", `/console/api/apps/${appId}/human-input-forms/${form.form_id}`, { token })).body.form_content).toBe("Review Cy: {{#$output.comment#}}");
    const answered = await callJson("POST", `/console/api/apps/${appId}/human-input-forms/${form.form_id}`, { token, body: { inputs: { comment: "by console", choice: "b" }, action: "approve" } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const done = await finishedRun(key, runId);
    expect(JSON.parse(done.outputs)).toEqual({ result: "ok by console b Approve pre Cy" });
    // The web page now says it was answered.
    const late = await callJson("GET", `/api/form/human_input/${form.form_token}`);
    expect(late.status).toBe(412);
    expect(late.body.code).toBe("human_input_form_submitted");
    const [who] = await rows<{ submitted_by_role: string }>("SELECT submitted_by_role FROM workflow_human_input_forms WHERE id = ?", form.form_id);
    expect(who.submitted_by_role).toBe("account");

    // A WebApp visitor's run: paused in the page, answered by token, followed on to its end.
    const passport = await passportFor(appId);
    const web = await call("POST", "/api/workflows/run", { token: passport, body: { inputs: { name: "Di" }, response_mode: "streaming" } });
    const webEvents = sseEvents(await web.text());
    const webForm = webEvents.find((e) => e.event === "human_input_required");
    expect(webEvents.at(-1).event).toBe("workflow_paused");
    const webRun = webForm.workflow_run_id;
    // Another visitor does not follow it.
    expect((await call("GET", `/api/workflow/${webRun}/events`, { token: await passportFor(appId) })).status).toBe(404);
    const following = call("GET", `/api/workflow/${webRun}/events?continue_on_pause=true`, { token: passport }).then(async (r) => sseEvents(await r.text()));
    await new Promise((r) => setTimeout(r, 300));
    expect((await callJson("POST", `/api/form/human_input/${webForm.data.form_token}`, { body: { inputs: { comment: "web", choice: "a" }, action: "approve" } })).status).toBe(200);
    const followed = await following;
    expect(followed.map((e) => e.event)).toEqual(["human_input_required", "workflow_paused", "workflow_finished"]);
    expect(followed.at(-1).data).toMatchObject({ status: "succeeded", outputs: { result: "ok web a Approve pre Di" } });
  });

  it("gives a form delivered only by e-mail no token: the Service API cannot open it, the console can answer it", async () => {
    const { appId, key } = await publishedKey(reviewDsl({ ...REVIEW, delivery_methods: [{ id: "m", type: "email", enabled: true }, { id: "w", type: "webapp", enabled: false }] }));
    const { runId, form } = await pausedRun(key, "u5");
    expect(form).toMatchObject({ form_token: null, display_in_ui: false });
    const [stored] = await rows<{ token_hash: string | null }>("SELECT token_hash FROM workflow_human_input_forms WHERE id = ?", form.form_id);
    expect(stored.token_hash).toBeNull();
    const answered = await callJson("POST", `/console/api/apps/${appId}/human-input-forms/${form.form_id}`, { token, body: { inputs: { comment: "ok", choice: "a" }, action: "reject" } });
    expect(answered.status).toBe(200);
    expect(JSON.parse((await finishedRun(key, runId)).outputs)).toEqual({ result: "reject" });
  });

  it("pauses a chatflow turn at its form (no message_end, as in Dify), logs the message as paused, and grows its answer when the run goes on", async () => {
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Chat review", mode: "advanced-chat" },
      workflow: {
        graph: {
          nodes: [
            node("start", { type: "start", variables: [] }),
            node("first", { type: "answer", answer: "Checking {{#sys.query#}}. " }),
            node("review", { ...REVIEW, form_content: "Reply to {{#sys.query#}}: {{#$output.comment#}}", inputs: [REVIEW.inputs[0]] }),
            node("second", { type: "answer", answer: "You said {{#review.comment#}} ({{#review.__action_value#}})" }),
            node("declined", { type: "answer", answer: "Rejected" }),
          ],
          edges: [edge("start", "first"), edge("first", "review"), edge("review", "second", "approve"), edge("review", "declined", "reject")],
        },
        features: {},
      },
    });
    const { key } = await publishedKey(yaml);
    const res = await v1Raw(key, "POST", "/chat-messages", { body: { query: "hello", inputs: {}, response_mode: "streaming", user: "c1" } });
    const events = sseEvents(await res.text());
    const names = events.map((e) => e.event);
    expect(names.slice(-2)).toEqual(["human_input_required", "workflow_paused"]);
    expect(names).not.toContain("message_end");
    expect(events.filter((e) => e.event === "message").map((e) => e.answer).join("")).toBe("Checking hello. ");
    const required = events.find((e) => e.event === "human_input_required");
    expect(required).toMatchObject({ conversation_id: expect.any(String), message_id: expect.any(String), data: { form_content: "Reply to hello: {{#$output.comment#}}" } });
    const conversationId = required.conversation_id;
    const listed = async () => (await v1(key, "GET", `/messages?conversation_id=${conversationId}&user=c1`)).body.data[0];
    expect(await listed()).toMatchObject({ answer: "Checking hello. ", status: "paused" });

    const ok = await v1(key, "POST", `/form/human_input/${required.data.form_token}`, { body: { inputs: { comment: "fine" }, action: "approve", user: "c1" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const message = await eventually(async () => {
      const m = await listed();
      return m.status !== "paused" ? m : null;
    }, 10_000);
    expect(message).toMatchObject({ answer: "Checking hello. You said fine (Approve)", status: "normal" });

    // Blocking: Dify's paused chat answer, with the forms under `data`.
    const blocking = await v1(key, "POST", "/chat-messages", { body: { query: "again", inputs: {}, response_mode: "blocking", user: "c1", conversation_id: conversationId } });
    expect(blocking.status, JSON.stringify(blocking.body)).toBe(200);
    expect(blocking.body).toMatchObject({
      event: "workflow_paused",
      conversation_id: conversationId,
      answer: "Checking again. ",
      mode: "advanced-chat",
      data: { status: "paused", paused_nodes: ["review"], answer: "Checking again. ", reasons: [{ TYPE: "human_input_required", node_id: "review" }] },
    });
  });

  it("keeps a paused run's state in R2 when it is too big for its row, and takes it back to go on", async () => {
    // A template prints at most 40,000 characters: this one prints the input's length.
    const { appId, key } = await publishedKey(reviewDsl(REVIEW, "pre {{ name | length }}"));
    const name = "y".repeat(600_000);
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { name }, response_mode: "blocking", user: "u6" } });
    expect(r.body.data.status, JSON.stringify(r.body).slice(0, 300)).toBe("paused");
    const runId = r.body.workflow_run_id;
    const [row] = await rows<{ paused_state: string }>("SELECT paused_state FROM workflow_runs WHERE id = ?", runId);
    expect(row.paused_state).toMatch(/^r2:ws\/.+\/paused-runs\/.+\.json$/);
    const stored = row.paused_state.slice(3);
    expect(await env.FILES.head(stored)).not.toBeNull();
    const ok = await v1(key, "POST", `/form/human_input/${r.body.data.reasons[0].form_token}`, { body: { inputs: { comment: "big", choice: "a" }, action: "approve", user: "u6" } });
    expect(ok.status).toBe(200);
    const done = await finishedRun(key, runId);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(JSON.parse(done.outputs).result).toBe("ok big a Approve pre 600000");
    // Taken: the copy in R2 is gone with the pause.
    expect(await env.FILES.head(stored)).toBeNull();

    // A run paused when its app is deleted: its state in R2 goes with the app.
    const again = await v1(key, "POST", "/workflows/run", { body: { inputs: { name }, response_mode: "blocking", user: "u6" } });
    const [left] = await rows<{ paused_state: string }>("SELECT paused_state FROM workflow_runs WHERE id = ?", again.body.workflow_run_id);
    expect(await env.FILES.head(left.paused_state.slice(3))).not.toBeNull();
    expect((await callJson("DELETE", `/console/api/apps/${appId}`, { token })).status).toBe(204);
    await eventually(async () => (await env.FILES.head(left.paused_state.slice(3))) === null, 5_000);
    expect(await rows("SELECT id FROM workflow_human_input_forms WHERE app_id = ?", appId)).toEqual([]);
  });

  it("stops a run still waiting on a form a week after the form was made (Dify's global timeout): the form expired, nothing goes on, its state dropped", async () => {
    // The form's own timeout (ten days) is longer than the global one (seven days, by default).
    const { appId, key } = await publishedKey(reviewDsl({ ...REVIEW, timeout: 10, timeout_unit: "day" }, "pre {{ name | length }}"));
    const r = await v1(key, "POST", "/workflows/run", { body: { inputs: { name: "z".repeat(600_000) }, response_mode: "blocking", user: "u9" } });
    expect(r.body.data.status, JSON.stringify(r.body).slice(0, 300)).toBe("paused");
    const runId = r.body.workflow_run_id;
    const formToken = r.body.data.reasons[0].form_token;
    const [row] = await rows<{ paused_state: string }>("SELECT paused_state FROM workflow_runs WHERE id = ?", runId);
    const stored = row.paused_state.slice("r2:".length);
    expect(await env.FILES.head(stored)).not.toBeNull();
    const DAY = 86_400_000;
    const later = (ms: number) => {
      const ctx = createCtx(env as never);
      ctx.now = () => Date.now() + ms;
      return ctx;
    };
    const formStatus = async () => (await rows<{ status: string }>("SELECT status FROM workflow_human_input_forms WHERE workflow_run_id = ?", runId))[0].status;

    // Six days on, it still waits.
    await expireForms(later(6 * DAY));
    expect((await runOf(key, runId)).body.status).toBe("paused");
    expect(await formStatus()).toBe("waiting");
    // A week on, the form cannot be answered any more, even before the sweep has seen it.
    const open = await formByToken(createCtx(env as never), formToken, appId);
    await expect(submitForm(later(7 * DAY + 60_000), open, { inputs: { comment: "late", choice: "a" }, action: "approve" }, null)).rejects.toMatchObject({
      code: "human_input_form_expired",
      status: 412,
    });
    // The sweep ends the run where it waits.
    expect(await expireForms(later(7 * DAY + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await formStatus()).toBe("expired");
    const ended = (await runOf(key, runId)).body;
    expect(ended).toMatchObject({ status: "stopped", error: "Human input global timeout at node review" });
    expect(ended.finished_at).not.toBeNull();
    expect(await env.FILES.head(stored)).toBeNull();
    expect((await rows<{ paused_state: string | null }>("SELECT paused_state FROM workflow_runs WHERE id = ?", runId))[0].paused_state).toBeNull();
    // Nothing was queued to go on: the run stays stopped, with the executions it had.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await runOf(key, runId)).body.status).toBe("stopped");
    const nodes = await rows<{ node_id: string; status: string }>("SELECT node_id, status FROM workflow_node_executions WHERE workflow_run_id = ? ORDER BY \"index\"", runId);
    expect(nodes.map((n) => [n.node_id, n.status])).toEqual([
      ["start", "succeeded"],
      ["pre", "succeeded"],
      ["review", "paused"],
    ]);
    const late = await v1(key, "GET", `/form/human_input/${formToken}`);
    expect(late.status).toBe(412);
    expect(late.body.code).toBe("human_input_form_expired");
  });

  it("refuses to publish a Human Input node inside an iteration", async () => {
    const yaml = YAML.stringify({
      version: "0.6.0",
      kind: "app",
      app: { name: "Looped review", mode: "workflow" },
      workflow: {
        graph: {
          nodes: [
            node("start", { type: "start", variables: [{ variable: "items", label: "Items", type: "json", required: false }] }),
            node("it", { type: "iteration", iterator_selector: ["start", "items"], output_selector: ["inner", "__action_id"], start_node_id: "it_start" }),
            node("it_start", { type: "iteration-start" }, { parentId: "it" }),
            node("inner", REVIEW, { parentId: "it" }),
            node("end", { type: "end", outputs: [{ variable: "r", value_selector: ["it", "output"] }] }),
          ],
          edges: [edge("start", "it"), edge("it_start", "inner"), edge("it", "end")],
        },
        features: {},
      },
    });
    const imported = await callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content: yaml } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const published = await callJson("POST", `/console/api/apps/${imported.body.app_id}/workflows/publish`, { token, body: {} });
    expect(published.status).toBe(400);
    expect(JSON.stringify(published.body)).toContain("A Human Input node cannot be placed inside an iteration or a loop");
  });
});
