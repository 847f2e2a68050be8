// File inputs of Human Input forms (Dify 1.15+): the form's page gets an upload token from the
// form's token, uploads with it (a file, or a URL Kiln fetches) as the run's own user, and submits
// file mappings, which are checked as graphon checks them; the run goes on with the files, which
// a Document Extractor then reads.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { eventually, fakeOpenAIUrl, graphEdge as edge, graphNode as node, publishedWorkflowApp, rows, sseEvents, v1, v1Raw } from "../support/apps";
import { call, callJson, newWorkspaceOwner } from "../support/console";

let token = "";
const fakeOrigin = new URL(fakeOpenAIUrl).origin;


/** start → review (a .txt file, and at most one more) → extract (reads the file) → end. */
const DSL = YAML.stringify({
  version: "0.6.0",
  kind: "app",
  app: { name: "Review a file", mode: "workflow" },
  workflow: {
    graph: {
      nodes: [
        node("start", { type: "start", variables: [] }),
        node("review", {
          type: "human-input",
          form_content: "Attach the notes: {{#$output.notes#}} {{#$output.more#}}",
          inputs: [
            { type: "file", output_variable_name: "notes", allowed_file_types: ["custom"], allowed_file_extensions: [".TXT"], allowed_file_upload_methods: ["local_file", "remote_url"] },
            { type: "file-list", output_variable_name: "more", number_limits: 1, allowed_file_types: ["document"], allowed_file_upload_methods: ["local_file", "remote_url"] },
          ],
          user_actions: [{ id: "send", title: "Send", button_style: "primary" }],
          timeout: 1,
          timeout_unit: "hour",
          delivery_methods: [{ id: "d1", type: "webapp", enabled: true }],
        }),
        node("extract", { type: "document-extractor", variable_selector: ["review", "notes"], is_array_file: false }),
        node("end", {
          type: "end",
          outputs: [
            { variable: "text", value_selector: ["extract", "text"] },
            { variable: "notes", value_selector: ["review", "notes"] },
            { variable: "more", value_selector: ["review", "more"] },
            { variable: "shown", value_selector: ["review", "__rendered_content"] },
          ],
        }),
      ],
      edges: [edge("start", "review"), edge("review", "extract", "send"), edge("extract", "end")],
    },
    features: {},
  },
});

const publishedKey = () => publishedWorkflowApp(token, DSL);

async function pausedRun(key: string, user: string) {
  const events = sseEvents(await (await v1Raw(key, "POST", "/workflows/run", { body: { inputs: {}, response_mode: "streaming", user } })).text());
  const required = events.find((e) => e.event === "human_input_required");
  expect(events.at(-1).event).toBe("workflow_paused");
  return { runId: required.workflow_run_id as string, formToken: required.data.form_token as string };
}

const uploadToken = async (formToken: string) => callJson("POST", `/api/form/human_input/${formToken}/upload-token`);

function upload(authorization: string | null, part: { file?: [string, string]; url?: string }) {
  const form = new FormData();
  if (part.file) form.append("file", new File([part.file[1]], part.file[0], { type: "text/plain" }));
  if (part.url) form.append("url", part.url);
  return call("POST", "/api/human-input-forms/files", { headers: authorization === null ? {} : { authorization }, formBody: form });
}

const submit = (formToken: string, inputs: Record<string, unknown>) =>
  callJson("POST", `/api/form/human_input/${formToken}`, { body: { action: "send", inputs } });
