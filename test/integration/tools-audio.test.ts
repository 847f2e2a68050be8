// Dify's built-in `audio` tools (tts, asr) in workerd with real D1 and R2: a Dify workflow speaks a
// text into an audio file of the run and transcribes it back through the fake provider's tts-1
// and whisper-1; the model and voice come from Dify's form values; bad files, models and
// workspaces without speech models fail clearly, and one workspace cannot read another's audio.
import { describe, expect, it } from "vitest";
import { tryTool } from "../../src/tools/try-tool";
import { addFakeProvider, fakeOpenAIUrl, fakeRequests, newFakeKey, newOwner, type Owner, publishedWorkflowApp, v1, agentToolWorkflowYaml } from "../support/apps";
import { callJson } from "../support/console";

const SPEECH_MODELS = ["gpt-4o-mini", { model: "whisper-1", model_type: "speech2text" }, { model: "tts-1", model_type: "tts" }];

const call = (owner: Owner, tool: "tts" | "asr", parameters: Record<string, unknown>) =>
  tryTool(owner.wctx, { provider_type: "builtin", provider_id: "audio", tool_name: tool }, parameters);

/** The provider's speech calls, without the ones that validated the models when they were added. */
const speechCalls = async (apiKey: string) =>
  (await fakeRequests(apiKey)).filter((r) => r.path.startsWith("/v1/audio/") && r.body.filename !== "ping.wav" && r.body.input !== "ping");

function podcastYaml(ttsModel: string, voiceKey: string, asrModel: string) {
  return `version: 0.1.5
kind: app
app: {name: Podcast, mode: workflow}
workflow:
  graph:
    edges:
    - {id: e1, source: start, target: speak, sourceHandle: source, targetHandle: target}
    - {id: e2, source: speak, target: listen, sourceHandle: source, targetHandle: target}
    - {id: e3, source: listen, target: end, sourceHandle: source, targetHandle: target}
    nodes:
    - id: start
      data: {type: start, title: Start, variables: [{variable: story, label: Story, type: paragraph, required: true}]}
    - id: speak
      data:
        type: tool
        title: Text To Speech
        provider_id: audio
        provider_name: audio
        provider_type: builtin
        tool_name: tts
        tool_configurations: {model: "${ttsModel}", "${voiceKey}": nova, "voice#tongyi#tts-1": sambert-zhijia-v1}
        tool_parameters:
          text: {type: mixed, value: "{{#start.story#}}"}
    - id: listen
      data:
        type: tool
        title: Speech To Text
        provider_id: audio
        provider_name: audio
        provider_type: builtin
        tool_name: asr
        tool_configurations: {model: "${asrModel}"}
        tool_parameters:
          audio_file: {type: variable, value: [speak, files]}
    - id: end
      data:
        type: end
        title: End
        outputs:
        - {variable: said, value_selector: [speak, text]}
        - {variable: audio, value_selector: [speak, files]}
        - {variable: heard, value_selector: [listen, text]}
`;
}

