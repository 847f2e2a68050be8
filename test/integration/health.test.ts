import { describe, expect, it } from "vitest";
import { callJson } from "../support/console";

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
});
