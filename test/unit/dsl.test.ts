/// <reference types="vite/client" />
// Reading Dify DSL files (real exports from Dify 1.11.2) and writing them back.
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import {
  CURRENT_DSL_VERSION,
  DSL_MAX_SIZE,
  dropForeignDatasets,
  kilnProviderName,
  parseDsl,
  rawGithubUrl,
  toDsl,
  versionStatus,
} from "../../src/apps/dsl";
import { formVariables } from "../../src/apps/model-config";
import { PYYAML_OPTIONS } from "../../src/apps/pyyaml";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/dify-dsl/${name}`];
const SQL_CREATOR = fixture("recommended_app__sql-creator-completion.yml");

function parsedDsl(content: string) {
  const r = parseDsl(content);
  if (!r.ok) throw new Error(`expected a parsed DSL, got: ${r.error}`);
  return r.dsl;
}

/** An easy-UI app's DSL, with its config. */
function parsedOk(content: string) {
  const dsl = parsedDsl(content);
  if (!dsl.config) throw new Error("expected an easy-UI config");
  return { ...dsl, config: dsl.config };
}

const minimal = (version: string | null) =>
  `${version === null ? "" : `version: ${version}\n`}kind: app
app: {name: Echo, mode: chat, icon: "🦊", icon_background: "#E4FBCC"}
model_config:
  model: {provider: offline, name: kiln-echo, mode: chat, completion_params: {}}
  pre_prompt: Hi
