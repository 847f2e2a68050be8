// Shared steps of the console apps tests: make an app, run the debugger, read Dify SSE, add the
// fake OpenAI-compatible server as a provider.
import { expect, inject } from "vitest";
import { call, callJson } from "../support/console";

export const APPS = "/console/api/apps";

export async function newApp(token: string, body: Record<string, unknown> = {}) {
  const r = await callJson("POST", APPS, { token, body: { name: "Test app", mode: "chat", ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; mode: string; model_config: any; [k: string]: any };
}

export async function saveDraft(token: string, appId: string, config: Record<string, unknown>) {
  const r = await callJson("POST", `${APPS}/${appId}/model-config`, { token, body: config });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export async function publish(token: string, appId: string, body?: Record<string, unknown>) {
  const r = await callJson("POST", `${APPS}/${appId}/publish`, { token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { result: string; id: string; version: number; created_at: number };
}

/** A blocking debugger run; answers the JSON body. */
export async function debugBlocking(token: string, appId: string, body: Record<string, unknown>, mode: "chat" | "completion" = "chat") {
  const r = await callJson("POST", `${APPS}/${appId}/${mode}-messages`, {
    token,
    body: { inputs: {}, ...body, response_mode: "blocking" },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export interface Sse {
  raw: string;
  frames: any[];
}

/** Reads a whole Dify SSE response: `data:` frames parsed, pings skipped. */
export async function readSse(res: Response): Promise<Sse> {
  const raw = await res.text();
  const frames = raw
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice("data: ".length)));
  return { raw, frames };
}

/** A streaming debugger run, read to the end. */
export async function debugStream(token: string, appId: string, body: Record<string, unknown>, mode: "chat" | "completion" = "chat") {
  const res = await call("POST", `${APPS}/${appId}/${mode}-messages`, { token, body: { inputs: {}, ...body } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return readSse(res);
}

/** Adds the fake OpenAI server as provider `compat_<name>` with model `fake-chat`, using `apiKey`. */
export async function addFakeProvider(token: string, name: string, apiKey: string) {
  const r = await callJson("POST", "/console/api/workspaces/current/model-providers/openai_api_compatible", {
    token,
    body: { name, label: "Fake", base_url: inject("fakeOpenAIUrl"), api_key: apiKey, models: [{ model: "fake-chat", model_type: "llm" }] },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return `compat_${name}`;
}

/** Scripts the fake OpenAI server for one key: `reply`, `token_delay_ms`, `fail_next`… */
export async function scriptFake(apiKey: string, script: Record<string, unknown>) {
  const res = await fetch(`${new URL(inject("fakeOpenAIUrl")).origin}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key: apiKey, ...script }),
  });
  expect(res.status).toBe(200);
}

export const newFakeKey = () => `sk-test-${crypto.randomUUID().replaceAll("-", "")}`;

/** Rows of `table` that still name `appId`, straight from D1. */
export async function rowsOfApp(env: { DB: D1Database }, table: string, appId: string, column = "app_id") {
  const { results } = await env.DB.prepare(`SELECT * FROM ${table} WHERE ${column} = ?`).bind(appId).all();
  return results;
}
