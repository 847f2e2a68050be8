// The model-backed workflow nodes (llm, question-classifier, parameter-extractor) run directly
// with a real tenant context: on the offline model, and on the fake OpenAI server.
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/apps/apps";
import { uploadFile } from "../../src/apps/upload-files";
import { errorTypeOf, type KilnError } from "../../src/lib/errors";
import { llmNode } from "../../src/workflow/nodes/llm";
import { parameterExtractorNode } from "../../src/workflow/nodes/parameter-extractor";
import { questionClassifierNode } from "../../src/workflow/nodes/question-classifier";
import type { NodeChunk, NodeResult, WorkflowNode } from "../../src/workflow/nodes/types";
import { VariablePool } from "../../src/workflow/variables";
import { addFakeProvider, fakeRequests, newOwner, type Owner, scriptFake, v1 } from "../support/apps";
import { newServiceApp } from "../support/apps";

// A 1×1 transparent PNG.
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

const OFFLINE = { provider: "offline", name: "kiln-echo", mode: "chat", completion_params: {} };

interface Harness {
  owner: Owner;
  appId: string;
  pool: VariablePool;
  chunks: NodeChunk[];
  run(node: WorkflowNode, data: Record<string, unknown>, options?: { signal?: AbortSignal; conversationId?: string | null; appId?: string }): Promise<NodeResult>;
}

