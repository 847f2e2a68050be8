import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callJson, newWorkspaceOwner } from "../support/console";

describe("knowledge API keys", () => {
  it("shows the token once, stores only its hash, and lists hints afterwards", async () => {
    const { token } = await newWorkspaceOwner();
    const created = await callJson("POST", "/console/api/datasets/api-keys", { token });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: "dataset", token: expect.stringMatching(/^dataset-[A-Za-z0-9]{24}$/) });
    const secret: string = created.body.token;
    const list = await callJson("GET", "/console/api/datasets/api-keys", { token });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].token).not.toBe(secret);
    expect(list.body.data[0].token.endsWith(secret.slice(-4))).toBe(true);
    const rows = await env.DB.prepare("SELECT * FROM api_keys").all();
    expect(JSON.stringify(rows.results)).not.toContain(secret);
  });

  it("allows at most 10 keys and revokes by id within the workspace only", async () => {
    const a = await newWorkspaceOwner();
    const b = await newWorkspaceOwner();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await callJson("POST", "/console/api/datasets/api-keys", { token: a.token })).body.id);
    const eleventh = await callJson("POST", "/console/api/datasets/api-keys", { token: a.token });
    expect(eleventh.status).toBe(400);
    expect((await callJson("DELETE", `/console/api/datasets/api-keys/${ids[0]}`, { token: b.token })).status).toBe(404);
    expect((await callJson("DELETE", `/console/api/datasets/api-keys/${ids[0]}`, { token: a.token })).status).toBe(204);
    expect((await callJson("GET", "/console/api/datasets/api-keys", { token: a.token })).body.data).toHaveLength(9);
  });

  it("stops a revoked key at once, even one the Knowledge API has just cached", async () => {
    const { token } = await newWorkspaceOwner();
    const created = (await callJson("POST", "/console/api/datasets/api-keys", { token })).body;
    const kb = (key: string) => callJson("GET", "/v1/datasets", { headers: { authorization: `Bearer ${key}` } });
    expect((await kb(created.token)).status).toBe(200);
    expect((await callJson("DELETE", `/console/api/datasets/api-keys/${created.id}`, { token })).status).toBe(204);
    expect(await kb(created.token)).toMatchObject({ status: 401, body: { code: "unauthorized" } });
  });

  it("tells a signed-in member the Knowledge API's base URL", async () => {
    const { token } = await newWorkspaceOwner();
    const info = await callJson("GET", "/console/api/datasets/api-base-info", { token });
    expect(info).toMatchObject({ status: 200, body: { api_base_url: expect.stringMatching(/^https?:\/\/[^/]+\/v1$/) } });
    expect((await callJson("GET", "/console/api/datasets/api-base-info")).status).toBe(401);
  });
});
