// Service API request limits: per end user and per API key, answered with 429
// too_many_requests and Retry-After.
import { describe, expect, it } from "vitest";
import { SERVICE_RATE_LIMITS } from "../../src/middleware/rate-limit";
import { newOwner, newServiceApp, v1 } from "../support/apps";

describe("rate limits", () => {
  it("limits one end user per minute, not the others", async () => {
    const app = await newServiceApp(await newOwner());
    for (let i = 0; i < SERVICE_RATE_LIMITS.perEndUser; i++) {
      const r = await v1(app.key, "GET", "/conversations?user=busy");
      expect(r.status).toBe(200);
    }
    const refused = await v1(app.key, "GET", "/conversations?user=busy");
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("too_many_requests");
    const retryAfter = Number(refused.res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Also when the user arrives in a JSON body.
    const chat = await v1(app.key, "POST", "/chat-messages", { body: { inputs: {}, query: "hi", user: "busy" } });
    expect(chat.status).toBe(429);
    expect((await v1(app.key, "GET", "/conversations?user=calm")).status).toBe(200);
    // Calls without a user share the anonymous end user, which only the key's limit bounds.
    for (let i = 0; i <= SERVICE_RATE_LIMITS.perEndUser; i++) {
      expect((await v1(app.key, "GET", "/conversations")).status).toBe(200);
    }
  });

  it("limits one API key per minute over all its users", async () => {
    const owner = await newOwner();
    const app = await newServiceApp(owner);
    const other = await newServiceApp(owner);
    const batch = 50;
    for (let sent = 0; sent < SERVICE_RATE_LIMITS.perApiKey; sent += batch) {
      const results = await Promise.all(Array.from({ length: batch }, () => v1(app.key, "GET", "/meta")));
      expect(results.every((r) => r.status === 200)).toBe(true);
    }
    const refused = await v1(app.key, "GET", "/meta");
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: "too_many_requests", status: 429 });
    expect(Number(refused.res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect((await v1(other.key, "GET", "/meta")).status).toBe(200);
  });
});