async function harness(owner?: Owner): Promise<Harness> {
  const o = owner ?? (await newOwner());
  const app = await createApp(o.wctx, { name: "Workflow node test", mode: "chat" });
  const pool = new VariablePool();
  const chunks: NodeChunk[] = [];
  return {
    owner: o,
    appId: app.id,
    pool,
    chunks,
    run(node, data, options = {}) {
      const parsed = node.schema.parse(data);
      return node.run(
        {
          tctx: o.wctx,
          node: { id: "node_1", data: { type: node.type, title: node.type, ...data } },
          pool,
          signal: options.signal ?? new AbortController().signal,
          emit: (chunk) => chunks.push(chunk),
          run: { appId: options.appId ?? app.id, workflowId: "wf_1", runId: "run_1", userId: "user_1", conversationId: options.conversationId ?? null },
        },
        parsed,
      );
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<KilnError> {
  try {
    await promise;
  } catch (err) {
    return err as KilnError;
  }
  throw new Error("expected the node to fail");
}

describe("llm node", () => {
  it("renders the prompt from the pool and streams the offline model's answer", async () => {
    const h = await harness();
    h.pool.set("start", "query", "What is Kiln?");
    const result = await h.run(llmNode, {
      model: OFFLINE,
      prompt_template: [
        { role: "system", text: "You are helpful." },
        { role: "user", text: "Question: {{#start.query#}}" },
      ],
    });
    expect(result.outputs.text).toContain('You said: "Question: What is Kiln?"');
    expect(h.chunks.length).toBeGreaterThan(1);
    expect(h.chunks.map((c) => c.text).join("")).toBe(result.outputs.text);
    expect(h.chunks.every((c) => c.selector.join(".") === "node_1.text")).toBe(true);
    expect(result.outputs.finish_reason).toBe("stop");
    const usage = result.outputs.usage as Record<string, unknown>;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe((usage.prompt_tokens as number) + (usage.completion_tokens as number));
    expect(usage.total_price).toBe("0");
    expect(usage.currency).toBe("USD");
    expect(typeof usage.latency).toBe("number");
    expect(result.usage?.totalTokens).toBe(usage.total_tokens);
    expect(result.processData?.prompts).toContainEqual({ role: "user", text: "Question: What is Kiln?" });
  });

  it("inserts the knowledge context and renders Jinja2 prompts", async () => {
    const h = await harness();
    h.pool.set("kr", "result", [{ content: "Kiln runs on Workers." }, { content: "It speaks Dify {{#start.name#}}." }]);
    h.pool.set("start", "name", "Ada");
    const result = await h.run(llmNode, {
      model: OFFLINE,
      context: { enabled: true, variable_selector: ["kr", "result"] },
      prompt_config: { jinja2_variables: [{ variable: "name", value_selector: ["start", "name"] }] },
      prompt_template: [
        { role: "system", text: "Context: {{#context#}}" },
        { role: "user", text: "", edition_type: "jinja2", jinja2_text: "Hello {{ name | upper }}" },
      ],
    });
    const prompts = result.processData?.prompts as { role: string; text: string }[];
    // A template inside retrieved text stays text.
    expect(prompts[0].text).toBe("Context: Kiln runs on Workers.\nIt speaks Dify {{#start.name#}}.");
    expect(prompts[1].text).toBe("Hello ADA");
  });

  it("calls a configured provider with the completion params and prices the usage", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: "Paris is the capital." });
    const before = (await fakeRequests(apiKey)).length;
    h.pool.set("start", "q", "Capital of France?");
    const result = await h.run(llmNode, {
      model: { provider: `langgenius/${provider}/${provider}`, name: "gpt-4o-mini", mode: "chat", completion_params: { temperature: 0.2, max_tokens: 50 } },
      prompt_template: [{ role: "user", text: "{{#start.q#}}" }],
    });
    expect(result.outputs.text).toBe("Paris is the capital.");
    const sent = (await fakeRequests(apiKey)).slice(before);
    expect(sent.map((r) => r.path)).toEqual(["/v1/chat/completions"]);
    expect(sent[0].body.temperature).toBe(0.2);
    expect(sent[0].body.max_tokens).toBe(50);
    expect(sent[0].body.messages).toEqual([{ role: "user", content: "Capital of France?" }]);
    const usage = result.outputs.usage as Record<string, string | number>;
    expect(Number(usage.total_price)).toBeGreaterThan(0);
    // The usage block rounds prices to 7 decimals, as Dify shows them.
    expect(result.usage?.totalPrice).toBeCloseTo(Number(usage.total_price), 6);
  });

  it("resolves variable references in completion params, as Dify 1.14+ (a value that is no number leaves the provider's default)", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: "ok" });
    h.pool.set("start", "temp", "0.25");
    h.pool.set("start", "limit", 64);
    h.pool.set("start", "word", "warm");
    const before = (await fakeRequests(apiKey)).length;
    await h.run(llmNode, {
      model: {
        provider,
        name: "gpt-4o-mini",
        mode: "chat",
        completion_params: { temperature: "{{#start.temp#}}", max_tokens: " {{#start.limit#}} ", top_p: "{{#start.word#}}", presence_penalty: "{{#start.gone#}}" },
      },
      prompt_template: [{ role: "user", text: "hi" }],
    });
    const [sent] = (await fakeRequests(apiKey)).slice(before);
    expect(sent.body.temperature).toBe(0.25);
    expect(sent.body.max_tokens).toBe(64);
    expect(sent.body).not.toHaveProperty("top_p");
    expect(sent.body).not.toHaveProperty("presence_penalty");
  });

  it("includes the conversation's previous turns as memory", async () => {
    const owner = await newOwner();
    const { provider, apiKey } = await addFakeProvider(owner);
    const chat = await newServiceApp(owner, { config: { model: { provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} } } });
    await scriptFake(apiKey, { reply: "Nice to meet you, Ada." });
    const first = await v1(chat.key, "POST", "/chat-messages", { body: { inputs: {}, query: "My name is Ada.", user: "u1", response_mode: "blocking" } });
    expect(first.status).toBe(200);
    const h = await harness(owner);
    h.pool.set("sys", "query", "What is my name?");
    await scriptFake(apiKey, { reply: "Your name is Ada." });
    await h.run(
      llmNode,
      {
        model: { provider, name: "gpt-4o-mini", mode: "chat" },
        prompt_template: [{ role: "system", text: "Be brief." }],
        memory: { window: { enabled: true, size: 10 }, query_prompt_template: "{{#sys.query#}}" },
      },
      { appId: chat.appId, conversationId: first.body.conversation_id },
    );
    const sent = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").at(-1);
    expect(sent?.body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: "Nice to meet you, Ada." },
      { role: "user", content: "What is my name?" },
    ]);
  });

  it("runs without memory when there is no conversation", async () => {
    const h = await harness();
    h.pool.set("sys", "query", "Hi");
    const result = await h.run(llmNode, {
      model: OFFLINE,
      prompt_template: [{ role: "system", text: "Sys" }],
      memory: { window: { enabled: true, size: 5 }, query_prompt_template: "{{#sys.query#}}" },
    });
    expect(result.processData?.prompts).toHaveLength(2);
  });

  it("ends a node with memory on sys.query when it has no query template, and sends a system-only prompt as it is (as Dify)", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    h.pool.set("sys", "query", "Explain recursion");
    const model = { provider, name: "gpt-4o-mini", mode: "chat" };
    // As real Dify exports store it: memory with the window off and no query_prompt_template.
    await h.run(llmNode, {
      model,
      prompt_template: [{ role: "system", text: "Think step by step." }],
      memory: { role_prefix: { user: "", assistant: "" }, window: { enabled: false, size: 10 } },
    });
    await h.run(llmNode, { model, prompt_template: [{ role: "system", text: "Question: {{#sys.query#}}" }] });
    const sent = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").slice(-2);
    expect(sent.map((r) => r.body.messages)).toEqual([
      [
        { role: "system", content: "Think step by step." },
        { role: "user", content: "Explain recursion" },
      ],
      [{ role: "system", content: "Question: Explain recursion" }],
    ]);
    // The offline model answers a system-only prompt from it.
    const offline = await h.run(llmNode, { model: OFFLINE, prompt_template: [{ role: "system", text: "Summarise {{#sys.query#}}" }] });
    expect(offline.outputs.text).toContain("Summarise Explain recursion");
    // A null variable prints as nothing; one never set, as its selector (Dify's convert_template).
    h.pool.set("start", "nothing", null);
    const empty = await failure(h.run(llmNode, { model: OFFLINE, prompt_template: [{ role: "system", text: "{{#start.nothing#}}" }] }));
    expect(empty.message).toMatch(/prompt is empty/);
    const unset = await h.run(llmNode, { model: OFFLINE, prompt_template: [{ role: "system", text: "About {{#start.unset#}}" }] });
    expect(unset.outputs.text).toContain("About start.unset");
  });

  it("renders file variables as nothing in prompt text, as Dify does (Dify's default memory query names sys.files)", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    const endUser = { id: crypto.randomUUID(), sessionId: "s", type: "service_api" as const, isAnonymous: false };
    const notes = await uploadFile(h.owner.wctx, h.appId, endUser, new File(["plain notes"], "notes.txt"));
    // A text document: no text in the prompt, and no file part either (the provider takes PDFs, images and audio).
    const file = { dify_model_identity: "__dify__file__", type: "document", transfer_method: "local_file", related_id: notes.id, filename: "notes.txt" };
    h.pool.set("sys", "query", "Hi");
    h.pool.set("sys", "files", []);
    h.pool.set("userinput", "files", [file]);
    h.pool.set("start", "doc", file);
    h.pool.set("start", "meta", { type: "x", size: 3 });
    const model = { provider, name: "gpt-4o-mini", mode: "chat" };
    await h.run(llmNode, {
      model,
      prompt_template: [{ role: "system", text: "Doc:{{#start.doc#}} Meta:{{#start.meta#}}" }],
      memory: { window: { enabled: false, size: 10 }, query_prompt_template: "{{#sys.query#}}\n\n{{#sys.files#}}{{#userinput.files#}}" },
    });
    const [sent] = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").slice(-1);
    expect(sent.body.messages).toEqual([
      { role: "system", content: 'Doc: Meta:{"type": "x", "size": 3}' },
      { role: "user", content: "Hi\n\n" },
    ]);
  });

  it("returns structured output parsed from the model's JSON", async () => {
    const h = await harness();
    h.pool.set("start", "q", "Ada, 36");
    const result = await h.run(llmNode, {
      model: OFFLINE,
      prompt_template: [{ role: "user", text: "{{#start.q#}}" }],
      structured_output_enabled: true,
      structured_output: { schema: { type: "object", properties: { name: { type: "string" }, age: { type: "number" } } } },
    });
    expect(result.outputs.structured_output).toEqual({ name: "Ada, 36", age: 0 });
    expect(h.chunks).toHaveLength(0);
    // Dify's current switch is structured_output_switch_on; off, the node answers text only.
    const data = { model: OFFLINE, prompt_template: [{ role: "user", text: "{{#start.q#}}" }], structured_output: { schema: { type: "object", properties: { name: { type: "string" } } } } };
    expect((await h.run(llmNode, { ...data, structured_output_switch_on: true })).outputs.structured_output).toEqual({ name: "Ada, 36" });
    expect((await h.run(llmNode, { ...data, structured_output_switch_on: false })).outputs).not.toHaveProperty("structured_output");
  });

  it("sends the images and PDFs a prompt message references as file parts after its text, as Dify, vision or not", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    const endUser = { id: crypto.randomUUID(), sessionId: "s", type: "service_api" as const, isAnonymous: false };
    const png = Uint8Array.from(atob(PIXEL_PNG), (c) => c.charCodeAt(0));
    const image = await uploadFile(h.owner.wctx, h.appId, endUser, new File([png], "pixel.png"));
    const pdf = await uploadFile(h.owner.wctx, h.appId, endUser, new File(["%PDF-1.4 tiny"], "brief.pdf"));
    const ref = (id: string, type: string, filename: string) => ({ dify_model_identity: "__dify__file__", type, transfer_method: "local_file", related_id: id, filename });
    h.pool.set("start", "pics", [ref(image.id, "image", "pixel.png")]);
    h.pool.set("start", "brief", ref(pdf.id, "document", "brief.pdf"));
    await h.run(llmNode, {
      model: { provider, name: "gpt-4o-mini", mode: "chat" },
      prompt_template: [
        { role: "system", text: "Read {{#start.brief#}} carefully." },
        { role: "user", text: "What is in {{#start.pics#}}?" },
      ],
    });
    const [sent] = (await fakeRequests(apiKey)).filter((r) => r.path === "/v1/chat/completions").slice(-1);
    const messages = sent.body.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "user", "user"]);
    expect(messages[0].content).toBe("Read  carefully.");
    expect(JSON.stringify(messages[1].content)).toContain("data:application/pdf;base64,");
    expect(JSON.stringify(messages[1].content)).toContain("brief.pdf");
    expect(messages[2].content).toBe("What is in ?");
    expect(JSON.stringify(messages[3].content)).toContain("data:image/png;base64,");
  });

  it("attaches vision images from this workspace's uploads and refuses another workspace's", async () => {
    const h = await harness();
    const endUser = { id: crypto.randomUUID(), sessionId: "s", type: "service_api" as const, isAnonymous: false };
    const png = Uint8Array.from(atob(PIXEL_PNG), (c) => c.charCodeAt(0));
    const mine = await uploadFile(h.owner.wctx, h.appId, endUser, new File([png], "pixel.png"));
    h.pool.set("sys", "files", [{ type: "image", transfer_method: "local_file", related_id: mine.id }]);
    const data = { model: OFFLINE, prompt_template: [{ role: "user", text: "Describe it" }], vision: { enabled: true, configs: { variable_selector: ["sys", "files"] } } };
    const result = await h.run(llmNode, data);
    expect(result.processData?.prompts).toEqual([{ role: "user", text: "Describe it[image]" }]);
    const other = await harness();
    const theirs = await uploadFile(other.owner.wctx, other.appId, endUser, new File([png], "pixel.png"));
    h.pool.set("sys", "files", [{ type: "image", transfer_method: "local_file", related_id: theirs.id }]);
    const err = await failure(h.run(llmNode, data));
    expect(err.message).toMatch(/file not found/);
  });

  it("turns a provider error into a node error with Dify's code", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { fail_next: [{ status: 500 }] });
    const err = await failure(h.run(llmNode, { model: { provider, name: "gpt-4o-mini" }, prompt_template: [{ role: "user", text: "hi" }] }));
    expect(err.code).toBe("completion_request_error");
    // Named as Dify's model runtime names them, the node's error_type.
    expect(errorTypeOf(err)).toBe("InvokeServerUnavailableError");
    for (const [status, type] of [
      [429, "InvokeRateLimitError"],
      [400, "InvokeBadRequestError"],
      [401, "InvokeAuthorizationError"],
    ] as const) {
      await scriptFake(apiKey, { fail_next: [{ status }] });
      expect(errorTypeOf(await failure(h.run(llmNode, { model: { provider, name: "gpt-4o-mini" }, prompt_template: [{ role: "user", text: "hi" }] })))).toBe(type);
    }
    const missing = await failure(h.run(llmNode, { model: { provider: "openai", name: "gpt-4o" }, prompt_template: [{ role: "user", text: "hi" }] }));
    expect(missing.code).toBe("provider_not_initialize");
  });

  it("stops when the run is aborted", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: "one two three four five six", token_delay_ms: 300 });
    const controller = new AbortController();
    const running = h.run(llmNode, { model: { provider, name: "gpt-4o-mini" }, prompt_template: [{ role: "user", text: "count" }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException("stopped by user", "AbortError")), 400);
    const started = Date.now();
    const err = await failure(running);
    expect((err as unknown as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("rejects invalid data naming the field", () => {
    const bad = llmNode.schema.safeParse({ model: { provider: "offline" }, prompt_template: [{ role: "robot", text: "x" }] });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join("."));
    expect(paths).toContain("model.name");
    expect(paths?.some((p) => p.startsWith("prompt_template"))).toBe(true);
  });
});

