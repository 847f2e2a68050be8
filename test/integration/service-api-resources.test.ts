// The Service API's resources around runs: messages and feedback, suggested questions,
// conversations, what the app tells about itself, and file uploads (with images sent to the
// model).
import { env } from "cloudflare:workers";
import { signedFileUrl } from "../../src/apps/file-urls";
import { messageFilesViews } from "../../src/apps/upload-files";
import { call } from "../support/console";
import { beforeAll, describe, expect, it } from "vitest";
import {
  fakeRequests,
  newFakeApp,
  newOwner,
  newServiceApp,
  type Owner,
  rows,
  type ServiceApp,
  scriptFake,
  TINY_PNG,
  v1,
  v1Form,
  v1Raw,
} from "../support/apps";

let owner: Owner;
let chat: ServiceApp;

beforeAll(async () => {
  owner = await newOwner();
  chat = await newServiceApp(owner, { name: "Resources app" });
});

const ask = (key: string, body: Record<string, unknown>) =>
  v1(key, "POST", "/chat-messages", { body: { inputs: {}, user: "alice", ...body } });

describe("messages and feedback", () => {
  it("pages a conversation's messages, oldest first, with first_id going back", async () => {
    const first = await ask(chat.key, { query: "m1" });
    const cid = first.body.conversation_id;
    for (const q of ["m2", "m3"]) await ask(chat.key, { query: q, conversation_id: cid });
    const latest = await v1(chat.key, "GET", `/messages?conversation_id=${cid}&user=alice&limit=2`);
    expect(latest.status).toBe(200);
    expect(latest.body.limit).toBe(2);
    expect(latest.body.has_more).toBe(true);
    expect(latest.body.data.map((m: any) => m.query)).toEqual(["m2", "m3"]);
    expect(Object.keys(latest.body.data[0])).toEqual([
      "id", "conversation_id", "parent_message_id", "inputs", "query", "answer", "message_files",
      "feedback", "retriever_resources", "created_at", "agent_thoughts", "status", "error", "extra_contents",
    ]);
    // A chat app's message has no Human Input forms: Dify lists an empty extra_contents.
    expect(latest.body.data[0].extra_contents).toEqual([]);
    const older = await v1(chat.key, "GET", `/messages?conversation_id=${cid}&user=alice&first_id=${latest.body.data[0].id}`);
    expect(older.body.data.map((m: any) => m.query)).toEqual(["m1"]);
    expect(older.body.has_more).toBe(false);
    const missing = await v1(chat.key, "GET", "/messages?user=alice");
    expect(missing.status).toBe(400);
    expect(missing.body.params).toContain("conversation_id");
  });

  it("records, shows and withdraws a like; another user cannot rate the message", async () => {
    const m = await ask(chat.key, { query: "rate me" });
    const url = `/messages/${m.body.message_id}/feedbacks`;
    expect((await v1(chat.key, "POST", url, { body: { rating: "like", user: "alice", content: "nice" } })).body).toEqual({ result: "success" });
    const list = async () => (await v1(chat.key, "GET", `/messages?conversation_id=${m.body.conversation_id}&user=alice`)).body.data[0];
    expect((await list()).feedback).toEqual({ rating: "like" });
    const [row] = await rows("select content from message_feedbacks where message_id = ?", m.body.message_id);
    expect(row.content).toBe("nice");
    expect((await v1(chat.key, "POST", url, { body: { rating: null, user: "alice" } })).status).toBe(200);
    expect((await list()).feedback).toBeNull();
    const bob = await v1(chat.key, "POST", url, { body: { rating: "dislike", user: "bob" } });
    expect(bob.status).toBe(404);
    expect(bob.body.code).toBe("not_found");
    const badRating = await v1(chat.key, "POST", url, { body: { rating: "meh", user: "alice" } });
    expect(badRating.status).toBe(400);
  });
});

