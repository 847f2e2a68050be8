// Shared by the custom API tool tests: fixtures, an OpenAPI document pointing at the fake server's
// /echo endpoint, and calls to the console API.
import { expect, inject } from "vitest";
import { callJson } from "../support/console";

const FIXTURES = import.meta.glob<string>("../fixtures/openapi/*", { query: "?raw", import: "default", eager: true });
export const fixture = (name: string) => FIXTURES[`../fixtures/openapi/${name}`];

export const API = "/console/api/workspaces/current/tool-provider/api";
export const origin = new URL(inject("fakeOpenAIUrl")).origin;

/** An OpenAPI document whose operations land on the fake server's echo endpoint. */
export const echoDoc = (server = `${origin}/echo`) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Echo", version: "1" },
    servers: [{ url: server }],
    paths: {
      "/items/{itemId}": {
        post: {
          operationId: "updateItem",
          summary: "Update an item",
          parameters: [
            { name: "itemId", in: "path", required: true, schema: { type: "string" } },
            { name: "verbose", in: "query", schema: { type: "boolean" } },
            { name: "X-Trace", in: "header", schema: { type: "string" } },
          ],
          requestBody: {
            content: { "application/json": { schema: { type: "object", required: ["title"], properties: { title: { type: "string" }, count: { type: "integer" } } } } },
          },
          responses: { "200": { description: "ok" } },
        },
      },
      "/status": {
        get: {
          operationId: "getStatus",
          parameters: [
            { name: "__status", in: "query", schema: { type: "integer" } },
            { name: "__pad", in: "query", schema: { type: "integer" } },
            { name: "__redirect", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

export const SECRET = "sk-live-very-secret-value-123";

export interface Owner {
  token: string;
  workspaceId: string;
}

export async function list(token: string): Promise<any[]> {
  const r = await callJson("GET", "/console/api/workspaces/current/tool-providers?type=api", { token });
  expect(r.status).toBe(200);
  return r.body;
}

export async function add(token: string, provider: string, credentials: Record<string, unknown>, schema = echoDoc()) {
  return callJson("POST", `${API}/add`, { token, body: { provider, icon: { content: "🧪", background: "#fff" }, credentials, schema_type: "openapi", schema } });
}

/** Calls a saved provider's tool the way the Tools page and agents do (through the registry). */
export async function callSaved(token: string, providerId: string, tool: string, parameters: Record<string, unknown>) {
  return callJson("POST", `/console/api/workspaces/current/tool-providers/api/${providerId}/tools/${tool}/test`, { token, body: { parameters } });
}

export const echoed = (result: any) => {
  expect(result.isError ?? false).toBe(false);
  return result.json[0] as { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string };
};