describe("question-classifier node", () => {
  const classes = [
    { id: "c_billing", name: "Billing" },
    { id: "c_tech", name: "Technical issue" },
  ];

  it("follows the class the model picks", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: '```json\n{"category_id": "c_tech", "category_name": "Technical issue"}\n```' });
    h.pool.set("start", "q", "The app crashes on start");
    const result = await h.run(questionClassifierNode, { model: { provider, name: "gpt-4o-mini" }, query_variable_selector: ["start", "q"], classes });
    expect(result.edgeSourceHandle).toBe("c_tech");
    expect(result.outputs).toMatchObject({ class_id: "c_tech", class_name: "Technical issue" });
    expect(result.processData?.fallback).toBeUndefined();
    const sent = (await fakeRequests(apiKey)).at(-1);
    expect(JSON.stringify(sent?.body.messages)).toContain("The app crashes on start");
  });

  it("renders variables in class names and outputs each class's label (CLASS n without one), as Dify 1.14+", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: '{"category_id": "c_tech", "category_name": "whatever"}' });
    h.pool.set("start", "q", "The app crashes on start");
    h.pool.set("start", "product", "Kiln");
    const named = [
      { id: "c_billing", name: "Billing of {{#start.product#}}", label: "Money" },
      { id: "c_tech", name: "{{#start.product#}} bugs ({{#start.nothing#}})" },
    ];
    const result = await h.run(questionClassifierNode, { model: { provider, name: "gpt-4o-mini" }, query_variable_selector: ["start", "q"], classes: named });
    expect(result.outputs).toMatchObject({ class_id: "c_tech", class_name: "Kiln bugs (start.nothing)", class_label: "CLASS 2" });
    const sent = JSON.stringify((await fakeRequests(apiKey)).at(-1)?.body.messages);
    expect(sent).toContain("Billing of Kiln");
    expect(sent).not.toContain("{{#start.product#}}");

    await scriptFake(apiKey, { reply: '{"category_id": "c_billing", "category_name": "Billing of Kiln"}' });
    const billing = await h.run(questionClassifierNode, { model: { provider, name: "gpt-4o-mini" }, query_variable_selector: ["start", "q"], classes: named });
    expect(billing.outputs).toMatchObject({ class_id: "c_billing", class_name: "Billing of Kiln", class_label: "Money" });
  });

  it("falls back to the first class when the reply names none, and says so", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: "I am not sure." });
    h.pool.set("start", "q", "Hello");
    const result = await h.run(questionClassifierNode, { model: { provider, name: "gpt-4o-mini" }, query_variable_selector: ["start", "q"], classes });
    expect(result.edgeSourceHandle).toBe("c_billing");
    expect(String(result.processData?.fallback)).toMatch(/first class "Billing"/);
  });

  it("classifies deterministically with the offline model", async () => {
    const h = await harness();
    h.pool.set("start", "q", "anything");
    const result = await h.run(questionClassifierNode, { model: OFFLINE, query_variable_selector: ["start", "q"], classes, instruction: "Be strict." });
    expect(result.outputs.class_id).toBe("c_billing");
    expect((result.outputs.usage as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
  });

  it("requires classes", () => {
    const bad = questionClassifierNode.schema.safeParse({ model: OFFLINE, query_variable_selector: ["start", "q"], classes: [] });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toContain("classes");
  });
});

