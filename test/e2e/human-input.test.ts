// Human Input forms (Dify 1.13+) in a real browser against `wrangler dev`: a review workflow
// imported from DSL and published; a visitor's run pauses at its form on the workflow page, is
// approved there and shows its output; another run's form is answered on its own page by its
// link, down the reject branch, after which the link and the first page say the form is closed;
// and the editor's test run answers the form from the run panel. In a chatflow, a chat turn pauses
// at its form under the answer so far, and approving it there finishes the turn's answer, which
// the server adds to the stored message from its queue; reloaded while paused, the chat shows the
// turn's open form again from its message, and the next form the turn pauses at; a turn's answered
// forms are recorded above its answer (title, content as answered, action), live and after a reload.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import YAML from "yaml";
import { consoleApiFor, consoleToken, launchBrowser, newContext, screenshot, screenshotOnFailure, signIn, text } from "./support/browser";

const url = inject("kilnUrl");
const admin = inject("kilnAdmin");

const consoleApi = consoleApiFor(url);

const node = (id: string, title: string, data: Record<string, unknown>, x: number, y = 200) => ({
  id,
  type: "custom",
  position: { x, y },
  data: { title, desc: "", ...data },
});
const edge = (source: string, target: string, sourceHandle = "source") => ({
  id: `${source}-${sourceHandle}-${target}-target`,
  source,
  target,
  sourceHandle,
  targetHandle: "target",
  type: "custom",
});
const template = (id: string, title: string, text: string, x: number, y: number) =>
  node(id, title, { type: "template-transform", template: text, variables: [{ variable: "comment", value_selector: ["review", "comment"] }] }, x, y);
const end = (id: string, title: string, from: string, x: number, y: number) =>
  node(id, title, { type: "end", outputs: [{ variable: "result", value_selector: [from, "output"], value_type: "string" }] }, x, y);

type Action = { id: string; title: string; button_style: string };

/** A Human Input node: its content, inputs and actions; an hour to answer, delivered to the web app. */
const formNode = (id: string, title: string, formContent: string, inputs: unknown[], actions: Action[], x: number, y?: number) =>
  node(
    id,
    title,
    { type: "human-input", form_content: formContent, inputs, user_actions: actions, timeout: 1, timeout_unit: "hour", delivery_methods: [{ id: "d1", type: "webapp", enabled: true }] },
    x,
    y,
  );

/** A form with one paragraph input, prefilled from the Start node's `name`. */
const humanInput = (id: string, title: string, formContent: string, input: string, actions: Action[], x: number) =>
  formNode(id, title, formContent, [{ type: "paragraph", output_variable_name: input, default: { type: "variable", selector: ["start", "name"], value: "" } }], actions, x);

/** A DSL file of one app: its `app` fields, and its graph's nodes and edges. */
const dsl = (app: Record<string, unknown>, nodes: unknown[], edges: unknown[]) =>
  YAML.stringify({ version: "0.6.0", kind: "app", app, workflow: { features: {}, graph: { nodes, edges } } });

async function importAndPublish(token: string, dsl: string): Promise<{ id: string; code: string }> {
  const imported = await consoleApi(token, "POST", "/apps/imports", { mode: "yaml-content", yaml_content: dsl });
  expect(imported.status).toBe("completed");
  await consoleApi(token, "POST", `/apps/${imported.app_id}/workflows/publish`, { marked_name: "e2e" });
  const full = await consoleApi(token, "GET", `/apps/${imported.app_id}`);
  return { id: imported.app_id, code: full.site.code };
}

/** start(name) → Review (a form: comment, Approve / Reject) → a template and End per action. */
const REVIEW_DSL = dsl(
  { name: "Glaze review", mode: "workflow", icon: "🧪", icon_background: "#E0F2FE", description: "A person approves each glaze." },
  [
    node("start", "Start", { type: "start", variables: [{ variable: "name", label: "Name", type: "text-input", required: true, max_length: 40 }] }, 0),
    humanInput(
      "review",
      "Review",
      "Please review {{#start.name#}}: {{#$output.comment#}}",
      "comment",
      [
        { id: "approve", title: "Approve", button_style: "primary" },
        { id: "reject", title: "Reject", button_style: "default" },
      ],
      300,
    ),
    template("approved", "Approved", "Approved: {{ comment }}", 600, 100),
    end("end_approved", "End", "approved", 900, 100),
    template("rejected", "Rejected", "Rejected: {{ comment }}", 600, 300),
    end("end_rejected", "End (rejected)", "rejected", 900, 300),
  ],
  [edge("start", "review"), edge("review", "approved", "approve"), edge("approved", "end_approved"), edge("review", "rejected", "reject"), edge("rejected", "end_rejected")],
);