describe("app feedbacks (GET /app/feedbacks)", () => {
  it("lists every rating on the app's answers, newest first, in Dify's fields, paged; another app's are not there", async () => {
    const owner = await newOwner();
    const app = await newServiceApp(owner, { name: "Rated app" });
    const other = await newServiceApp(owner, { name: "Other rated app" });
    const a = await ask(app.key, { query: "first answer", user: "alice" });
    const b = await ask(app.key, { query: "second answer", user: "bob" });
    const elsewhere = await ask(other.key, { query: "elsewhere", user: "alice" });
    await v1(app.key, "POST", `/messages/${a.body.message_id}/feedbacks`, { body: { rating: "like", user: "alice", content: "helpful" } });
    await v1(app.key, "POST", `/messages/${b.body.message_id}/feedbacks`, { body: { rating: "dislike", user: "bob" } });
    await v1(other.key, "POST", `/messages/${elsewhere.body.message_id}/feedbacks`, { body: { rating: "like", user: "alice" } });

    const listed = await v1(app.key, "GET", "/app/feedbacks");
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((f: any) => [f.message_id, f.rating])).toEqual([
      [b.body.message_id, "dislike"],
      [a.body.message_id, "like"],
    ]);
    const [row] = await rows("select id, end_user_id from message_feedbacks where message_id = ?", a.body.message_id);
    expect(listed.body.data[1]).toEqual({
      id: row.id,
      app_id: app.appId,
      conversation_id: a.body.conversation_id,
      message_id: a.body.message_id,
      rating: "like",
      content: "helpful",
      from_source: "user",
      from_end_user_id: row.end_user_id,
      from_account_id: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/),
    });
    const page2 = await v1(app.key, "GET", "/app/feedbacks?page=2&limit=1");
    expect(page2.body.data.map((f: any) => f.message_id)).toEqual([a.body.message_id]);
    expect((await v1(app.key, "GET", "/app/feedbacks?limit=102")).status).toBe(400);
    expect((await v1(app.key, "GET", "/app/feedbacks?page=0")).status).toBe(400);
  });
});

describe("suggested questions", () => {
  it("asks the app's model for three follow-ups and parses a fenced JSON array", async () => {
    const app = await newFakeApp({ config: { suggested_questions_after_answer: { enabled: true } } });
    const m = await ask(app.key, { query: "What is the capital of France?" });
    await scriptFake(app.apiKey, { reply: 'Sure!\n```json\n["What about Lyon?", "How big is Paris?", "Best time to visit?", "A fourth?"]\n```' });
    const r = await v1(app.key, "GET", `/messages/${m.body.message_id}/suggested?user=alice`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: "success", data: ["What about Lyon?", "How big is Paris?", "Best time to visit?"] });
    const sent = (await fakeRequests(app.apiKey)).at(-1)!;
    expect(sent.body.messages[0].content).toContain("Human: What is the capital of France?");
    expect(sent.body.messages[0].content).toContain("three most likely questions");
  });

  it("reads a numbered list when the model ignores the JSON format, and answers none for prose", async () => {
    const app = await newFakeApp({ config: { suggested_questions_after_answer: { enabled: true } } });
    const m = await ask(app.key, { query: "Tell me about tea." });
    await scriptFake(app.apiKey, { reply: "Here you go:\n1. What is green tea?\n2. How is tea grown?\n3) Is tea healthy?" });
    const numbered = await v1(app.key, "GET", `/messages/${m.body.message_id}/suggested?user=alice`);
    expect(numbered.body.data).toEqual(["What is green tea?", "How is tea grown?", "Is tea healthy?"]);
    await scriptFake(app.apiKey, { reply: "I would rather not." });
    expect((await v1(app.key, "GET", `/messages/${m.body.message_id}/suggested?user=alice`)).body.data).toEqual([]);
  });

  it("refuses when the feature is off, for a foreign message, and without user", async () => {
    const m = await ask(chat.key, { query: "hi" });
    const off = await v1(chat.key, "GET", `/messages/${m.body.message_id}/suggested?user=alice`);
    expect(off.status).toBe(400);
    expect(off.body).toEqual({ code: "bad_request", message: "Suggested Questions Is Disabled.", status: 400 });
    expect((await v1(chat.key, "GET", `/messages/${m.body.message_id}/suggested?user=bob`)).status).toBe(404);
    expect((await v1(chat.key, "GET", `/messages/${m.body.message_id}/suggested`)).status).toBe(400);
  });
});

