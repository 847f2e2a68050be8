import { describe, expect, it } from "vitest";
import { call, callJson } from "../support/console";

describe("GET /health", () => {
  it("touches every binding and reports the local vector index", async () => {
    const { status, body } = await callJson("GET", "/health");
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      version: expect.any(String),
      storage: { d1: true, r2: true, queues: true, vectors: "local" },
    });
  });

  it("answers unknown paths with Dify's error shape", async () => {
    const { status, body } = await callJson("GET", "/console/api/nope");
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found", status: 404 });
  });

  it("hands dashboard pages to the dashboard Worker and keeps API paths to itself", async () => {
    for (const path of ["/", "/apps", "/chat/abc123", "/api-docs", "/assets/index.js"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain(`Kiln dashboard ${path}`);
    }
    expect((await call("HEAD", "/apps")).status).toBe(200);
    for (const [method, path] of [
      ["GET", "/v1/unknown"],
      ["GET", "/api/nope"],
      ["GET", "/mcp/nope"],
      ["GET", "/webhooks/nope"],
      ["POST", "/apps"],
    ]) {
      const { status, body } = await callJson(method, path);
      expect(status, `${method} ${path}`).toBe(404);
      expect(body, `${method} ${path}`).toMatchObject({ code: "not_found", status: 404 });
    }
  });
});
