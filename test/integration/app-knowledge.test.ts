import { describe, expect, it } from "vitest";
import { fakeRequests, newFakeApp, newOwner, newServiceApp, rows, sseEvents, v1, v1Raw } from "../support/apps";
import { addText, newDataset, waitForIndexing } from "../support/knowledge";

const HANDBOOK = `# Travel policy

## Hotels
Employees may book hotels up to 180 euros per night in Paris and 140 euros elsewhere.

## Trains
First class train tickets are allowed for journeys longer than four hours.

## Meals
The daily meal allowance is 45 euros, receipts required.
`;

function knowledgeConfig(datasetIds: string[], extra: Record<string, unknown> = {}) {
  return {
    dataset_configs: {
      retrieval_model: "multiple",
      top_k: 2,
      score_threshold: null,
      datasets: { datasets: datasetIds.map((id) => ({ dataset: { enabled: true, id } })) },
      ...extra,
    },
    retriever_resource: { enabled: true },
  };
}

describe("apps that use knowledge", () => {
  it("grounds a chat answer on retrieved segments and returns them as retriever_resources", async () => {
    const app = await newFakeApp({ config: {} });
    const dataset = await newDataset(app.owner.wctx);
    const doc = await addText(app.owner.wctx, dataset, "travel-policy", HANDBOOK);
    expect((await waitForIndexing(app.owner.wctx, doc.id))?.indexingStatus).toBe("completed");
    const configured = await newServiceApp(app.owner, {
      config: {
        model: { provider: app.provider, name: "gpt-4o-mini", mode: "chat", completion_params: {} },
        pre_prompt: "You answer questions about the company travel policy.",
        ...knowledgeConfig([dataset.id]),
      },
    });

    const blocking = await v1(configured.key, "POST", "/chat-messages", {
      body: { query: "How much can I spend on a hotel in Paris?", inputs: {}, user: "u1", response_mode: "blocking" },
    });
    expect(blocking.status).toBe(200);
    const resources = blocking.body.metadata.retriever_resources;
    expect(resources.length).toBeGreaterThan(0);
    expect(resources[0]).toMatchObject({
      position: 1,
      dataset_id: dataset.id,
      dataset_name: dataset.name,
      document_id: doc.id,
      document_name: "travel-policy",
      retriever_from: "api",
    });
    expect(resources.map((r: any) => r.content).join("\n")).toContain("180 euros");
    expect(typeof resources[0].score).toBe("number");

    // The context went into the prompt the model received.
    const sent = await fakeRequests(app.apiKey);
    const system = sent.at(-1)?.body.messages.find((m: any) => m.role === "system")?.content ?? "";
    expect(system).toContain("<context>");
    expect(system).toContain("180 euros");

    // Streaming carries the same citations on message_end, and the message log keeps them.
    const stream = await v1Raw(configured.key, "POST", "/chat-messages", {
      body: { query: "What is the meal allowance?", inputs: {}, user: "u1", response_mode: "streaming" },
    });
    const end = sseEvents(await stream.text()).find((e) => e.event === "message_end");
    expect(end.metadata.retriever_resources.some((r: any) => r.content.includes("45 euros"))).toBe(true);
    const list = await v1(configured.key, "GET", `/messages?conversation_id=${end.conversation_id}&user=u1`);
    expect(list.body.data[0].retriever_resources.length).toBeGreaterThan(0);
  });

  it("uses the dataset query variable of a completion app and hides citations when the feature is off", async () => {
    const owner = await newOwner();
    const dataset = await newDataset(owner.wctx);
    const doc = await addText(owner.wctx, dataset, "policy", HANDBOOK);
    await waitForIndexing(owner.wctx, doc.id);
    const app = await newServiceApp(owner, {
      mode: "completion",
      config: {
        pre_prompt: "Answer {{question}} from {{#context#}}",
        user_input_form: [{ "text-input": { variable: "question", label: "Question", required: true } }],
        dataset_query_variable: "question",
        ...knowledgeConfig([dataset.id]),
        retriever_resource: { enabled: false },
      },
    });
    const res = await v1(app.key, "POST", "/completion-messages", {
      body: { inputs: { question: "first class train tickets" }, user: "u2", response_mode: "blocking" },
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.retriever_resources).toEqual([]);
    const [logged] = await rows<{ prompt_messages: string }>("SELECT prompt_messages FROM messages WHERE id = ?", res.body.message_id);
    expect(logged.prompt_messages).toContain("First class train tickets");
  });

  it("ignores a dataset of another workspace named in the config", async () => {
    const other = await newOwner();
    const foreign = await newDataset(other.wctx);
    const doc = await addText(other.wctx, foreign, "secret", "The vault code is 4242.");
    await waitForIndexing(other.wctx, doc.id);
    const owner = await newOwner();
    const app = await newServiceApp(owner, { config: knowledgeConfig([foreign.id]) });
    const res = await v1(app.key, "POST", "/chat-messages", {
      body: { query: "vault code", inputs: {}, user: "u3", response_mode: "blocking" },
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata.retriever_resources).toEqual([]);
    expect(res.body.answer).not.toContain("4242");
  });
});
