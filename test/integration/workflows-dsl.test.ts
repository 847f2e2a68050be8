/// <reference types="vite/client" />
// Workflow and chatflow apps as Dify DSL, through the console API: each of Dify's own exports
// imports (nothing dropped), validates, exports and re-imports to the same graph; bad files fail
// with every problem named and nothing created.
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { callJson, newWorkspaceOwner } from "../support/console";

const FIXTURES = import.meta.glob<string>("../fixtures/dify-dsl/*.yml", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/dify-dsl/${name}`];
const WORKFLOW_FIXTURES = Object.keys(FIXTURES)
  .map((path) => path.split("/").at(-1)!)
  .filter((name) => name !== "recommended_app__sql-creator-completion.yml");

let token = "";
const importYaml = (yaml_content: string, extra: Record<string, unknown> = {}) =>
  callJson("POST", "/console/api/apps/imports", { token, body: { mode: "yaml-content", yaml_content, ...extra } });
const draftOf = async (appId: string) => {
  const r = await callJson("GET", `/console/api/apps/${appId}/workflows/draft`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const appCount = async () => (await callJson("GET", "/console/api/apps?limit=100", { token })).body.total;

beforeAll(async () => {
  ({ token } = await newWorkspaceOwner());
});

describe("Dify's workflow and chatflow exports", () => {
  it("are all here (eleven of them)", () => {
    expect(WORKFLOW_FIXTURES).toHaveLength(11);
  });

  it.each(WORKFLOW_FIXTURES)("%s imports, validates, exports and re-imports to the same graph", async (name) => {
    const original = YAML.parse(fixture(name));
    const first = await importYaml(fixture(name));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: "completed-with-warnings", app_mode: original.app.mode });
    // The old DSL version is always one warning; models this workspace lacks are another (those
    // nodes fail until a provider is configured; publishing is allowed, as in Dify); every other
    // warning is a node Kiln would not run.
    const [versionWarning, ...warnings] = first.body.warnings as string[];
    expect(versionWarning).toMatch(/older than 0\.6\.0/);
    const modelWarnings = warnings.filter((w) => w.startsWith("Models not available in this workspace"));
    const graphWarnings = warnings.filter((w) => !modelWarnings.includes(w));
    const usedModels = original.workflow.graph.nodes
      .filter((n: any) => ["llm", "question-classifier", "parameter-extractor"].includes(n.data.type) && n.data.model?.name && n.data.model?.provider)
      .map((n: any) => `${String(n.data.model.provider).split("/").at(-1)}:${n.data.model.name}`);
    if (usedModels.length) {
      expect(modelWarnings).toHaveLength(1);
      for (const m of usedModels) expect(modelWarnings[0]).toContain(m);
    } else {
      expect(modelWarnings).toEqual([]);
    }

    const draft = await draftOf(first.body.app_id);
    // Nothing is dropped: every node (notes included) and edge of the file is in the draft.
    expect(draft.graph.nodes.map((n: any) => [n.id, n.data.type])).toEqual(original.workflow.graph.nodes.map((n: any) => [n.id, n.data.type]));
    expect(draft.graph.edges.map((e: any) => [e.source, e.target, e.sourceHandle])).toEqual(
      original.workflow.graph.edges.map((e: any) => [e.source, e.target, e.sourceHandle]),
    );
    expect(draft.features).toEqual(original.workflow.features);

    // Publishing agrees with the import's warnings: refused naming each of them, or accepted.
    const publish = await callJson("POST", `/console/api/apps/${first.body.app_id}/workflows/publish`, { token, body: {} });
    if (graphWarnings.length === 0) {
      expect(publish.status, JSON.stringify(publish.body)).toBe(200);
    } else {
      expect(publish.status).toBe(400);
      for (const w of graphWarnings) expect(publish.body.message).toContain(w.replace(/^.*?: /, ""));
    }

    const exported = await callJson("GET", `/console/api/apps/${first.body.app_id}/export`, { token });
    expect(exported.status).toBe(200);
    const dsl = YAML.parse(exported.body.data);
    expect(dsl).toMatchObject({ version: "0.6.0", kind: "app", app: { mode: original.app.mode }, dependencies: [] });
    const second = await importYaml(exported.body.data);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.warnings).toEqual(warnings);
    const again = await draftOf(second.body.app_id);
    expect(again.graph).toEqual(draft.graph);
    expect(again.features).toEqual(draft.features);
    expect(again.hash).toBe(draft.hash);
  });
});

describe("hand-edited and older exports", () => {
  it("takes quoted numbers and booleans, and numeric select options, as Dify's pydantic does", async () => {
    const yaml = `version: "0.3.0"
kind: app
app: { name: Lax export, mode: workflow }
workflow:
  graph:
    edges:
      - { id: e1, source: start, target: tpl, sourceHandle: source, targetHandle: target }
      - { id: e2, source: tpl, target: end, sourceHandle: source, targetHandle: target }
    nodes:
      - id: start
        data:
          type: start
          title: Start
          variables:
            - { variable: size, label: Size, type: select, required: true, options: [10, 20, "30"] }
      - id: tpl
        data:
          type: template-transform
          title: Size
          template: "size {{ size }}"
          variables: [{ variable: size, value_selector: [start, size] }]
          retry_config: { retry_enabled: "true", max_retries: "2", retry_interval: "100" }
      - id: end
        data: { type: end, title: End, outputs: [{ variable: out, value_selector: [tpl, output] }] }
`;
    const imported = await importYaml(yaml);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.warnings.filter((w: string) => !/older than/.test(w))).toEqual([]);
    const published = await callJson("POST", `/console/api/apps/${imported.body.app_id}/workflows/publish`, { token, body: {} });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const key = (await callJson("POST", `/console/api/apps/${imported.body.app_id}/api-keys`, { token })).body.token;
    const run = await callJson("POST", "/v1/workflows/run", { token: key, body: { inputs: { size: "20" }, response_mode: "blocking", user: "u" } });
    expect(run.body.data).toMatchObject({ status: "succeeded", outputs: { out: "size 20" } });
  });
});

describe("Dify node types Kiln does not run", () => {
  it("keeps them through import and export with a warning each, and refuses to publish them", async () => {
    const dsl = YAML.parse(fixture("simple_passthrough_workflow.yml"));
    dsl.workflow.graph.nodes.push(
      { id: "kr2", type: "custom", data: { type: "knowledge-retrieval-v2", title: "Knowledge Retrieval v2", top_n: 5, query_variable_selector: ["sys", "query"] } },
      { id: "ask", type: "custom", data: { type: "datasource", title: "A data source" } },
    );
    const r = await importYaml(YAML.stringify(dsl));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("completed-with-warnings");
    expect(r.body.warnings).toEqual(
      expect.arrayContaining(['Node kr2 (type): Kiln cannot run "knowledge-retrieval-v2" nodes', 'Node ask (type): Kiln cannot run "datasource" nodes']),
    );
    const draft = await draftOf(r.body.app_id);
    expect(draft.graph.nodes.find((n: any) => n.id === "kr2").data).toMatchObject({ type: "knowledge-retrieval-v2", top_n: 5 });
    const publish = await callJson("POST", `/console/api/apps/${r.body.app_id}/workflows/publish`, { token, body: {} });
    expect(publish.status).toBe(400);
    expect(publish.body.message).toContain('Kiln cannot run "knowledge-retrieval-v2" nodes');
    const exported = await callJson("GET", `/console/api/apps/${r.body.app_id}/export`, { token });
    const again = await importYaml(exported.body.data);
    expect(again.status).toBe(200);
    expect((await draftOf(again.body.app_id)).graph).toEqual(draft.graph);
  });
});

describe("tools a workflow names", () => {
  it("warns of the tools this workspace lacks (a Dify plugin Kiln does not have), keeps the node, and still publishes, as Dify does", async () => {
    const dsl = YAML.parse(fixture("simple_passthrough_workflow.yml"));
    const [start, end] = dsl.workflow.graph.nodes;
    const tool = (id: string, title: string, provider: string, name: string) => ({
      id,
      type: "custom",
      data: { type: "tool", title, provider_type: "builtin", provider_id: provider, provider_name: provider, tool_name: name, tool_parameters: {}, tool_configurations: {} },
    });
    dsl.workflow.graph.nodes = [
      start,
      tool("search", "Perplexity Search", "langgenius/perplexity/perplexity", "perplexity"),
      tool("search2", "Search again", "langgenius/perplexity/perplexity", "perplexity"),
      tool("now", "Now", "langgenius/time/time", "current_time"),
      end,
    ];
    dsl.workflow.graph.edges = [
      { id: "a", source: start.id, target: "search", sourceHandle: "source", targetHandle: "target" },
      { id: "b", source: "search", target: "search2", sourceHandle: "source", targetHandle: "target" },
      { id: "c", source: "search2", target: "now", sourceHandle: "source", targetHandle: "target" },
      { id: "d", source: "now", target: end.id, sourceHandle: "source", targetHandle: "target" },
    ];
    const r = await importYaml(YAML.stringify(dsl));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.warnings.filter((w: string) => w.startsWith("Tools"))).toEqual([
      "Tools not available in this workspace: langgenius/perplexity/perplexity/perplexity (Perplexity Search, Search again: not_found). Add their provider in Tools, or pick another tool in those nodes",
    ]);
    const draft = await draftOf(r.body.app_id);
    expect(draft.graph.nodes.map((n: any) => n.id)).toContain("search");
    const publish = await callJson("POST", `/console/api/apps/${r.body.app_id}/workflows/publish`, { token, body: {} });
    expect(publish.status, JSON.stringify(publish.body)).toBe(200);
  });
});

describe("plugin dependencies", () => {
  const dep = (id: string, version = "0.0.9") => ({
    current_identifier: null,
    type: "marketplace",
    value: { marketplace_plugin_unique_identifier: `${id}:${version}@${"a".repeat(64)}` },
  });
  const exportOf = async (appId: string) => YAML.parse((await callJson("GET", `/console/api/apps/${appId}/export`, { token })).body.data);

  it("keeps the plugins an import lists while the app uses them, through export, copy and overwrite, so Dify offers to install them", async () => {
    const dsl = YAML.parse(fixture("simple_passthrough_workflow.yml"));
    const [start, end] = dsl.workflow.graph.nodes;
    dsl.workflow.graph.nodes = [
      start,
      { id: "md", type: "custom", data: { type: "tool", title: "To Word", provider_type: "builtin", provider_id: "bowenliang123/md_exporter/md_exporter", tool_name: "md_to_md", tool_parameters: {}, tool_configurations: {} } },
      { id: "now", type: "custom", data: { type: "tool", title: "Now", provider_type: "builtin", provider_id: "time", tool_name: "current_time", tool_parameters: {}, tool_configurations: {} } },
      end,
    ];
    dsl.workflow.graph.edges = [
      { id: "a", source: start.id, target: "md", sourceHandle: "source", targetHandle: "target" },
      { id: "b", source: "md", target: "now", sourceHandle: "source", targetHandle: "target" },
      { id: "c", source: "now", target: end.id, sourceHandle: "source", targetHandle: "target" },
    ];
    // The time tool is named the old way ("time"): its plugin is langgenius/time. SiliconFlow is
    // listed but no node uses it; the last two entries are not dependencies at all.
    dsl.dependencies = [dep("bowenliang123/md_exporter", "1.2.0"), dep("langgenius/time"), dep("langgenius/siliconflow"), { type: "marketplace", value: {} }, "junk"];
    const r = await importYaml(YAML.stringify(dsl));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const appId = r.body.app_id;
    expect((await exportOf(appId)).dependencies).toEqual([dep("bowenliang123/md_exporter", "1.2.0"), dep("langgenius/time")]);

    const copy = await callJson("POST", `/console/api/apps/${appId}/copy`, { token, body: { name: "With plugins" } });
    expect(copy.status, JSON.stringify(copy.body)).toBeLessThan(300);
    expect((await exportOf(copy.body.id)).dependencies).toEqual([dep("bowenliang123/md_exporter", "1.2.0"), dep("langgenius/time")]);

    // Deleting the Markdown Exporter node in Kiln drops its plugin from the export.
    const draft = await draftOf(appId);
    const graph = {
      ...draft.graph,
      nodes: draft.graph.nodes.filter((n: any) => n.id !== "md"),
      edges: [...draft.graph.edges.filter((e: any) => e.source !== start.id && e.target !== "md" && e.source !== "md"), { id: "a2", source: start.id, target: "now", sourceHandle: "source", targetHandle: "target" }],
    };
    const saved = await callJson("POST", `/console/api/apps/${appId}/workflows/draft`, {
      token,
      body: { graph, features: draft.features, environment_variables: [], conversation_variables: [], hash: draft.hash },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await exportOf(appId)).dependencies).toEqual([dep("langgenius/time")]);

    // Overwriting the app with a file that lists none leaves none.
    const over = await importYaml(fixture("simple_passthrough_workflow.yml"), { app_id: appId });
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect((await exportOf(appId)).dependencies).toEqual([]);
  });

  it("keeps an easy-UI app's model provider plugin", async () => {
    const dsl = YAML.parse(fixture("recommended_app__sql-creator-completion.yml"));
    dsl.dependencies = [dep(`langgenius/${String(dsl.model_config.model.provider).split("/").at(-1)}`), dep("langgenius/tongyi")];
    const r = await importYaml(YAML.stringify(dsl));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await exportOf(r.body.app_id)).dependencies).toEqual([dsl.dependencies[0]]);
  });
});

describe("bad workflow files", () => {
  const simple = () => YAML.parse(fixture("simple_passthrough_workflow.yml"));

  it("fails a file with node types that are not Dify's, naming every one, and creates nothing", async () => {
    const before = await appCount();
    const dsl = simple();
    dsl.workflow.graph.nodes.push({ id: "x1", type: "custom", data: { type: "teleport", title: "Beam" } });
    dsl.workflow.graph.nodes.push({ id: "x2", type: "custom", data: { type: "time-machine", title: "Back" } });
    const r = await importYaml(YAML.stringify(dsl));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: "failed", app_id: null });
    expect(r.body.error).toBe("Unknown node types, not part of a Dify workflow: x1 (teleport), x2 (time-machine)");
    expect(await appCount()).toBe(before);
  });

  it("fails a workflow without a graph, and a graph whose nodes are not nodes, listing each fault", async () => {
    const noGraph = simple();
    delete noGraph.workflow.graph;
    expect((await importYaml(YAML.stringify(noGraph))).body.error).toBe("Missing workflow.graph in YAML content");
    const broken = simple();
    broken.workflow.graph.nodes = [{ data: { type: "start" } }, { id: "", data: { type: "end" } }];
    const r = await importYaml(YAML.stringify(broken));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^Invalid workflow: workflow\.graph\.nodes\.0\.id: .*; workflow\.graph\.nodes\.1\.id: /);
  });

  it("fails text that is not YAML, and YAML that is not a Dify app", async () => {
    expect((await importYaml("app: [unclosed")).body.error).toMatch(/^Invalid YAML format/);
    expect((await importYaml("just: a mapping\n")).body.error).toBe("Missing app data in YAML content");
  });

  it("fails a workflow file missing its workflow section", async () => {
    const r = await importYaml("version: 0.5.0\nkind: app\napp: {name: Empty, mode: workflow}\n");
    expect(r.body).toMatchObject({ status: "failed", error: "Missing workflow data for workflow app" });
  });
});

describe("secrets and overwrites", () => {
  const withSecret = () => {
    const dsl = YAML.parse(fixture("simple_passthrough_workflow.yml"));
    dsl.workflow.environment_variables = [
      { id: "e1", name: "API_KEY", value: "sk-very-secret-value-1234", value_type: "secret", description: "" },
      { id: "e2", name: "REGION", value: "eu", value_type: "string", description: "" },
    ];
    return YAML.stringify(dsl);
  };

  it("keeps secret environment values encrypted: masked in the draft, blank in exports unless include_secret", async () => {
    const r = await importYaml(withSecret());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const draft = await draftOf(r.body.app_id);
    const secret = draft.environment_variables.find((v: any) => v.name === "API_KEY");
    expect(secret.value).not.toContain("very-secret");
    expect(secret.value).toMatch(/^sk-\*+1234$/);
    expect(draft.environment_variables.find((v: any) => v.name === "REGION").value).toBe("eu");

    const plain = YAML.parse((await callJson("GET", `/console/api/apps/${r.body.app_id}/export`, { token })).body.data);
    expect(plain.workflow.environment_variables.map((v: any) => v.value)).toEqual(["", "eu"]);
    const full = YAML.parse((await callJson("GET", `/console/api/apps/${r.body.app_id}/export?include_secret=true`, { token })).body.data);
    expect(full.workflow.environment_variables[0].value).toBe("sk-very-secret-value-1234");

    // Saving the draft back with the masked value keeps the secret as it was.
    const sync = await callJson("POST", `/console/api/apps/${r.body.app_id}/workflows/draft`, {
      token,
      body: { graph: draft.graph, features: draft.features, hash: draft.hash, environment_variables: draft.environment_variables, conversation_variables: [] },
    });
    expect(sync.status, JSON.stringify(sync.body)).toBe(200);
    const kept = YAML.parse((await callJson("GET", `/console/api/apps/${r.body.app_id}/export?include_secret=true`, { token })).body.data);
    expect(kept.workflow.environment_variables[0].value).toBe("sk-very-secret-value-1234");
  });

  it("overwrites a workflow app's draft with app_id, and refuses a file of the other mode", async () => {
    const target = await importYaml(fixture("simple_passthrough_workflow.yml"));
    const over = await importYaml(fixture("conditional_hello_branching_workflow.yml"), { app_id: target.body.app_id });
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect(over.body.app_id).toBe(target.body.app_id);
    const draft = await draftOf(target.body.app_id);
    expect(draft.graph.nodes.some((n: any) => n.data.type === "if-else")).toBe(true);
    const wrong = await importYaml(fixture("answer_end_with_text.yml"), { app_id: target.body.app_id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/holds a advanced-chat app/);
  });
});
