// Dify's speech routes through HTTP in workerd: /v1/audio-to-text and /v1/text-to-audio (and the
// WebApp's /api twins) with the fake provider's whisper-1 and tts-1, the app's speech switches,
// Dify's audio errors, the offline workspace with no speech model, and who may read out what.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, publishApp } from "../../src/apps/apps";
import { modelConfigSchema } from "../../src/apps/model-config";
import { findDraft, publishWorkflow, syncDraft } from "../../src/workflow/store";
import { fakeRequests, newFakeApp, newOwner, newServiceApp, scriptFake, v1, v1Form, v1Raw } from "../support/apps";
import { callJson } from "../support/console";

const SPEECH_MODELS = ["gpt-4o-mini", { model: "whisper-1", model_type: "speech2text" }, { model: "tts-1", model_type: "tts" }];
const SPEECH_ON = { speech_to_text: { enabled: true }, text_to_speech: { enabled: true, voice: "nova", language: "en-US" } };

const audioForm = (bytes: Uint8Array | string, type: string, extra: Record<string, string> = {}) => {
  const form = new FormData();
  form.append("file", new File([bytes], "question.webm", { type }));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
};
/** The provider's speech calls, without the two that validated the models when they were added. */
const speechCalls = async (apiKey: string) =>
  (await fakeRequests(apiKey)).filter((r) => r.path.startsWith("/v1/audio/") && r.body.filename !== "ping.wav" && r.body.input !== "ping");

let app: Awaited<ReturnType<typeof newFakeApp>>;
beforeAll(async () => {
  app = await newFakeApp({ models: SPEECH_MODELS, config: SPEECH_ON });
});

describe("POST /v1/audio-to-text", () => {
  it("transcribes a recording with the workspace's speech-to-text model", async () => {
    const r = await v1Form(app.key, "/audio-to-text", audioForm(new Uint8Array(2048).fill(7), "audio/webm;codecs=opus", { user: "ann" }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ text: "Heard 2048 bytes of audio/webm" });
    const [sent] = await speechCalls(app.apiKey);
    expect(sent).toMatchObject({ path: "/v1/audio/transcriptions", body: { model: "whisper-1", bytes: 2048, file_type: "audio/webm" } });
  });

  it("answers Dify's audio errors: no file, a type that is not audio, an empty file, too large", async () => {
    const none = new FormData();
    none.append("user", "ann");
    expect(await v1Form(app.key, "/audio-to-text", none)).toMatchObject({ status: 400, body: { code: "no_audio_uploaded", status: 400 } });
    expect(await v1Form(app.key, "/audio-to-text", audioForm("hello", "text/plain"))).toMatchObject({
      status: 415,
      body: { code: "unsupported_audio_type" },
    });
    expect(await v1Form(app.key, "/audio-to-text", audioForm(new Uint8Array(0), "audio/wav"))).toMatchObject({
      status: 400,
      body: { code: "no_audio_uploaded" },
    });
    // No declared type (Python's requests with a bare file object): the file name's extension tells.
    const bare = new FormData();
    bare.append("file", new File([new Uint8Array(32)], "note.mp3"));
    expect(await v1Form(app.key, "/audio-to-text", bare)).toMatchObject({ status: 200, body: { text: "Heard 32 bytes of audio/mp3" } });
    const unnamed = new FormData();
    unnamed.append("file", new File([new Uint8Array(32)], "blob"));
    expect(await v1Form(app.key, "/audio-to-text", unnamed)).toMatchObject({ status: 415, body: { code: "unsupported_audio_type" } });
    const huge = await v1Form(app.key, "/audio-to-text", audioForm(new Uint8Array(31 * 1024 * 1024), "audio/mp3"));
    expect(huge).toMatchObject({ status: 413, body: { code: "audio_too_large" } });
    // Only the good ones reached the provider.
    expect((await speechCalls(app.apiKey)).filter((c) => c.path === "/v1/audio/transcriptions")).toHaveLength(2);
  });

  it("refuses when the app has speech to text off", async () => {
    const off = await newServiceApp(app.owner, { config: { model: { provider: app.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} } } });
    const r = await v1Form(off.key, "/audio-to-text", audioForm(new Uint8Array(64), "audio/wav"));
    expect(r).toMatchObject({ status: 400, body: { code: "invalid_param", message: "Speech to text is not enabled" } });
  });

  it("turns a provider failure into completion_request_error", async () => {
    await scriptFake(app.apiKey, { fail_next: [{ status: 500 }] });
    const r = await v1Form(app.key, "/audio-to-text", audioForm(new Uint8Array(64), "audio/mpeg"));
    expect(r).toMatchObject({ status: 400, body: { code: "completion_request_error" } });
  });
});