`;

describe("Dify's sql-creator completion app", () => {
  it("reads the app fields, with the default background for a null one", () => {
    const { app, version, status } = parsedOk(SQL_CREATOR);
    expect(app).toEqual({
      name: "SQL Creator",
      mode: "completion",
      description: "",
      icon_type: "emoji",
      icon: "🤖",
      icon_background: "#FFEAD5",
      dependencies: [],
    });
    // No `version` key: Dify's oldest DSL, which imports with a warning.
    expect(version).toBe("0.1.0");
    expect(status).toBe("completed-with-warnings");
  });

  it("keeps the form (a select and a paragraph), the prompt and the model parameters", () => {
    const { config } = parsedOk(SQL_CREATOR);
    expect(formVariables(config)).toEqual([
      expect.objectContaining({
        kind: "select",
        variable: "A",
        label: "Database Type",
        required: true,
        options: ["MySQL", "SQL Server", "PostgreSQL", "BigQuery", "Snowflake"],
      }),
      expect.objectContaining({ kind: "paragraph", variable: "default_input", label: "Input", required: true }),
    ]);
    expect(config.pre_prompt).toContain("target database {{A}} into target SQL statements.{{default_input}}");
    expect(config.prompt_type).toBe("simple");
    expect(config.model).toEqual({
      provider: "openai",
      name: "gpt-3.5-turbo",
      mode: "chat",
      completion_params: { frequency_penalty: 0, max_tokens: 512, presence_penalty: 0, stop: [], temperature: 0, top_p: 1 },
    });
  });

  it("keeps every Dify field it does not use itself", () => {
    const { config } = parsedOk(SQL_CREATOR);
    expect(config.agent_mode).toEqual({ enabled: false, max_iteration: 5, strategy: "function_call", tools: [] });
    expect(config.file_upload).toEqual({
      image: { detail: "high", enabled: false, number_limits: 3, transfer_methods: ["remote_url", "local_file"] },
    });
    expect(config.dataset_configs).toEqual({ datasets: { datasets: [] }, retrieval_model: "single" });
    expect(config.sensitive_word_avoidance).toEqual({ configs: [], enabled: false, type: "" });
    expect(config.dataset_query_variable).toBe("");
    // Kiln's own field gets its default.
    expect(config.memory).toEqual({ window: { enabled: true, size: 10 } });
  });

  it("writes it back as a DSL that reads to the same app and config", () => {
    const first = parsedOk(SQL_CREATOR);
    const app = {
      name: first.app.name,
      mode: first.app.mode,
      description: first.app.description ?? "",
      iconType: "emoji" as const,
      icon: first.app.icon ?? "",
      iconBackground: first.app.icon_background ?? "",
    };
    const text = toDsl(app, first.config);
    const again = parsedOk(text);
    expect(again.version).toBe(CURRENT_DSL_VERSION);
    expect(again.status).toBe("completed");
    expect(again.app).toEqual(first.app);
    expect(again.config).toEqual(first.config);
  });
});

describe("the exported DSL", () => {
  const app = { name: "Bot", mode: "chat" as const, description: "d", iconType: "emoji" as const, icon: "🦊", iconBackground: "#E4FBCC" };

  it("has Dify's top level and every model_config field Dify's importer reads, plus Kiln's memory", () => {
    const data = YAML.parse(toDsl(app, parsedOk(minimal('"0.5.0"')).config));
    expect(Object.keys(data)).toEqual(["version", "kind", "app", "model_config", "dependencies"]);
    expect(data.version).toBe("0.6.0");
    expect(data.kind).toBe("app");
    expect(data.dependencies).toEqual([]);
    expect(data.app).toEqual({
      name: "Bot",
      mode: "chat",
      icon: "🦊",
      icon_background: "#E4FBCC",
      description: "d",
      use_icon_as_answer_icon: false,
      icon_type: "emoji",
    });
    for (const key of [
      "opening_statement",
      "suggested_questions",
      "suggested_questions_after_answer",
      "speech_to_text",
      "text_to_speech",
      "retriever_resource",
      "annotation_reply",
      "more_like_this",
      "sensitive_word_avoidance",
      "external_data_tools",
      "model",
      "user_input_form",
      "dataset_query_variable",
      "pre_prompt",
      "agent_mode",
      "prompt_type",
      "chat_prompt_config",
      "completion_prompt_config",
      "dataset_configs",
      "file_upload",
      "memory",
    ]) {
      expect(data.model_config, key).toHaveProperty(key);
    }
  });

  it("replaces an uploaded image icon by the default emoji, as Dify does", () => {
    const data = YAML.parse(toDsl({ ...app, iconType: "image", icon: "file-id" }, parsedOk(minimal(null)).config));
    expect(data.app).toMatchObject({ icon: "🤖", icon_background: "#FFEAD5", icon_type: "emoji" });
  });

  it("strips tool credential ids and quotes strings YAML 1.1 would read as booleans", () => {
    const config = parsedOk(minimal(null)).config;
    const text = toDsl(app, {
      ...config,
      pre_prompt: "yes",
      agent_mode: {
        enabled: true,
        max_iteration: 5,
        tools: [{ provider_type: "builtin", provider_id: "x", tool_name: "t", tool_parameters: {}, enabled: true, credential_id: "secret-cred" }],
      },
    });
    expect(text).not.toContain("secret-cred");
    expect(text).toContain('pre_prompt: "yes"');
  });
});

describe("DSL version policy", () => {
  it.each([
    [null, "0.1.0", "completed-with-warnings"],
    ['"0.1.5"', "0.1.5", "completed-with-warnings"],
    ["0.4.0", "0.4.0", "completed-with-warnings"],
    ["0.5.0", "0.5.0", "completed-with-warnings"],
    ["0.6.0", "0.6.0", "completed"],
    ['"0.7.0"', "0.7.0", "pending"],
    ["1.0.0", "1.0.0", "pending"],
  ])("version %s reads as %s and imports %s", (written, version, status) => {
    const dsl = parsedOk(minimal(written));
    expect(dsl.version).toBe(version);
    expect(dsl.status).toBe(status);
    expect(dsl.warnings.length > 0).toBe(status === "completed-with-warnings");
  });

  it("fails on a version YAML reads as a number (an unquoted 0.3)", () => {
    const r = parseDsl(minimal("0.3"));
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toMatch(/Invalid version type/);
  });

  it("fails on a version that is not a version", () => {
    expect(parseDsl(minimal('"latest"'))).toMatchObject({ ok: false, error: 'Invalid version "latest"' });
  });

  it("compares like Dify's packaging: any newer patch is pending, a pre-release sorts before its release", () => {
    expect(versionStatus("0.6.0rc1")).toBe("completed");
    expect(versionStatus("0.7.0b2")).toBe("pending");
    expect(versionStatus("0.6")).toBe("completed");
    expect(versionStatus("0.6.1")).toBe("pending");
    expect(versionStatus("nonsense")).toBe("failed");
  });
});

describe("DSL files Kiln refuses", () => {
  it.each([
    ["a list", "- app: {}\n", "content must be a mapping"],
    ["a scalar", "just words\n", "content must be a mapping"],
    ["empty", "", "content must be a mapping"],
    ["broken YAML", "app: [\n", "Invalid YAML format"],
    ["no app", "version: 0.5.0\nmodel_config: {}\n", "Missing app data"],
    ["no mode", "app: {name: x}\nmodel_config: {}\n", "Missing app mode"],
    ["an unknown mode", "app: {name: x, mode: robot}\nmodel_config: {}\n", 'Invalid app mode "robot"'],
    ["no model_config", "app: {name: x, mode: chat}\n", "Missing model_config for chat app"],
    ["a bad form", "app: {name: x, mode: chat}\nmodel_config: {user_input_form: [{file: {variable: f}}]}\n", "model_config.user_input_form.0"],
  ])("refuses %s", (_, content, error) => {
    const r = parseDsl(content);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(error);
  });

  it("refuses a file over 10 MB", () => {
    const r = parseDsl(`${minimal(null)}# ${"x".repeat(DSL_MAX_SIZE)}\n`);
    expect(r).toMatchObject({ ok: false, error: "File size exceeds the limit of 10MB" });
  });

  const workflowFixtures = Object.keys(FIXTURES)
    .map((path) => path.split("/").at(-1)!)
    .filter((name) => name !== "recommended_app__sql-creator-completion.yml");

  it.each(workflowFixtures)("reads %s as a workflow of its mode, every node kept", (name) => {
    const raw = YAML.parse(fixture(name));
    expect(["workflow", "advanced-chat"]).toContain(raw.app.mode);
    const dsl = parsedDsl(fixture(name));
    expect(dsl.app.mode).toBe(raw.app.mode);
    expect(dsl.config).toBeUndefined();
    expect(dsl.workflow?.graph.nodes.map((n) => n.id)).toEqual(raw.workflow.graph.nodes.map((n: { id: string }) => n.id));
    expect(dsl.workflow?.graph.edges).toHaveLength(raw.workflow.graph.edges.length);
  });

  it("reads an agent-chat app with its agent_mode tools", () => {
    const r = parseDsl(
      minimal("0.5.0")
        .replace("mode: chat", "mode: agent-chat")
        .replace(
          "model_config:",
          "model_config:\n  agent_mode: {enabled: true, strategy: react, max_iteration: 3, tools: [{provider_type: builtin, provider_id: time, provider_name: time, tool_name: current_time, tool_label: Current Time, tool_parameters: {timezone: UTC}, enabled: true}]}",
        ),
    );
    expect(r.ok && r.dsl.app.mode).toBe("agent-chat");
    expect(r.ok && r.dsl.config?.agent_mode).toMatchObject({
      enabled: true,
      strategy: "react",
      max_iteration: 3,
      tools: [{ provider_id: "time", tool_name: "current_time", tool_parameters: { timezone: "UTC" } }],
    });
  });

  it("covers all eleven workflow and chatflow fixtures", () => {
    expect(workflowFixtures).toHaveLength(11);
  });
});

