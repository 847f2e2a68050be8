// Shared by the WebApp workflow and chatflow tests: an owner, graphs built as the editor stores
// them, a published app of either mode, a passport, a slow model, and reading a stream while
// stopping it.
import { expect } from "vitest";
import { createApp } from "../../src/apps/apps";
import { findDraft, publishWorkflow, syncDraft } from "../../src/workflow/store";
import { addFakeProvider, newOwner, type Owner, scriptFake, sseEvents } from "../support/apps";
import { callJson } from "../support/console";

// Files share this module (the workers project runs with `isolate: false`), so the owner is
// remembered per test file: each file starts from an empty database.
let shared: { file: string | undefined; owner: Promise<Owner> } | null = null;

/** One workspace owner per test file, made on first use. */
export function theOwner(): Promise<Owner> {
  const file = expect.getState().testPath;
  if (!shared || shared.file !== file) shared = { file, owner: newOwner() };
  return shared.owner;
}

export const nodeOf = (id: string, data: Record<string, unknown>) => ({ id, type: "custom", position: { x: 0, y: 0 }, data: { title: id, desc: "", ...data } });
export const edgeOf = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: "source", targetHandle: "target" });

export const START = nodeOf("start", {
  type: "start",
  title: "Start",
  variables: [
    { variable: "topic", label: "Topic", type: "text-input", required: true, max_length: 30 },
    { variable: "tone", label: "Tone", type: "select", required: false, options: ["plain", "loud"] },
  ],
});

/** start → Write (template) → End(text, topic): a run with no model. */
export const TEMPLATE_GRAPH = {
  nodes: [
    START,
    nodeOf("write", {
      type: "template-transform",
      title: "Write",
      template: "Notes on {{ topic }} ({{ tone or 'plain' }})",
      variables: [
        { variable: "topic", value_selector: ["start", "topic"] },
        { variable: "tone", value_selector: ["start", "tone"] },
      ],
    }),
    nodeOf("end", {
      type: "end",
      title: "End",
      outputs: [
        { variable: "text", value_selector: ["write", "output"] },
        { variable: "topic", value_selector: ["start", "topic"] },
      ],
    }),
  ],
  edges: [edgeOf("start", "write"), edgeOf("write", "end")],
};

export async function newWorkflowApp(
  graph: Record<string, unknown> = TEMPLATE_GRAPH,
  options: { publish?: boolean; mode?: "workflow" | "advanced-chat" } = {},
) {
  const mode = options.mode ?? "workflow";
  const owner = await theOwner();
  const app = await createApp(owner.wctx, { name: `Workflow ${crypto.randomUUID().slice(0, 6)}`, mode, description: "Notes" });
  const draft = await findDraft(owner.wctx, app.id);
  await syncDraft(owner.wctx, app.id, { graph: graph as never, features: {}, environment_variables: [], conversation_variables: [] }, draft?.hash);
  if (options.publish !== false) await publishWorkflow(owner.wctx, app.id, {});
  return app;
}

export async function tokenFor(code: string): Promise<string> {
  const r = await callJson<{ access_token: string }>("GET", "/api/passport", { headers: { "x-app-code": code } });
  expect(r.status).toBe(200);
  return r.body.access_token;
}

/** Reads an SSE answer to its end, calling `stop` with the task id once `marker` has arrived. */
export async function readStopping(res: Response, marker: string, stop: (taskId: string) => Promise<void>) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let stopped = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
    if (!stopped && text.includes(marker)) {
      stopped = true;
      await stop(sseEvents(text.slice(0, text.lastIndexOf("\n\n") + 2)).find((f) => f.task_id).task_id);
    }
  }
  expect(stopped).toBe(true);
  return sseEvents(text);
}

/** A model on the fake server that answers 60 words, 50 ms apart. */
export async function slowModel() {
  const { provider, apiKey } = await addFakeProvider(await theOwner(), { name: `wf${crypto.randomUUID().slice(0, 8)}` });
  await scriptFake(apiKey, { reply: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" "), token_delay_ms: 50 });
  return {
    type: "llm",
    title: "Think",
    model: { provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
    prompt_template: [{ role: "user", text: "Write about {{#start.topic#}}" }],
    context: { enabled: false, variable_selector: [] },
    vision: { enabled: false },
  };
}

/** start(topic) → Answer: a chatflow that answers with the topic and the question. */
export const CHATFLOW_GRAPH = {
  nodes: [
    START,
    nodeOf("answer", { type: "answer", title: "Answer", answer: "On {{#start.topic#}}: you asked {{#sys.query#}}" }),
  ],
  edges: [edgeOf("start", "answer")],
};