describe("conversations", () => {
  it("lists only the user's conversations, renames, auto-names and deletes with an empty 204", async () => {
    const app = await newServiceApp(owner);
    const a1 = await ask(app.key, { query: "First question about   whales" });
    await ask(app.key, { query: "Second thread" });
    await ask(app.key, { query: "Bob's own", user: "bob" });
    const list = await v1(app.key, "GET", "/conversations?user=alice");
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(Object.keys(list.body.data[0])).toEqual(["id", "name", "inputs", "status", "introduction", "created_at", "updated_at"]);
    const oldestFirst = await v1(app.key, "GET", "/conversations?user=alice&sort_by=created_at&limit=1");
    expect(oldestFirst.body).toMatchObject({ limit: 1, has_more: true });
    expect(oldestFirst.body.data[0].id).toBe(a1.body.conversation_id);
    expect((await v1(app.key, "GET", "/conversations?user=alice&sort_by=name")).status).toBe(400);
    const badLast = await v1(app.key, "GET", `/conversations?user=bob&last_id=${a1.body.conversation_id}`);
    expect(badLast.status).toBe(404);
    expect(badLast.body.message).toBe("Last Conversation Not Exists.");

    const cid = a1.body.conversation_id;
    const renamed = await v1(app.key, "POST", `/conversations/${cid}/name`, { body: { name: "Whales", user: "alice" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: cid, name: "Whales" });
    const auto = await v1(app.key, "POST", `/conversations/${cid}/name`, { body: { auto_generate: true, user: "alice" } });
    expect(auto.body.name).toBe("First question about whales");
    const noName = await v1(app.key, "POST", `/conversations/${cid}/name`, { body: { user: "alice" } });
    expect(noName.status).toBe(400);
    expect(noName.body.code).toBe("invalid_param");

    const del = await v1(app.key, "DELETE", `/conversations/${cid}`, { body: { user: "alice" } });
    expect(del.status).toBe(204);
    expect(await del.res.text()).toBe("");
    expect((await v1(app.key, "GET", "/conversations?user=alice")).body.data).toHaveLength(1);
    expect((await v1(app.key, "GET", `/messages?conversation_id=${cid}&user=alice`)).status).toBe(404);
    expect((await ask(app.key, { query: "again", conversation_id: cid })).status).toBe(404);
  });
});

describe("app info", () => {
  it("answers /parameters from the published config in Dify's shape, features off by default", async () => {
    const app = await newServiceApp(owner, {
      config: {
        opening_statement: "Hello!",
        suggested_questions: ["What can you do?"],
        user_input_form: [{ select: { variable: "tone", label: "Tone", required: true, options: ["dry", "warm"] } }],
      },
    });
    const r = await v1(app.key, "GET", "/parameters");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      opening_statement: "Hello!",
      suggested_questions: ["What can you do?"],
      suggested_questions_after_answer: { enabled: false },
      speech_to_text: { enabled: false },
      text_to_speech: { enabled: false },
      retriever_resource: { enabled: false },
      annotation_reply: { enabled: false },
      more_like_this: { enabled: false },
      sensitive_word_avoidance: { enabled: false, type: "", configs: [] },
      file_upload: { image: { enabled: false, number_limits: 3, detail: "high", transfer_methods: ["remote_url", "local_file"] } },
      system_parameters: { image_file_size_limit: 10, file_size_limit: 15, workflow_file_upload_limit: 10 },
    });
    expect(r.body.user_input_form).toEqual([
      { select: { variable: "tone", label: "Tone", required: true, options: ["dry", "warm"], type: "select" } },
    ]);
  });

  it("answers /info, /meta and /site", async () => {
    const info = await v1(chat.key, "GET", "/info");
    expect(info.body).toEqual({ name: "Resources app", description: "", tags: [], mode: "chat", author_name: expect.any(String) });
    expect(info.body.author_name).toBe(owner.wctx.actor.name);
    expect((await v1(chat.key, "GET", "/meta")).body).toEqual({ tool_icons: {} });
    const site = await v1(chat.key, "GET", "/site");
    expect(Object.keys(site.body).sort()).toEqual(
      [
        "title", "chat_color_theme", "chat_color_theme_inverted", "icon_type", "icon", "icon_background", "icon_url",
        "description", "copyright", "privacy_policy", "custom_disclaimer", "default_language", "show_workflow_steps",
        "use_icon_as_answer_icon",
      ].sort(),
    );
    expect(site.body.title).toBe("Resources app");
  });
});