describe("conversion details", () => {
  it("names plugin-style providers by their provider part", () => {
    expect(kilnProviderName("langgenius/openai/openai")).toBe("openai");
    expect(kilnProviderName("langgenius/gemini/google")).toBe("google");
    expect(kilnProviderName("openai")).toBe("openai");
    const dsl = parsedOk(minimal(null).replace("provider: offline", "provider: langgenius/openai/openai"));
    expect(dsl.config.model.provider).toBe("openai");
  });

  it("applies the request's name, description and icon over the file's", () => {
    const r = parseDsl(minimal(null), { name: "Renamed", description: "New", icon: "🐙", icon_background: "#000000" });
    expect(r.ok && r.dsl.app).toMatchObject({ name: "Renamed", description: "New", icon: "🐙", icon_background: "#000000" });
  });

  it("fills fields Dify leaves null with Dify's defaults", () => {
    const dsl = parsedOk(`${minimal(null)}  pre_prompt_unused: null\n  agent_mode: null\n  retriever_resource: null\n`);
    expect(dsl.config.agent_mode).toEqual({ enabled: false, strategy: null, tools: [], prompt: null });
    expect(dsl.config.retriever_resource).toEqual({ enabled: true });
    expect(dsl.config).not.toHaveProperty("pre_prompt_unused");
  });

  it("drops datasets that are not the workspace's", () => {
    const config = parsedOk(
      `${minimal(null)}  dataset_configs:\n    retrieval_model: multiple\n    datasets:\n      datasets:\n      - dataset: {enabled: true, id: mine}\n      - dataset: {enabled: true, id: theirs}\n`,
    ).config;
    const kept = dropForeignDatasets(config, new Set(["mine"]));
    expect(kept.dataset_configs).toEqual({ retrieval_model: "multiple", datasets: { datasets: [{ dataset: { enabled: true, id: "mine" } }] } });
  });

  it("rewrites GitHub blob URLs of YAML files to raw URLs", () => {
    expect(rawGithubUrl("https://github.com/langgenius/dify/blob/main/api/tests/fixtures/workflow/basic_chatflow.yml")).toBe(
      "https://raw.githubusercontent.com/langgenius/dify/main/api/tests/fixtures/workflow/basic_chatflow.yml",
    );
    expect(rawGithubUrl("https://github.com/org/repo/blob/main/README.md")).toBe("https://github.com/org/repo/blob/main/README.md");
    expect(rawGithubUrl("https://example.com/a/blob/b.yml")).toBe("https://example.com/a/blob/b.yml");
  });
});

