// Imports every Dify DSL file (*.yml / *.yaml) of a folder into a fresh local Kiln under
// `wrangler dev`, publishes it, and runs it once through the Service API with sample inputs,
// printing one line per file: import status, publish, run outcome. For checking Kiln against real
// Dify exports that are not in this repository.
//
//   node scripts/check-dsl.mjs <folder> [--openai-models gpt-4o,gpt-3.5-turbo] [--providers all|siliconflow,ollama]
//
// With --openai-models, the workspace gets an "openai" provider on a fake OpenAI-compatible server
// (test/support/fake-openai.mjs) serving those model names, so exports that name OpenAI models run
// their model nodes; without it they meet the offline workspace (and say which models it lacks).
// With --providers, the workspace also adds those of Dify's providers (`all`: every one Kiln knows,
// GET model-providers/catalogue) by their Dify names, each on the fake server, which then serves
// any model name: so exports on SiliconFlow, Ollama, Tongyi… run their model nodes too. The
// built-in Tavily, Firecrawl and SearXNG tools are authorized there as well (the fake answers their APIs).
// A file input gets a sample file of a type it takes (a PDF, spreadsheet, CSV, HTML, Markdown or
// text document, a PNG image or a WAV recording), uploaded through POST /v1/files/upload.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FAKE_MODELS, startFakeOpenAI } from "../test/support/fake-openai.mjs";
import { startPlatform } from "./lib/platform.mjs";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "openai-models": { type: "string" }, providers: { type: "string" }, port: { type: "string" } } });
const dir = positionals[0];
if (!dir) {
  console.error("usage: node scripts/check-dsl.mjs <folder> [--openai-models a,b]");
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
const openaiModels = (values["openai-models"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const providerNames = (values.providers ?? "").split(",").map((s) => s.trim()).filter(Boolean);

const FIXTURES = new URL("../test/fixtures/knowledge/", import.meta.url);
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** A tenth of a second of 8 kHz silence, as WAV. */
function silentWav() {
  const samples = 800;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(samples * 2, 40);
  return wav;
}
/** Sample files, the first a field takes wins. */
const SAMPLE_FILES = [
  { type: "document", name: "two-pages.pdf", mime: "application/pdf", bytes: () => readFileSync(new URL("two-pages.pdf", FIXTURES)) },
  { type: "document", name: "planets.xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: () => readFileSync(new URL("planets.xlsx", FIXTURES)) },
  { type: "document", name: "planets.csv", mime: "text/csv", bytes: () => readFileSync(new URL("planets.csv", FIXTURES)) },
  { type: "document", name: "gettysburg-address.html", mime: "text/html", bytes: () => readFileSync(new URL("gettysburg-address.html", FIXTURES)) },
  { type: "document", name: "moby-dick-loomings.md", mime: "text/markdown", bytes: () => readFileSync(new URL("moby-dick-loomings.md", FIXTURES)) },
  { type: "document", name: "note.txt", mime: "text/plain", bytes: () => Buffer.from("hello world") },
  { type: "image", name: "pixel.png", mime: "image/png", bytes: () => PNG },
  { type: "audio", name: "silence.wav", mime: "audio/wav", bytes: silentWav },
];

/** The sample file a file input takes: by its allowed types, or by its allowed extensions for "custom". */
function sampleFileFor(field) {
  const methods = field.allowed_file_upload_methods ?? [];
  if (methods.length && !methods.includes("local_file")) return undefined;
  const types = field.allowed_file_types?.length ? field.allowed_file_types : ["document", "image", "audio"];
  const extensions = (field.allowed_file_extensions ?? []).map((e) => String(e).toLowerCase().replace(/^\.?/, "."));
  return (
    SAMPLE_FILES.find((f) => types.includes(f.type)) ??
    SAMPLE_FILES.find((f) => types.includes("custom") && extensions.includes(`.${f.name.split(".").pop()}`))
  );
}

/** A value for a start-form field that passes its checks; undefined for file inputs. */
function sampleInput(field) {
  switch (field.type) {
    case "number":
      return 3;
    case "select":
      return (field.options ?? []).find((o) => String(o) !== "") ?? "a";
    case "file":
    case "file-list":
      return undefined;
    case "checkbox":
      return true;
    case "json_object":
      return {};
    default:
      return "hello world";
  }
}

const state = mkdtempSync(join(tmpdir(), "kiln-check-dsl-"));
for (const m of openaiModels) if (!FAKE_MODELS.includes(m)) FAKE_MODELS.push(m);
const fake = openaiModels.length || providerNames.length ? await startFakeOpenAI({ anyModel: providerNames.length > 0 }) : null;
const kiln = await startPlatform({
  port: Number(values.port ?? 8799),
  persistDir: join(state, "kiln"),
  vars: {
    APP_SECRET: "check-dsl-secret-check-dsl-secret-000000",
    SSRF_ALLOW_HOSTS: "127.0.0.1",
    PROVIDER_TIMEOUT_MS: "10000",
    ...(fake ? { TAVILY_API_URL: `${new URL(fake.url).origin}/tavily` } : {}),
  },
  quiet: true,
  logLevel: "error",
});
const counts = { files: files.length, imported: 0, published: 0, ran: 0 };
try {
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const session = { authorization: `Bearer ${login.data.access_token}`, "content-type": "application/json" };
  const call = async (method, path, body, headers = session) => {
    const res = await fetch(`${kiln.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // an SSE body (agent apps answer in streaming mode only)
    }
    return { status: res.status, body: parsed };
  };
  if (providerNames.length) {
    const catalogue = (await call("GET", "/console/api/workspaces/current/model-providers/catalogue")).body.data;
    const names = providerNames.includes("all") ? catalogue.map((p) => p.provider) : providerNames;
    for (const name of names) {
      const models = [{ model: "fake-chat", model_type: "llm" }];
      const r = await call("POST", `/console/api/workspaces/current/model-providers/${name}/credentials`, { api_key: "sk-test-check-dsl", base_url: fake.url, models });
      if (r.status !== 200) throw new Error(`adding ${name} on the fake server failed: ${r.status} ${JSON.stringify(r.body)}`);
    }
    // Built-in tools that need a key (Tavily, Firecrawl) or an instance (SearXNG) get one on the fake server too.
    const tools = {
      tavily: { tavily_api_key: "sk-test-check-dsl" },
      firecrawl: { firecrawl_api_key: "sk-test-check-dsl", base_url: `${new URL(fake.url).origin}/firecrawl` },
      searxng: { searxng_base_url: `${new URL(fake.url).origin}/searxng/check/` },
    };
    for (const [name, credentials] of Object.entries(tools)) {
      const r = await call("POST", `/console/api/workspaces/current/tool-provider/builtin/${name}/update`, { credentials });
      if (r.status !== 200) throw new Error(`authorizing ${name} on the fake server failed: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  if (openaiModels.length) {
    const models = openaiModels.map((model) => ({ model, model_type: /^tts-/.test(model) ? "tts" : /^whisper-/.test(model) ? "speech2text" : "llm" }));
    const r = await call("POST", "/console/api/workspaces/current/model-providers/openai/credentials", { api_key: "sk-test-check-dsl", base_url: fake.url, models });
    if (r.status !== 200) throw new Error(`setting up the fake OpenAI provider failed: ${r.status} ${JSON.stringify(r.body)}`);
  }

  for (const file of files) {
    const label = file.length > 40 ? `${file.slice(0, 39)}…` : file.padEnd(40);
    let imported = await call("POST", "/console/api/apps/imports", { mode: "yaml-content", yaml_content: readFileSync(join(dir, file), "utf8") });
    if (imported.body?.status === "pending") imported = await call("POST", `/console/api/apps/imports/${imported.body.id}/confirm`);
    const { app_id: appId, app_mode: mode } = imported.body ?? {};
    if (!appId) {
      console.log(`${label} IMPORT FAILED: ${imported.body?.error ?? JSON.stringify(imported.body)}`);
      continue;
    }
    counts.imported++;
    const warnings = (imported.body.warnings ?? []).filter((w) => !/older than/.test(w));
    const workflow = mode === "workflow" || mode === "advanced-chat";
    const published = await call("POST", workflow ? `/console/api/apps/${appId}/workflows/publish` : `/console/api/apps/${appId}/publish`, {});
    if (published.status >= 300) {
      console.log(`${label} ${mode} PUBLISH REFUSED: ${published.body?.message ?? JSON.stringify(published.body)}`);
      continue;
    }
    counts.published++;
    const key = (await call("POST", `/console/api/apps/${appId}/api-keys`)).body.token;
    const app = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const params = (await call("GET", "/v1/parameters", undefined, app)).body;
    const inputs = {};
    for (const item of params.user_input_form ?? []) {
      const field = Object.values(item)[0];
      if (field.type === "file" || field.type === "file-list") {
        const sample = sampleFileFor(field);
        if (!sample) continue;
        const form = new FormData();
        form.append("file", new Blob([sample.bytes()], { type: sample.mime }), sample.name);
        form.append("user", "check-dsl");
        const uploaded = await fetch(`${kiln.url}/v1/files/upload`, { method: "POST", headers: { authorization: app.authorization }, body: form });
        if (!uploaded.ok) continue;
        const file = { type: sample.type, transfer_method: "local_file", upload_file_id: (await uploaded.json()).id };
        inputs[field.variable] = field.type === "file" ? file : [file];
        continue;
      }
      const value = sampleInput(field);
      if (value !== undefined) inputs[field.variable] = value;
    }
    const path = mode === "workflow" ? "/v1/workflows/run" : mode === "completion" ? "/v1/completion-messages" : "/v1/chat-messages";
    const chatLike = mode !== "workflow" && mode !== "completion";
    const run = await call("POST", path, { inputs, user: "check-dsl", response_mode: mode === "agent-chat" ? "streaming" : "blocking", ...(chatLike ? { query: "hello world" } : {}) }, app);
    let outcome;
    if (typeof run.body === "string") {
      const error = run.body.split("\n\n").find((f) => f.includes('"event": "error"'));
      outcome = error ? `stream error: ${error.slice(6, 300)}` : "streamed ok";
    } else if (mode === "workflow") {
      outcome = run.status === 200 ? `run ${run.body.data?.status}${run.body.data?.error ? `: ${run.body.data.error}` : ""}` : `${run.status} ${run.body?.code}: ${run.body?.message}`;
    } else {
      outcome = run.status === 200 ? `answered (${String(run.body.answer ?? "").length} chars)` : `${run.status} ${run.body?.code}: ${run.body?.message}`;
    }
    if (run.status === 200 && !/failed|error/.test(outcome)) counts.ran++;
    console.log(`${label} ${mode} ${outcome.slice(0, 240)}${warnings.length ? ` | warnings: ${warnings.join(" / ").slice(0, 200)}` : ""}`);
  }
  console.log(JSON.stringify(counts));
} finally {
  await kiln.stop();
  await fake?.close();
  rmSync(state, { recursive: true, force: true });
}