describe("file upload", () => {
  const upload = (key: string, parts: [string, Blob, string?][], user = "alice") => {
    const form = new FormData();
    for (const [name, blob, filename] of parts) form.append(name, blob, filename);
    if (user) form.append("user", user);
    return v1Form(key, "/files/upload", form);
  };

  it("previews an uploaded file for the app it was uploaded to (GET /files/:id/preview), or downloads it", async () => {
    const up = await upload(chat.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "red dot.png"]]);
    expect(up.status).toBe(201);
    const shown = await v1Raw(chat.key, "GET", `/files/${up.body.id}/preview?user=alice`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(shown.headers.get("content-length")).toBe(String(TINY_PNG.byteLength));
    expect(shown.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(TINY_PNG);
    const download = await v1Raw(chat.key, "GET", `/files/${up.body.id}/preview?as_attachment=true`);
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''red%20dot.png");
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    await download.arrayBuffer();
    // Another app of the same workspace may not read it; an unknown id is not found.
    const other = await newServiceApp(owner, { name: "Other files app" });
    const denied = await v1(other.key, "GET", `/files/${up.body.id}/preview`);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("file_access_denied");
    const missing = await v1(chat.key, "GET", "/files/00000000-0000-7000-8000-000000000000/preview");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("file_not_found");
    // Another workspace's key cannot tell the file exists.
    const stranger = await newServiceApp(await newOwner());
    expect((await v1(stranger.key, "GET", `/files/${up.body.id}/preview`)).status).toBe(404);
  });

  it("stores an image in R2 under the workspace and answers 201 with Dify's fields", async () => {
    const r = await upload(chat.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "dot.png"]]);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.any(String),
      name: "dot.png",
      size: TINY_PNG.byteLength,
      extension: "png",
      mime_type: "image/png",
      created_by: expect.any(String),
      created_at: expect.any(Number),
      preview_url: null,
      source_url: expect.stringMatching(/^\/files\/[\w-]+\/file-preview\?timestamp=\d+&nonce=[\w-]+&sign=[\w-]+$/),
    });
    // As in Dify, source_url is a signed link to the bytes (no key needed).
    const linked = await call("GET", r.body.source_url);
    expect(new Uint8Array(await linked.arrayBuffer())).toEqual(TINY_PNG);
    const [row] = await rows("select * from upload_files where id = ?", r.body.id);
    expect(row.storage_key).toBe(`ws/${owner.workspaceId}/files/${r.body.id}/dot.png`);
    const object = await env.FILES.get(row.storage_key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(TINY_PNG);
  });

  it("reads an upload's created_by back as an end user of the app (GET /end-users/:id), in Dify's shape", async () => {
    const up = await upload(chat.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "who.png"]], "bob-42");
    expect(up.status).toBe(201);
    const r = await v1(chat.key, "GET", `/end-users/${up.body.created_by}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      id: up.body.created_by,
      tenant_id: owner.workspaceId,
      app_id: chat.appId,
      type: "service_api",
      external_user_id: "bob-42",
      name: null,
      is_anonymous: false,
      session_id: "bob-42",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      updated_at: r.body.created_at,
    });
    // Only the app's own end users: another app of the workspace, or another workspace, cannot
    // read one whose id it learned; an unknown id and a path that is no UUID are not found.
    const other = await newServiceApp(owner, { name: "Other end-user app" });
    const foreign = await v1(other.key, "GET", `/end-users/${up.body.created_by}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ code: "end_user_not_found", message: "End user not found.", status: 404 });
    expect((await v1(chat.key, "GET", "/end-users/00000000-0000-4000-8000-000000000000")).body.code).toBe("end_user_not_found");
    expect((await v1(chat.key, "GET", "/end-users/not-a-uuid")).status).toBe(404);
    expect((await v1("app-wrong", "GET", `/end-users/${up.body.created_by}`)).status).toBe(401);
  });

  it("refuses a missing file, two files, an unsupported type and files over the size limits", async () => {
    const none = await upload(chat.key, []);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("no_file_uploaded");
    const two = await upload(chat.key, [
      ["file", new Blob(["a"]), "a.txt"],
      ["other", new Blob(["b"]), "b.txt"],
    ]);
    expect(two.status).toBe(400);
    expect(two.body.code).toBe("too_many_files");
    const exe = await upload(chat.key, [["file", new Blob(["MZ"]), "setup.exe"]]);
    expect(exe.status).toBe(415);
    expect(exe.body).toEqual({ code: "unsupported_file_type", message: "File type not allowed.", status: 415 });
    // Any other type is a custom file, as in Dify (a workflow's custom file input reads it).
    const script = await upload(chat.key, [["file", new Blob(["print(1)"], { type: "text/x-python" }), "job.py"]]);
    expect(script.status).toBe(201);
    expect(script.body).toMatchObject({ name: "job.py", extension: "py", mime_type: "text/x-python" });
    const odd = await upload(chat.key, [["file", new Blob(["x"], { type: "not a type" }), "data.bin"]]);
    expect(odd.body).toMatchObject({ extension: "bin", mime_type: "application/octet-stream" });
    const bigImage = await upload(chat.key, [["file", new Blob([new Uint8Array(11 * 1024 * 1024)], { type: "image/png" }), "big.png"]]);
    expect(bigImage.status).toBe(413);
    expect(bigImage.body.code).toBe("file_too_large");
    const bigDoc = await upload(chat.key, [["file", new Blob([new Uint8Array(16 * 1024 * 1024)]), "big.txt"]]);
    expect(bigDoc.status).toBe(413);
    expect(bigDoc.body.code).toBe("file_too_large");
    expect(await rows("select id from upload_files where name like 'big.%'")).toHaveLength(0);
  });

  it("sends an uploaded image to the model as vision input when the app enables file upload", async () => {
    const app = await newFakeApp({
      config: { file_upload: { enabled: true, allowed_file_types: ["image"], allowed_file_upload_methods: ["local_file", "remote_url"], number_limits: 3 } },
    });
    const file = await upload(app.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "dot.png"]]);
    const r = await ask(app.key, {
      query: "What is in this picture?",
      files: [{ type: "image", transfer_method: "local_file", upload_file_id: file.body.id }],
    });
    expect(r.status).toBe(200);
    const sent = (await fakeRequests(app.apiKey)).at(-1)!;
    const content = sent.body.messages.at(-1).content;
    expect(content[0]).toEqual({ type: "text", text: "What is in this picture?" });
    expect(content[1].type).toBe("image_url");
    expect(content[1].image_url.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const [m] = await rows("select files, prompt_messages from messages where id = ?", r.body.message_id);
    expect(JSON.parse(m.files)).toEqual([
      { type: "image", transfer_method: "local_file", upload_file_id: file.body.id, filename: "dot.png", mime_type: "image/png", size: TINY_PNG.byteLength },
    ]);
    expect(m.prompt_messages).not.toContain("iVBORw0KGgo");

    // The message lists its file as Dify's message_files, with a signed link a browser can open.
    const listed = await v1(app.key, "GET", `/messages?user=alice&conversation_id=${r.body.conversation_id}`);
    const [mf] = listed.body.data[0].message_files;
    expect(mf).toMatchObject({
      id: file.body.id,
      filename: "dot.png",
      type: "image",
      mime_type: "image/png",
      size: TINY_PNG.byteLength,
      transfer_method: "local_file",
      belongs_to: "user",
      upload_file_id: file.body.id,
    });
    expect(mf.url).toMatch(new RegExp(`^/files/${file.body.id}/file-preview\\?timestamp=\\d+&nonce=[\\w-]+&sign=[\\w-]+$`));
    const image = await call("GET", mf.url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(TINY_PNG);
    // A link for another file, a changed signature or an expired one is refused.
    const other = await upload(app.key, [["file", new Blob(["<script>alert(1)</script>"], { type: "text/html" }), "page.html"]]);
    expect((await call("GET", mf.url.replace(file.body.id, other.body.id))).status).toBe(403);
    expect((await call("GET", mf.url.replace(/sign=.+$/, "sign=AAAA"))).status).toBe(403);
    expect((await call("GET", mf.url.replace(/timestamp=\d+/, "timestamp=1000"))).status).toBe(403);
  });

  it("signs message_files links only for uploads of the message's own workspace, with one lookup for a page", async () => {
    const mine = await upload(chat.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "mine.png"]]);
    const stranger = await newOwner();
    const theirApp = await newServiceApp(stranger, { name: "Stranger's files" });
    const theirs = await upload(theirApp.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "theirs.png"]]);
    const ref = (id: string) => ({ type: "image", transfer_method: "local_file", upload_file_id: id });
    const views = await messageFilesViews(owner.wctx, [
      { id: "m1", workspaceId: owner.workspaceId, files: JSON.stringify([ref(mine.body.id), ref(theirs.body.id)]) },
      { id: "m2", workspaceId: owner.workspaceId, files: "not json" },
      { id: "m3", workspaceId: owner.workspaceId, files: JSON.stringify([{ type: "image", transfer_method: "remote_url", url: "https://example.com/p/kiln.png" }]) },
    ]);
    const [own, foreign] = views.get("m1") as { url: string | null }[];
    expect(own.url).toMatch(new RegExp(`^/files/${mine.body.id}/file-preview\\?`));
    // A log naming another workspace's upload gets no link to it.
    expect(foreign.url).toBeNull();
    expect(views.get("m2")).toEqual([]);
    expect(views.get("m3")).toEqual([expect.objectContaining({ filename: "kiln.png", url: "https://example.com/p/kiln.png", upload_file_id: null })]);
  });

  it("serves a signed link to a file that is not an image as a download that cannot run scripts", async () => {
    const page = await upload(chat.key, [["file", new Blob(["<script>alert(1)</script>"], { type: "text/html" }), "page.html"]]);
    const url = await signedFileUrl(env.APP_SECRET ?? "", page.body.id, Date.now());
    const res = await call("GET", url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''page.html");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    await res.arrayBuffer();
    expect((await call("GET", "/files/nope/file-preview")).status).toBe(400);
  });

  it("refuses an unknown upload id and a private remote URL", async () => {
    const app = await newFakeApp({ config: { file_upload: { enabled: true, number_limits: 3 } } });
    const unknown = await ask(app.key, {
      query: "look",
      files: [{ type: "image", transfer_method: "local_file", upload_file_id: "00000000-0000-7000-8000-000000000000" }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.params).toEqual(["files.0.upload_file_id"]);
    const foreign = await upload(chat.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "dot.png"]]);
    const otherWorkspace = await ask(app.key, {
      query: "look",
      files: [{ type: "image", transfer_method: "local_file", upload_file_id: foreign.body.id }],
    });
    expect(otherWorkspace.status).toBe(400);
    const privateUrl = await ask(app.key, { query: "look", files: [{ type: "image", transfer_method: "remote_url", url: "http://10.0.0.1/cat.png" }] });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.params).toEqual(["files.0.url"]);
  });

  it("refuses a file the app's file upload setting does not take, with Dify's message", async () => {
    const app = await newFakeApp({
      config: { file_upload: { enabled: true, allowed_file_types: ["image"], allowed_file_extensions: [], allowed_file_upload_methods: ["local_file"], number_limits: 3 } },
    });
    const png = await upload(app.key, [["file", new Blob([TINY_PNG], { type: "image/png" }), "dot.png"]]);
    const txt = await upload(app.key, [["file", new Blob(["notes"], { type: "text/plain" }), "notes.txt"]]);
    const cases = [
      [{ type: "document", transfer_method: "local_file", upload_file_id: txt.body.id }, "notes.txt"],
      [{ type: "custom", transfer_method: "local_file", upload_file_id: txt.body.id }, "notes.txt"],
      [{ type: "image", transfer_method: "remote_url", url: "https://example.com/p/cat.png" }, "cat.png"],
    ] as const;
    for (const [file, name] of cases) {
      const r = await ask(app.key, { query: "look", files: [file] });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "invalid_param", message: `File validation failed for file: ${name}` });
    }
    expect((await ask(app.key, { query: "look", files: [{ type: "image", transfer_method: "local_file", upload_file_id: png.body.id }] })).status).toBe(200);
  });

  it("refuses a remote file whose URL is not a web address, so no page ever links to it", async () => {
    const app = await newFakeApp({ config: { file_upload: { enabled: true, allowed_file_types: ["document"], number_limits: 3 } } });
    for (const url of ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "not a url"]) {
      const r = await ask(app.key, { query: "look", files: [{ type: "document", transfer_method: "remote_url", url }] });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "invalid_param", params: ["files.0.url"] });
    }
    expect(await rows("select id from messages where app_id = ?", app.appId)).toHaveLength(0);
  });

  it("ignores files when the app does not enable file upload, as Dify does", async () => {
    const r = await ask(chat.key, { query: "look", files: [{ type: "image", transfer_method: "remote_url", url: "http://10.0.0.1/cat.png" }] });
    expect(r.status).toBe(200);
  });
});