describe("reading YAML as PyYAML does", () => {
  it("keeps y, n, e1 and 1e3 as strings, and reads PyYAML's booleans and dotted floats", () => {
    const data = YAML.parse("position: {x: 1, y: 2}\nn: n\nid: e1\nbig: 1e3\nok: yes\nsw: Off\nt: 0.7\nexp: 1.0e+3\n", PYYAML_OPTIONS);
    expect(data).toEqual({ position: { x: 1, y: 2 }, n: "n", id: "e1", big: "1e3", ok: true, sw: false, t: 0.7, exp: 1000 });
  });
  it("keeps integers with a leading zero as strings, as PyYAML does, and reads its octal, hex and base-60 integers", () => {
    // A select's options in a real export (dify-for-dsl's stock analysis app): unquoted stock codes.
    const data = YAML.parse(
      "options: ['', 000568, '002657', 01880, 08257, 09, 0]\nn: [12, -3, +4, 1_000, 0017, 00, 0x1F, 0b101]\nt: [08:00, 00:30, 1:30, 190:20:30, -1:00]\n",
      PYYAML_OPTIONS,
    );
    expect(data).toEqual({
      options: ["", "000568", "002657", "01880", "08257", "09", 0],
      n: [12, -3, 4, 1000, 15, 0, 31, 5],
      t: ["08:00", "00:30", 90, 685230, -60],
    });
  });
});
