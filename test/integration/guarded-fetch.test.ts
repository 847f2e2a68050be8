// The guarded fetch every user-supplied URL goes through: each redirect hop is judged again, and
// credentials stay with the origin they were sent to (fetch's and httpx's redirect rule), so a
// server cannot bounce a tool's or an HTTP node's API key to another host.
import { describe, expect, inject, it } from "vitest";
import { createGuardedFetch } from "../../src/lib/ssrf";

const origin = new URL(inject("fakeOpenAIUrl")).origin;
const port = new URL(origin).port;

async function echoed(allowHosts: string, redirectTo: string) {
  const res = await createGuardedFetch(allowHosts)(`${origin}/echo?__redirect=${encodeURIComponent(redirectTo)}`, {
    headers: { authorization: "Bearer secret-key", cookie: "session=1", "x-trace": "kept" },
  });
  return (await res.json()) as { path: string; headers: Record<string, string> };
}

describe("createGuardedFetch", () => {
  it("keeps credentials on a redirect within the origin", async () => {
    const seen = await echoed("127.0.0.1", `${origin}/echo/after`);
    expect(seen.path).toBe("/echo/after");
    expect(seen.headers).toMatchObject({ authorization: "Bearer secret-key", cookie: "session=1", "x-trace": "kept" });
  });

  it("drops credentials on a redirect to another origin, and keeps the other headers", async () => {
    const seen = await echoed("127.0.0.1,localhost", `http://localhost:${port}/echo/elsewhere`);
    expect(seen.path).toBe("/echo/elsewhere");
    expect(seen.headers["x-trace"]).toBe("kept");
    expect(seen.headers).not.toHaveProperty("authorization");
    expect(seen.headers).not.toHaveProperty("cookie");
  });

  it("refuses a redirect to a private host it does not allow", async () => {
    await expect(echoed("127.0.0.1", "http://10.0.0.1/secret")).rejects.toMatchObject({ code: "invalid_param", message: expect.stringContaining("10.0.0.1") });
  });
});