describe("audio/tts and audio/asr", () => {
  it("speaks a Dify workflow's text into an audio file of the run, in the voice its form names, and transcribes it back", async () => {
    const owner = await newOwner();
    const { provider, apiKey } = await addFakeProvider(owner, { models: SPEECH_MODELS });
    // The speech-to-text model named by plugin id, as Dify 1.x exports name it.
    const yaml = podcastYaml(`${provider}#tts-1`, `voice#${provider}#tts-1`, `langgenius/openai_api_compatible/${provider}#whisper-1`);
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", { body: { inputs: { story: "Once upon a kiln." }, response_mode: "blocking", user: "listener" } });
    expect(run.status).toBe(200);
    expect(run.body.data.status).toBe("succeeded");
    const { said, audio, heard } = run.body.data.outputs;
    expect(said).toBe("Audio generated successfully");
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ type: "audio", transfer_method: "tool_file", mime_type: "audio/mpeg", extension: ".mp3" });
    expect(audio[0].size).toBeGreaterThan(1000);
    expect(heard).toBe(`Heard ${audio[0].size} bytes of audio/mpeg`);

    const [spoken, transcribed] = await speechCalls(apiKey);
    expect(spoken).toMatchObject({ path: "/v1/audio/speech", body: { model: "tts-1", voice: "nova", input: "Once upon a kiln." } });
    expect(transcribed).toMatchObject({ path: "/v1/audio/transcriptions", body: { model: "whisper-1", bytes: audio[0].size } });

    // The file is the run's user's upload, stored in R2 and readable by the workspace only.
    const other = await newOwner();
    await addFakeProvider(other, { models: SPEECH_MODELS });
    await expect(call(other, "asr", { audio_file: audio[0] })).rejects.toMatchObject({ code: "tool_error", message: expect.stringContaining("not found") });
    const again = await call(owner, "asr", { audio_file: [audio[0]] });
    expect(again.result.text).toBe(heard);
  });

  it("gives a workflow agent node the audio its tool made as the node's files, as Dify's agent node does", async () => {
    const owner = await newOwner();
    const { provider } = await addFakeProvider(owner, { models: SPEECH_MODELS });
    const yaml = agentToolWorkflowYaml(provider, { provider_name: "audio", tool_name: "tts" }, { audio: "files", steps: "json" });
    const { key } = await publishedWorkflowApp(owner.token, yaml);
    const run = await v1(key, "POST", "/workflows/run", {
      body: { inputs: { q: 'use tool tts with {"text": "Good morning"}' }, response_mode: "blocking", user: "agent-listener" },
    });
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe("succeeded");
    const { audio, steps } = run.body.data.outputs;
    expect(audio).toEqual([expect.objectContaining({ type: "audio", transfer_method: "tool_file", mime_type: "audio/mpeg" })]);
    expect(steps[0]).toMatchObject({ tool: "tts", observation: JSON.stringify({ tts: "Audio generated successfully" }) });
  });

  it("sends a speech model a catalogue provider never listed to the vendor, named by plugin id as Dify exports name them", async () => {
    const owner = await newOwner();
    const apiKey = newFakeKey();
    const added = await callJson("POST", "/console/api/workspaces/current/model-providers/siliconflow/credentials", {
      token: owner.token,
      body: { base_url: fakeOpenAIUrl, api_key: apiKey, models: [{ model: "fake-chat", model_type: "llm" }] },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const file = await call(owner, "tts", { text: "Hello", model: "langgenius/siliconflow/siliconflow#tts-1", "voice#langgenius/siliconflow/siliconflow#tts-1": "alex" });
    const heard = await call(owner, "asr", { audio_file: file.result.files![0], model: "langgenius/siliconflow/siliconflow#whisper-1" });
    expect(heard.result.text).toMatch(/^Heard \d+ bytes of audio\/mpeg$/);
    const calls = await speechCalls(apiKey);
    expect(calls.map((c) => [c.path, c.body.model])).toEqual([
      ["/v1/audio/speech", "tts-1"],
      ["/v1/audio/transcriptions", "whisper-1"],
    ]);
    expect(calls[0].body.voice).toBe("alex");
  });

  it("takes the workspace's speech models when no model is set, and the model's default voice", async () => {
    const owner = await newOwner();
    const { apiKey } = await addFakeProvider(owner, { models: SPEECH_MODELS });
    const spoken = await call(owner, "tts", { text: "Tested from the Tools page" });
    expect(spoken.result.text).toBe("Audio generated successfully");
    expect(spoken.result.files?.[0]).toMatchObject({ mime_type: "audio/mpeg", type: "audio" });
    const heard = await call(owner, "asr", { audio_file: spoken.result.files![0] });
    expect(heard.result.text).toMatch(/^Heard \d+ bytes of audio\/mpeg$/);
    const [sent] = await speechCalls(apiKey);
    expect(sent.body).toMatchObject({ model: "tts-1", voice: "alloy", input: "Tested from the Tools page" });
  });

  it("answers Dify's text for a file that is not audio, and refuses several files, a malformed model and a missing one", async () => {
    const owner = await newOwner();
    await addFakeProvider(owner, { models: SPEECH_MODELS });
    const notAudio = await call(owner, "asr", { audio_file: { type: "document", transfer_method: "remote_url", url: "https://example.com/a.pdf" } });
    expect(notAudio.result.text).toBe("not a valid audio file");
    const audio = { type: "audio", transfer_method: "remote_url", url: "https://example.com/a.mp3" };
    await expect(call(owner, "asr", { audio_file: [audio, audio] })).rejects.toMatchObject({
      message: expect.stringContaining("This parameter only accepts one file but got multiple files while invoking."),
    });
    await expect(call(owner, "asr", {})).rejects.toMatchObject({ message: expect.stringContaining("audio_file is required") });
    await expect(call(owner, "tts", { text: "hi", model: "tts-1" })).rejects.toMatchObject({
      message: expect.stringContaining('model must be "provider#model"'),
    });
    await expect(call(owner, "tts", { text: "hi", model: "bedrock#polly" })).rejects.toMatchObject({
      message: expect.stringContaining('Model provider "bedrock" is not configured in this workspace'),
    });
  });

  it("fails clearly in a workspace with no speech model (there is no offline one)", async () => {
    const owner = await newOwner();
    await expect(call(owner, "tts", { text: "hello" })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("No text-to-speech model"),
    });
    const file = { type: "audio", transfer_method: "remote_url", url: "http://10.1.2.3/a.mp3" };
    // The file's URL goes through the SSRF guard before any model is asked.
    await expect(call(owner, "asr", { audio_file: file })).rejects.toMatchObject({
      code: "tool_error",
      message: expect.stringContaining("private, loopback and link-local addresses are not allowed"),
    });
  });
});