describe("POST /v1/text-to-audio", () => {
  it("reads a text out as MP3 in the app's voice, or the voice asked for", async () => {
    const res = await v1Raw(app.key, "POST", "/text-to-audio", { body: { text: "Hello there", user: "ann", streaming: false } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    const mp3 = new Uint8Array(await res.arrayBuffer());
    expect([...mp3.slice(0, 2)]).toEqual([0xff, 0xfb]);
    expect(Number(res.headers.get("content-length"))).toBe(mp3.byteLength);
    await v1Raw(app.key, "POST", "/text-to-audio", { body: { text: "Again", voice: "echo", user: "ann" } }).then((r) => r.arrayBuffer());
    const sent = (await speechCalls(app.apiKey)).filter((c) => c.path === "/v1/audio/speech");
    expect(sent.map((c) => [c.body.model, c.body.input, c.body.voice])).toEqual([
      ["tts-1", "Hello there", "nova"],
      ["tts-1", "Again", "echo"],
    ]);
  });

  it("reads out a message's answer by message_id, only of this app", async () => {
    const msg = await v1(app.key, "POST", "/chat-messages", { body: { inputs: {}, query: "Say hi", response_mode: "blocking", user: "ann" } });
    expect(msg.status).toBe(200);
    const res = await v1Raw(app.key, "POST", "/text-to-audio", { body: { message_id: msg.body.message_id, user: "ann" } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const last = (await speechCalls(app.apiKey)).at(-1)!;
    expect(last.body.input).toBe(msg.body.answer);

    // Another workspace's key, and another app of the same workspace, cannot name it.
    const stranger = await newFakeApp({ models: SPEECH_MODELS, config: SPEECH_ON });
    const foreign = await v1(stranger.key, "POST", "/text-to-audio", { body: { message_id: msg.body.message_id, user: "ann" } });
    expect(foreign).toMatchObject({ status: 404, body: { code: "not_found", message: "Message Not Exists." } });
    expect(await speechCalls(stranger.apiKey)).toHaveLength(0);
  });

  it("needs something to say and the feature on", async () => {
    expect(await v1(app.key, "POST", "/text-to-audio", { body: { user: "ann" } })).toMatchObject({
      status: 400,
      body: { code: "invalid_param", message: "Text is required" },
    });
    expect(await v1(app.key, "POST", "/text-to-audio", { body: { text: 42, user: "ann" } })).toMatchObject({ status: 400, body: { code: "invalid_param" } });
    const off = await newServiceApp(app.owner, { config: { model: { provider: app.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} } } });
    expect(await v1(off.key, "POST", "/text-to-audio", { body: { text: "hi", user: "ann" } })).toMatchObject({
      status: 400,
      body: { code: "invalid_param", message: "TTS is not enabled" },
    });
  });
});

describe("a workspace with no speech model (offline)", () => {
  it("answers provider_not_support_speech_to_text and provider_not_initialize, and shows no default", async () => {
    const owner = await newOwner();
    const offline = await newServiceApp(owner, { config: SPEECH_ON });
    expect(await v1Form(offline.key, "/audio-to-text", audioForm(new Uint8Array(64), "audio/wav"))).toMatchObject({
      status: 400,
      body: { code: "provider_not_support_speech_to_text" },
    });
    expect(await v1(offline.key, "POST", "/text-to-audio", { body: { text: "hi" } })).toMatchObject({
      status: 400,
      body: { code: "provider_not_initialize" },
    });
    const stt = await callJson("GET", "/console/api/workspaces/current/default-model?model_type=speech2text", { token: owner.token });
    expect(stt).toMatchObject({ status: 200, body: { data: null } });
  });
});

describe("speech models in the workspace's settings", () => {
  it("validates speech models with a real call, offers the first one, and lets an admin pick the default", async () => {
    const token = app.owner.token;
    const tts = await callJson("GET", "/console/api/workspaces/current/default-model?model_type=tts", { token });
    expect(tts.body.data).toEqual({ model_type: "tts", provider: app.provider, model: "tts-1", is_offline: false });
    const validation = (await fakeRequests(app.apiKey)).filter((r) => r.path.startsWith("/v1/audio/")).slice(0, 2);
    expect(validation[1].body).toMatchObject({ model: "tts-1", input: "ping" });
    expect(validation.map((r) => r.path)).toEqual(["/v1/audio/transcriptions", "/v1/audio/speech"]);
    expect(validation[0].body).toMatchObject({ model: "whisper-1", file_type: "audio/wav" });

    const picker = await callJson("GET", "/console/api/workspaces/current/models/model-types/speech2text", { token });
    expect(picker.body.data).toEqual([expect.objectContaining({ provider: app.provider, models: [{ model: "whisper-1", model_type: "speech2text" }] })]);
    const set = await callJson("POST", "/console/api/workspaces/current/default-model", {
      token,
      body: { model_settings: [{ model_type: "speech2text", provider: app.provider, model: "whisper-1" }] },
    });
    expect(set.status).toBe(200);
    const wrong = await callJson("POST", "/console/api/workspaces/current/default-model", {
      token,
      body: { model_settings: [{ model_type: "tts", provider: app.provider, model: "whisper-1" }] },
    });
    expect(wrong).toMatchObject({ status: 400, body: { code: "invalid_param" } });
  });

  it("refuses a speech model the endpoint does not have", async () => {
    const owner = await newOwner();
    const r = await callJson("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
      token: owner.token,
      body: { name: "nospeech", label: "x", base_url: new URL("/v1", (await import("../support/apps")).fakeOpenAIUrl).href, api_key: "sk-test-nospeech", models: [{ model: "whisper-9", model_type: "speech2text" }] },
    });
    expect(r).toMatchObject({ status: 400, body: { code: "model_not_found" } });
  });
});

describe("workflow apps take the switches from the published workflow", () => {
  it("transcribes for a chatflow whose features turn speech to text on, and refuses for one without", async () => {
    const graph = {
      nodes: [
        { id: "start", type: "custom", position: { x: 0, y: 0 }, data: { type: "start", title: "Start", variables: [] } },
        { id: "answer", type: "custom", position: { x: 0, y: 0 }, data: { type: "answer", title: "Answer", answer: "{{#sys.query#}}" } },
      ],
      edges: [{ id: "e", source: "start", target: "answer", sourceHandle: "source", targetHandle: "target" }],
    };
    const make = async (features: Record<string, unknown>) => {
      const created = await createApp(app.owner.wctx, { name: `Speech flow ${crypto.randomUUID().slice(0, 6)}`, mode: "advanced-chat" });
      const draft = await findDraft(app.owner.wctx, created.id);
      await syncDraft(app.owner.wctx, created.id, { graph: graph as never, features, environment_variables: [], conversation_variables: [] }, draft?.hash);
      await publishWorkflow(app.owner.wctx, created.id, {});
      const key = await callJson("POST", `/console/api/apps/${created.id}/api-keys`, { token: app.owner.token });
      return key.body.token as string;
    };
    const on = await make({ speech_to_text: { enabled: true } });
    expect(await v1Form(on, "/audio-to-text", audioForm(new Uint8Array(10), "audio/m4a"))).toMatchObject({ status: 200, body: { text: "Heard 10 bytes of audio/m4a" } });
    const off = await make({});
    expect(await v1Form(off, "/audio-to-text", audioForm(new Uint8Array(10), "audio/m4a"))).toMatchObject({ status: 400, body: { code: "invalid_param" } });
  });
});

describe("the WebApp's speech routes", () => {
  it("transcribes and reads out only the browser's own answers", async () => {
    const created = await createApp(
      app.owner.wctx,
      { name: "Speech site", mode: "chat" },
      modelConfigSchema.parse({ model: { provider: app.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} }, ...SPEECH_ON }),
    );
    await publishApp(app.owner.wctx, created.id, {});
    const browser = async () =>
      (await callJson<{ access_token: string }>("GET", "/api/passport", { headers: { "x-app-code": created.siteCode } })).body.access_token;
    const [mine, theirs] = [await browser(), await browser()];

    const { exports } = await import("cloudflare:workers");
    const heard = await exports.default.fetch(
      new Request("http://kiln.test/api/audio-to-text", { method: "POST", headers: { authorization: `Bearer ${mine}` }, body: audioForm(new Uint8Array(99), "audio/wav") }),
    );
    expect(heard.status).toBe(200);
    expect(await heard.json()).toEqual({ text: "Heard 99 bytes of audio/wav" });

    const answer = await callJson("POST", "/api/chat-messages", { token: mine, body: { inputs: {}, query: "Read me", response_mode: "blocking" } });
    expect(answer.status).toBe(200);
    const messageId = answer.body.message_id ?? answer.body.id;
    const spoken = await exports.default.fetch(
      new Request("http://kiln.test/api/text-to-audio", {
        method: "POST",
        headers: { authorization: `Bearer ${mine}`, "content-type": "application/json" },
        body: JSON.stringify({ message_id: messageId }),
      }),
    );
    expect(spoken.status).toBe(200);
    expect(spoken.headers.get("content-type")).toBe("audio/mpeg");
    await spoken.arrayBuffer();
    const other = await callJson("POST", "/api/text-to-audio", { token: theirs, body: { message_id: messageId } });
    expect(other).toMatchObject({ status: 404, body: { code: "not_found" } });
  });
});