/** start(name) → First look (note) → Second look (verdict) → End: two forms, one after the other. */
const TWO_LOOKS_DSL = dsl(
  { name: "Two looks", mode: "workflow", icon: "👀" },
  [
    node("start", "Start", { type: "start", variables: [{ variable: "name", label: "Name", type: "text-input", required: true }] }, 0),
    humanInput("first", "First look", "First look at {{#start.name#}}: {{#$output.note#}}", "note", [{ id: "next", title: "Next", button_style: "primary" }], 300),
    humanInput("second", "Second look", "The first look said “{{#first.note#}}”. {{#$output.verdict#}}", "verdict", [{ id: "done", title: "Done", button_style: "accent" }], 600),
    node(
      "summary",
      "Summary",
      {
        type: "template-transform",
        template: "{{ note }} / {{ verdict }}",
        variables: [
          { variable: "note", value_selector: ["first", "note"] },
          { variable: "verdict", value_selector: ["second", "verdict"] },
        ],
      },
      900,
    ),
    end("end", "End", "summary", 1200, 200),
  ],
  [edge("start", "first"), edge("first", "second", "next"), edge("second", "summary", "done"), edge("summary", "end")],
);

const REPLY_FORM = "Reply to {{#sys.query#}}: {{#$output.comment#}}";
const COMMENT = { type: "paragraph", output_variable_name: "comment" };

/** start → First (answer) → Review (a form: comment, Approve / Reject) → an answer per action. */
const REVIEW_CHAT_DSL = dsl(
  { name: "Glaze chat review", mode: "advanced-chat", icon: "💬", icon_background: "#E0F2FE", description: "A person approves each reply." },
  [
    node("start", "Start", { type: "start", variables: [] }, 0),
    node("first", "First", { type: "answer", answer: "Checking {{#sys.query#}}. " }, 300),
    formNode(
      "review",
      "Review",
      REPLY_FORM,
      [COMMENT],
      [
        { id: "approve", title: "Approve", button_style: "primary" },
        { id: "reject", title: "Reject", button_style: "default" },
      ],
      600,
    ),
    node("second", "Second", { type: "answer", answer: "You said {{#review.comment#}} ({{#review.__action_value#}})" }, 900, 100),
    node("declined", "Declined", { type: "answer", answer: "Rejected" }, 900, 300),
  ],
  [edge("start", "first"), edge("first", "review"), edge("review", "second", "approve"), edge("review", "declined", "reject")],
);

/** REVIEW_CHAT_DSL's approve branch goes on to a second form (Confirm, no inputs) before its last words. */
const TWO_STEP_CHAT_DSL = dsl(
  { name: "Glaze chat two steps", mode: "advanced-chat", icon: "🧪" },
  [
    node("start", "Start", { type: "start", variables: [] }, 0),
    node("first", "First", { type: "answer", answer: "Checking {{#sys.query#}}. " }, 300),
    formNode("review", "Review", REPLY_FORM, [COMMENT], [{ id: "approve", title: "Approve", button_style: "primary" }], 600),
    node("second", "Second", { type: "answer", answer: "You said {{#review.comment#}}. " }, 900),
    formNode("confirm", "Confirm", "Send “{{#review.comment#}}” to the kiln log?", [], [{ id: "send", title: "Send", button_style: "accent" }], 1200),
    node("third", "Third", { type: "answer", answer: "Logged." }, 1500),
  ],
  [edge("start", "first"), edge("first", "review"), edge("review", "second", "approve"), edge("second", "confirm"), edge("confirm", "third", "send")],
);