describe("parameter-extractor node", () => {
  const parameters = [
    { name: "city", type: "string", description: "the city", required: true },
    { name: "days", type: "number", description: "how many days", required: false },
    { name: "unit", type: "select", options: ["celsius", "fahrenheit"], description: "", required: false },
  ];

  it("outputs each parameter parsed from the model's JSON", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    await scriptFake(apiKey, { reply: '{"city": "Lyon", "days": 3, "unit": "celsius"}' });
    h.pool.set("start", "q", "Weather in Lyon for 3 days in celsius");
    const result = await h.run(parameterExtractorNode, { model: { provider, name: "gpt-4o-mini" }, query: ["start", "q"], parameters, reasoning_mode: "prompt" });
    expect(result.outputs).toMatchObject({ city: "Lyon", days: 3, unit: "celsius", __is_success: 1, __reason: null });
    expect((result.outputs.__usage as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
    // A number given as text is read, but Dify's check still calls it the wrong type.
    await scriptFake(apiKey, { reply: '{"city": "Lyon", "days": "3.5", "unit": "celsius"}' });
    const text = await h.run(parameterExtractorNode, { model: { provider, name: "gpt-4o-mini" }, query: ["start", "q"], parameters });
    expect(text.outputs).toMatchObject({ city: "Lyon", days: 3.5, unit: "celsius", __is_success: 0 });
    expect(text.outputs.__reason).toBe(
      "Invalid value for parameter days, expected segment type: number, actual_type: string, python_type: <class 'str'>, value: 3.5",
    );
  });

  it("reports failure with a reason when a required parameter is missing or the reply is not JSON", async () => {
    const h = await harness();
    const { provider, apiKey } = await addFakeProvider(h.owner);
    h.pool.set("start", "q", "no city here");
    // As Dify's checks, in order: the count, a required one, the type, a select's options. What
    // can be read is output all the same.
    const cases: [string, string, Record<string, unknown>][] = [
      ['{"days": 2}', "Invalid number of parameters", { city: "", days: 2, unit: "" }],
      ['{"days": 2, "unit": "celsius", "when": "today"}', "Parameter city is required", { city: "", days: 2, unit: "celsius" }],
      ['{"city": ["Lyon"], "days": true, "unit": "celsius"}', "Invalid value for parameter city, expected segment type: string, actual_type: array[string], python_type: <class 'list'>, value: ['Lyon']", { city: "", days: 1, unit: "celsius" }],
      ['{"city": "Lyon", "days": 1, "unit": "kelvin"}', "Invalid `select` value for parameter unit", { city: "Lyon", days: 1, unit: "kelvin" }],
    ];
    for (const [reply, reason, values] of cases) {
      await scriptFake(apiKey, { reply });
      const result = await h.run(parameterExtractorNode, { model: { provider, name: "gpt-4o-mini" }, query: ["start", "q"], parameters });
      expect(result.outputs).toMatchObject({ __is_success: 0, __reason: reason, ...values });
    }
    await scriptFake(apiKey, { reply: "Sorry, I cannot." });
    const prose = await h.run(parameterExtractorNode, { model: { provider, name: "gpt-4o-mini" }, query: ["start", "q"], parameters });
    expect(prose.outputs).toMatchObject({ __is_success: 0, city: "", days: 0, unit: "" });
    expect(prose.outputs.__reason).toBe("Failed to extract result from function call or text response, using empty result.");
  });

  it("works on the offline model", async () => {
    const h = await harness();
    h.pool.set("start", "q", "Paris");
    const result = await h.run(parameterExtractorNode, { model: OFFLINE, query: ["start", "q"], parameters });
    expect(result.outputs).toMatchObject({ city: "Paris", days: 0, unit: "celsius", __is_success: 1 });
  });

  it("rejects a parameter of unknown type", () => {
    const bad = parameterExtractorNode.schema.safeParse({ model: OFFLINE, query: ["start", "q"], parameters: [{ name: "x", type: "date" }] });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toContain("parameters.0.type");
  });
});