const local = (type: string, id: string) => ({ type, transfer_method: "local_file", upload_file_id: id });

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("Human Input file inputs", () => {
  it("uploads with the form's upload token as the run's user, checks the answer as graphon does, and goes on with the files", async () => {
    const { appId, key } = await publishedKey();
    const { runId, formToken } = await pausedRun(key, "reviewer-1");

    const issued = await uploadToken(formToken);
    expect(issued.status).toBe(200);
    expect(issued.body.upload_token).toMatch(/^hitl_upload_/);
    const form = await callJson("GET", `/api/form/human_input/${formToken}`);
    expect(issued.body.expires_at).toBe(form.body.expiration_time);
    const bearer = `Bearer ${issued.body.upload_token}`;

    const notes = await upload(bearer, { file: ["notes.txt", "Ship it on Friday."] });
    expect(notes.status).toBe(201);
    const notesFile = (await notes.json()) as { id: string; name: string; extension: string };
    expect(notesFile).toMatchObject({ name: "notes.txt", extension: "txt" });
    const [stored] = await rows<{ app_id: string; created_by_role: string; created_by: string }>(
      "SELECT app_id, created_by_role, created_by FROM upload_files WHERE id = ?",
      notesFile.id,
    );
    const [run] = await rows<{ created_by: string }>("SELECT created_by FROM workflow_runs WHERE id = ?", runId);
    expect(stored).toEqual({ app_id: appId, created_by_role: "end_user", created_by: run.created_by });
    const markdown = (await (await upload(bearer, { file: ["plan.md", "# Plan"] })).json()) as { id: string };
    const page = await upload(bearer, { url: `${fakeOrigin}/pages/guide.html` });
    expect(page.status, await page.clone().text()).toBe(201);
    const pageFile = (await page.json()) as { id: string; name: string; extension: string; url: string };
    expect(pageFile).toMatchObject({ name: "guide.html", extension: "html" });
    expect(pageFile.url).toMatch(/^\/files\//);

    // Refused as graphon refuses them, and nothing goes on.
    const refusals: [Record<string, unknown>, string][] = [
      [{ notes: "notes.txt", more: [] }, "Invalid value for file input 'notes': expected mapping"],
      [{ notes: local("custom", notesFile.id), more: {} }, "Invalid value for file list input 'more': expected list"],
      [{ notes: local("spreadsheet", notesFile.id), more: [] }, "Invalid value for file input 'notes': unsupported file type"],
      [{ notes: { type: "custom", transfer_method: "carrier_pigeon" }, more: [] }, "Invalid value for file input 'notes': unsupported transfer method"],
      [{ notes: local("custom", "00000000-0000-7000-8000-000000000000"), more: [] }, "Invalid value for file input 'notes': file not found"],
      // A .md file is not among the input's extensions (whatever the mapping claims).
      [{ notes: { ...local("custom", markdown.id), extension: ".txt" }, more: [] }, "Invalid value for file input 'notes': file is not allowed by config"],
      [{ notes: local("custom", notesFile.id), more: [local("document", pageFile.id), local("document", pageFile.id)] }, "Invalid value for file list input 'more': exceeds number limit"],
    ];
    for (const [inputs, message] of refusals) {
      const r = await submit(formToken, inputs);
      expect(r.status, JSON.stringify(inputs)).toBe(400);
      expect(r.body).toMatchObject({ code: "invalid_form_data", message });
    }

    const done = await submit(formToken, { notes: local("custom", notesFile.id), more: [local("document", pageFile.id)] });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const finished = await eventually(async () => {
      const r = await v1(key, "GET", `/workflows/run/${runId}`);
      return r.body.status === "succeeded" || r.body.status === "failed" ? r.body : null;
    }, 10_000);
    expect(finished.status, finished.error).toBe("succeeded");
    const outputs = JSON.parse(finished.outputs);
    expect(outputs.text).toBe("Ship it on Friday.");
    expect(outputs.notes).toMatchObject({ filename: "notes.txt", extension: ".txt", related_id: notesFile.id, transfer_method: "local_file" });
    expect(outputs.more).toEqual([expect.objectContaining({ filename: "guide.html", related_id: pageFile.id })]);
    expect(outputs.shown).toBe("Attach the notes: [file] [1 files]");

    // The form is closed: no new token, and the old one uploads nothing more.
    expect((await uploadToken(formToken)).body).toMatchObject({ code: "human_input_form_submitted", status: 412 });
    const late = await upload(bearer, { file: ["late.txt", "late"] });
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ code: "invalid_upload_token", message: "Upload token is invalid or expired." });
  });

  it("answers Dify's upload-token errors, and never takes a file from another workspace", async () => {
    const { key } = await publishedKey();
    const { formToken } = await pausedRun(key, "reviewer-2");
    const issued = (await uploadToken(formToken)).body.upload_token as string;

    const answers: [string | null, number, string][] = [
      [null, 401, "Upload token is required."],
      ["Bearer", 401, "Upload token is required."],
      [`Basic ${issued}`, 400, "Invalid upload token."],
      [`Bearer ${key}`, 400, "Invalid upload token."],
      [`Bearer ${issued.slice(0, -2)}xx`, 403, "Upload token is invalid or expired."],
      [`Bearer hitl_upload_${crypto.randomUUID()}.nonce.sign`, 403, "Upload token is invalid or expired."],
    ];
    for (const [authorization, status, message] of answers) {
      const r = await upload(authorization, { file: ["a.txt", "a"] });
      expect(r.status, String(authorization)).toBe(status);
      expect(await r.json()).toMatchObject({ code: "invalid_upload_token", status, message });
    }
    expect((await uploadToken("no-such-form-token")).status).toBe(404);

    const bearer = `Bearer ${issued}`;
    const empty = await upload(bearer, {});
    expect(await empty.json()).toMatchObject({ code: "no_file_uploaded", status: 400 });
    const program = await upload(bearer, { file: ["setup.exe", "MZ"] });
    expect(await program.json()).toMatchObject({ code: "unsupported_file_type", status: 415 });
    const privateUrl = await upload(bearer, { url: "http://10.1.2.3/notes.txt" });
    expect(await privateUrl.json()).toMatchObject({ code: "remote_file_upload_failed", status: 400 });
    const huge = await upload(bearer, { url: `${fakeOrigin}/pages/big.html?pad=${16 * 1024 * 1024}` });
    expect(await huge.json()).toMatchObject({ code: "file_too_large", status: 413 });

    // An upload of another workspace, by its id, is not a file of this one.
    const other = await newWorkspaceOwner();
    const theirs = new FormData();
    theirs.append("file", new File(["secret"], "secret.txt", { type: "text/plain" }));
    const foreign = await call("POST", "/console/api/files/upload", { token: other.token, formBody: theirs });
    expect(foreign.status).toBe(201);
    const foreignId = ((await foreign.json()) as { id: string }).id;
    const r = await submit(formToken, { notes: local("custom", foreignId), more: [] });
    expect(r.body).toMatchObject({ code: "invalid_form_data", message: "Invalid value for file input 'notes': file not found" });
  });
});