/** The answered-form records a chat turn shows, in order: title, content and action, as read. */
async function answeredRecords(turn: Locator) {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  const records = turn.getByTestId("answered-form");
  await records.first().waitFor({ timeout: 30_000 });
  const out = [];
  for (const record of await records.all()) {
    out.push({
      title: squash(await text(record.getByRole("heading"))),
      content: squash(await text(record.getByTestId("answered-content"))),
      action: squash(await text(record.getByTestId("answered-action"))),
    });
  }
  return out;
}

/** Whether `a` is drawn above `b`. */
async function isAbove(a: Locator, b: Locator) {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  return Boolean(boxA && boxB && boxA.y + boxA.height <= boxB.y);
}

describe("Human Input forms", () => {
  let browser: Browser;
  let token: string;
  let app: { id: string; code: string };
  let chatApp: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    token = await consoleToken(url, admin.email, admin.password);
    app = await importAndPublish(token, REVIEW_DSL);
    chatApp = await importAndPublish(token, REVIEW_CHAT_DSL);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const context = await newContext(browser, url);
    return context.newPage();
  }

  /** Runs the app on its workflow page with `name` and waits for the form the run pauses at. */
  async function runToForm(page: Page, name: string) {
    await page.goto(`/workflow/${app.code}`);
    await page.getByRole("heading", { name: "Glaze review" }).waitFor();
    await page.getByLabel(/Name/).fill(name);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const form = page.getByTestId("workflow-result").getByTestId("human-input-form");
    await form.waitFor();
    return form;
  }

  /** The app's latest run once it has ended, as the console records it. */
  async function latestFinishedRun() {
    let runId = "";
    await expect
      .poll(async () => {
        const runs = await consoleApi(token, "GET", `/apps/${app.id}/workflow-runs?limit=1`);
        runId = runs.data[0]?.id ?? "";
        return runs.data[0]?.status;
      })
      .toBe("succeeded");
    return consoleApi(token, "GET", `/apps/${app.id}/workflow-runs/${runId}`);
  }

  it("pauses a run at its form on the workflow page, and Approve sends it on to its output", async () => {
    const page = await open();
    screenshotOnFailure(page, "hitl-webapp");
    const form = await runToForm(page, "Celadon");

    // The form's text with the run's value, its input in place, prefilled from the Start input.
    expect(await text(form.getByRole("heading", { name: "Review" }))).toBe("Review");
    await form.getByText("Please review Celadon:").waitFor();
    const comment = form.getByLabel("comment");
    expect(await comment.inputValue()).toBe("Celadon");
    expect(await text(form.getByTestId("form-expiry"))).toMatch(/^Answer by .+ \(in \d+ minutes\)$/);
    const result = page.getByTestId("workflow-result");
    expect(await result.getByText(/^Paused · Steps/).count()).toBe(1);
    await result.getByText(/Steps \(\d+\)/).click();
    expect(await result.getByTestId("workflow-step").filter({ hasText: "Review" }).getAttribute("data-status")).toBe("paused");
    await comment.fill("Even sheen, no crawling");
    await screenshot(page, "hitl-webapp-form");

    await form.getByRole("button", { name: "Approve" }).click();
    await result.getByTestId("workflow-outputs").waitFor();
    await result.getByText("Approved: Even sheen, no crawling").waitFor();
    expect(await result.getByTestId("human-input-form").count()).toBe(0);
    await screenshot(page, "hitl-webapp-result");
    await page.context().close();
  });

  it("opens a form on its own page by its link: Reject takes the reject branch, and the form is closed after", async () => {
    const page = await open();
    screenshotOnFailure(page, "hitl-form-page");
    const form = await runToForm(page, "Tenmoku");
    const link = (await page.getByTestId("form-link").getAttribute("href")) ?? "";
    expect(link).toMatch(/^\/form\/[A-Za-z0-9]+$/);

    // Someone else opens the link: no passport, no session.
    const other = await open();
    screenshotOnFailure(other, "hitl-form-page-other");
    await other.goto(link);
    await other.getByRole("heading", { name: "Glaze review" }).waitFor();
    await other.getByText("Please review Tenmoku:").waitFor();
    const comment = other.getByLabel("comment");
    expect(await comment.inputValue()).toBe("Tenmoku");
    await comment.fill("Too runny at cone 10");
    await screenshot(other, "hitl-form-page");
    await other.getByRole("button", { name: "Reject" }).click();
    await other.getByText("Submitted — the workflow goes on").waitFor();
    expect(await text(other.getByTestId("form-submitted"))).toContain("You chose “Reject”.");
    await screenshot(other, "hitl-form-page-submitted");

    const run = await latestFinishedRun();
    expect(run.outputs).toEqual({ result: "Rejected: Too runny at cone 10" });

    // The link now says the form is closed, and so does the first page when its answer comes late.
    await other.reload();
    await other.getByRole("heading", { name: "This form can't be answered" }).waitFor();
    await other.getByText("This form has already been submitted, so it can't be answered again.").waitFor();
    await screenshot(other, "hitl-form-page-closed");
    await form.getByRole("button", { name: "Approve" }).click();
    await form.getByRole("alert").getByText("This form has already been submitted").waitFor();
    expect(await form.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    await other.context().close();
    await page.context().close();
  });

  it("shows the next form when the answered run pauses again, then the run's output", async () => {
    const twoLooks = await importAndPublish(token, TWO_LOOKS_DSL);
    const page = await open();
    screenshotOnFailure(page, "hitl-two-forms");
    await page.goto(`/workflow/${twoLooks.code}`);
    await page.getByLabel(/Name/).fill("Ash glaze");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const result = page.getByTestId("workflow-result");
    const first = result.getByRole("form", { name: "First look" });
    await first.getByLabel("note").fill("drips");
    await first.getByRole("button", { name: "Next" }).click();
    const second = result.getByRole("form", { name: "Second look" });
    await second.getByText("The first look said “drips”.").waitFor();
    expect(await first.count()).toBe(0);
    await second.getByLabel("verdict").fill("keep it");
    await second.getByRole("button", { name: "Done" }).click();
    await result.getByText("drips / keep it").waitFor();
    await page.context().close();
  });

  it("answers a test run's form from the editor's run panel and shows the run's outputs", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "hitl-editor");
    await signIn(page, admin.email, admin.password);
    await page.goto(`/apps/${app.id}/workflow`);
    await page.getByRole("button", { name: "Test run" }).click();
    const panel = page.getByTestId("run-panel");
    await panel.getByLabel("Name").fill("Shino");
    await panel.getByRole("button", { name: "Run", exact: true }).click();
    const form = panel.getByTestId("run-forms").getByTestId("human-input-form");
    await form.waitFor();
    expect(await text(panel.getByTestId("run-result").getByTestId("status-badge").first())).toBe("paused");
    await form.getByLabel("comment").fill("Pinholes");
    await screenshot(page, "hitl-editor-form");
    await form.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => text(panel.getByTestId("run-result").getByTestId("status-badge").first()), { timeout: 20_000 }).toBe("succeeded");
    expect(JSON.parse(await text(panel.getByTestId("json-outputs").last()))).toEqual({ result: "Rejected: Pinholes" });
    const nodes = panel.getByTestId("run-node");
    expect(await nodes.filter({ hasText: /^Rejected/ }).count()).toBe(1);
    expect(await nodes.filter({ hasText: /^Approved/ }).count()).toBe(0);
    await screenshot(page, "hitl-editor-result");
    await context.close();
  });

  it("pauses a chat turn at its form under the answer so far, and Approve finishes the turn's answer", async () => {
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "hitl-chat");
    await page.goto(`/chat/${chatApp.code}`);
    await page.getByLabel("Message").fill("hello");
    await page.getByRole("button", { name: "Send", exact: true }).click();

    const turn = page.getByTestId("assistant-message").last();
    await turn.getByText("Checking hello.").waitFor();
    const form = turn.getByRole("form", { name: "Review" });
    await form.getByText("Reply to hello:").waitFor();
    expect(await turn.getByRole("button", { name: "Like", exact: true }).count()).toBe(0);
    await form.getByLabel("comment").fill("looks good");
    await screenshot(page, "hitl-chat-form");

    await form.getByRole("button", { name: "Approve" }).click();
    await turn.getByText("You said looks good (Approve)").waitFor({ timeout: 30_000 });
    expect(await turn.getByTestId("human-input-form").count()).toBe(0);
    expect((await text(turn.getByTestId("answer"))).replace(/\s+/g, " ").trim()).toBe("Checking hello. You said looks good (Approve)");
    await turn.getByRole("button", { name: "Like", exact: true }).waitFor();
    // The answered form is recorded above the answer: its title, its content as answered, the action.
    expect(await answeredRecords(turn)).toEqual([{ title: "Review", content: "Reply to hello: looks good", action: "Answered: Approve" }]);
    expect(await isAbove(turn.getByTestId("answered-form"), turn.getByTestId("answer"))).toBe(true);
    await screenshot(page, "hitl-chat-result");

    // Reloaded, the conversation's stored message has the whole answer, and the record.
    await page.waitForURL(/[?&]c=/);
    await page.reload();
    const reloaded = page.getByTestId("assistant-message").last();
    await reloaded.getByText("You said looks good (Approve)").waitFor();
    expect(await answeredRecords(reloaded)).toEqual([{ title: "Review", content: "Reply to hello: looks good", action: "Answered: Approve" }]);
    await screenshot(page, "hitl-chat-result-reloaded");
    await context.close();
  });

  it("shows a paused chat turn's form again after a reload, and the next form it pauses at, until its answer is complete", async () => {
    const twoStep = await importAndPublish(token, TWO_STEP_CHAT_DSL);
    const context = await newContext(browser, url);
    const page = await context.newPage();
    screenshotOnFailure(page, "hitl-chat-reload");
    await page.goto(`/chat/${twoStep.code}`);
    await page.getByLabel("Message").fill("celadon");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByTestId("assistant-message").last().getByRole("form", { name: "Review" }).waitFor();
    await page.waitForURL(/[?&]c=/);

    // Reopened: the stored message names its open form, so the form is there to answer.
    await page.reload();
    let turn = page.getByTestId("assistant-message").last();
    await turn.getByText("Checking celadon.").waitFor();
    const review = turn.getByRole("form", { name: "Review" });
    await review.getByText("Reply to celadon:").waitFor();
    expect(await turn.getByText("Waiting for a form").count()).toBe(0);
    await screenshot(page, "hitl-chat-reload-form");
    await review.getByLabel("comment").fill("crackle is fine");
    await review.getByRole("button", { name: "Approve" }).click();

    // The turn goes on and pauses again at the second form, shown under the answer so far.
    const confirm = turn.getByRole("form", { name: "Confirm" });
    await confirm.getByText("Send “crackle is fine” to the kiln log?").waitFor({ timeout: 30_000 });
    await turn.getByText("You said crackle is fine.").waitFor();
    expect(await review.count()).toBe(0);
    expect(await answeredRecords(turn)).toEqual([{ title: "Review", content: "Reply to celadon: crackle is fine", action: "Answered: Approve" }]);
    await screenshot(page, "hitl-chat-reload-next-form");

    // Reopened at the second form: it is shown again, and answering it completes the turn.
    await page.reload();
    turn = page.getByTestId("assistant-message").last();
    const confirmAgain = turn.getByRole("form", { name: "Confirm" });
    await confirmAgain.getByText("Send “crackle is fine” to the kiln log?").waitFor();
    expect(await turn.getByRole("form", { name: "Review" }).count()).toBe(0);
    expect(await answeredRecords(turn)).toEqual([{ title: "Review", content: "Reply to celadon: crackle is fine", action: "Answered: Approve" }]);
    await confirmAgain.getByRole("button", { name: "Send", exact: true }).click();
    await turn.getByText("Logged.").waitFor({ timeout: 30_000 });
    expect(await turn.getByTestId("human-input-form").count()).toBe(0);
    expect((await text(turn.getByTestId("answer"))).replace(/\s+/g, " ").trim()).toBe("Checking celadon. You said crackle is fine. Logged.");
    await turn.getByRole("button", { name: "Like", exact: true }).waitFor();
    const both = [
      { title: "Review", content: "Reply to celadon: crackle is fine", action: "Answered: Approve" },
      { title: "Confirm", content: "Send “crackle is fine” to the kiln log?", action: "Answered: Send" },
    ];
    expect(await answeredRecords(turn)).toEqual(both);
    await screenshot(page, "hitl-chat-reload-result");

    // Reopened once more, the finished turn lists both answered forms, oldest first.
    await page.reload();
    turn = page.getByTestId("assistant-message").last();
    await turn.getByText("Logged.").waitFor();
    expect(await answeredRecords(turn)).toEqual(both);
    await context.close();
  });
});
