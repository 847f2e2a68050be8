// Custom API tools calling a real HTTP endpoint (the fake server's /echo): each kind of auth on
// the wire, secrets kept out of answers, logs and storage, error and huge answers, single-call
// tools and fetching documents by URL.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { callJson, newWorkspaceOwner } from "../support/console";
import { API, add, callSaved, echoDoc, echoed, type Owner, origin, SECRET } from "./tools-api-helpers";

let owner: Owner;
beforeAll(async () => {
  owner = await newWorkspaceOwner();
});

describe("auth on the wire", () => {
  it.each([
    ["bearer", { auth_type: "bearer", api_key_value: SECRET }, (e: any) => expect(e.headers.authorization).toBe(`Bearer ${SECRET}`)],
    [
      "api_key_header",
      { auth_type: "api_key_header", api_key_header: "X-Api-Key", api_key_value: SECRET, api_key_header_prefix: "custom" },
      (e: any) => expect(e.headers["x-api-key"]).toBe(SECRET),
    ],
    ["api_key_query", { auth_type: "api_key_query", api_key_query_param: "apikey", api_key_value: SECRET }, (e: any) => expect(e.query.apikey).toBe(SECRET)],
    ["basic", { auth_type: "basic", username: "ann", password: SECRET }, (e: any) => expect(e.headers.authorization).toBe(`Basic ${btoa(`ann:${SECRET}`)}`)],
  ])("%s: test/pre and the saved provider send the credentials", async (kind, credentials, check) => {
    const parameters = { itemId: "a b/c", verbose: true, "X-Trace": "t-1", title: "Hello", count: "3" };
    const pre = await callJson("POST", `${API}/test/pre`, {
      token: owner.token,
      body: { tool_name: "updateItem", credentials, schema_type: "openapi", schema: echoDoc(), parameters },
    });
    expect(pre.status).toBe(200);
    const seen = echoed(pre.body.result);
    expect(seen).toMatchObject({ method: "POST", path: "/echo/items/a%20b%2Fc", query: { verbose: "true" } });
    expect(seen.headers["x-trace"]).toBe("t-1");
    expect(JSON.parse(seen.body)).toEqual({ title: "Hello", count: 3 });
    check(seen);
    expect(typeof pre.body.elapsed_ms).toBe("number");

    const saved = await add(owner.token, `auth-${kind}`, credentials);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: `auth-${kind}`, type: "api", author: "", is_team_authorization: true, allow_delete: true, error: null });
    expect(saved.body.tools.map((t: any) => t.name)).toEqual(["updateItem", "getStatus"]);
    const viaId = await callSaved(owner.token, saved.body.id, "updateItem", parameters);
    expect(viaId.status).toBe(200);
    check(echoed(viaId.body.result));
    // Another install's reference names the provider instead of its id.
    const viaName = await callSaved(owner.token, `auth-${kind}`, "getStatus", {});
    expect(viaName.status).toBe(200);
    check(echoed(viaName.body.result));
  });

  it("keeps credentials out of answers, logs and the database's plain text", async () => {
    const ws = await newWorkspaceOwner();
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
    const added = await add(ws.token, "secretive", { auth_type: "api_key_header", api_key_header: "X-Key", api_key_value: SECRET });
    const got = await callJson("GET", `${API}/get?provider=secretive`, { token: ws.token });
    const called = await callSaved(ws.token, added.body.id, "getStatus", { __status: 500 });
    const listed = await callJson("GET", "/console/api/workspaces/current/tool-providers", { token: ws.token });
    const logged = spies.flatMap((s) => s.mock.calls.map((c) => JSON.stringify(c))).join("\n");
    for (const s of spies) s.mockRestore();

    expect(got.status).toBe(200);
    expect(got.body.credentials).toEqual({ auth_type: "api_key_header", api_key_header: "X-Key", api_key_value: "[__HIDDEN__]", api_key_header_prefix: "none" });
    expect(got.body).toMatchObject({ schema_type: "openapi", schema: echoDoc(), server_url: `${origin}/echo`, name: "secretive" });
    for (const answer of [added.body, got.body, listed.body]) expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(JSON.stringify(listed.body)).not.toContain('"operation"');
    // The echo endpoint reflects the header back; the error result carries it, which is the API's
    // own answer — what matters is that Kiln's answers about the provider never do.
    expect(called.status).toBe(200);
    expect(called.body.result.isError).toBe(true);
    expect(called.body.result.text).toMatch(/^HTTP 500: /);
    expect(logged).not.toContain(SECRET);
    const { results } = await env.DB.prepare("select credentials from tool_providers where workspace_id = ?").bind(ws.workspaceId).all<{ credentials: string }>();
    expect(results[0].credentials).toMatch(/^v1\./);
    expect(results[0].credentials).not.toContain(SECRET);
  });

  it("update with [__HIDDEN__] keeps the stored secret; a new one replaces it", async () => {
    const ws = await newWorkspaceOwner();
    const added = await add(ws.token, "rotating", { auth_type: "bearer", api_key_value: SECRET });
    const base = { original_provider: "rotating", provider: "rotated", icon: { content: "🔁" }, schema_type: "openapi", schema: echoDoc(), description: "renamed" };
    const kept = await callJson("POST", `${API}/update`, { token: ws.token, body: { ...base, credentials: { auth_type: "bearer", api_key_value: "[__HIDDEN__]" } } });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ id: added.body.id, name: "rotated", description: "renamed" });
    let r = await callSaved(ws.token, added.body.id, "getStatus", {});
    expect(echoed(r.body.result).headers.authorization).toBe(`Bearer ${SECRET}`);

    // Test before saving an edit: hidden secrets come from the named saved provider.
    const pre = await callJson("POST", `${API}/test/pre`, {
      token: ws.token,
      body: { provider_name: "rotated", tool_name: "getStatus", credentials: { auth_type: "bearer", api_key_value: "[__HIDDEN__]" }, schema: echoDoc(), parameters: {} },
    });
    expect(echoed(pre.body.result).headers.authorization).toBe(`Bearer ${SECRET}`);

    const replaced = await callJson("POST", `${API}/update`, {
      token: ws.token,
      body: { ...base, original_provider: "rotated", credentials: { auth_type: "bearer", api_key_value: "sk-new" } },
    });
    expect(replaced.status).toBe(200);
    r = await callSaved(ws.token, added.body.id, "getStatus", {});
    expect(echoed(r.body.result).headers.authorization).toBe("Bearer sk-new");

    // Switching to basic with a hidden password: nothing stored to keep.
    const none = await callJson("POST", `${API}/update`, {
      token: ws.token,
      body: { ...base, original_provider: "rotated", credentials: { auth_type: "basic", username: "u", password: "[__HIDDEN__]" } },
    });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain("no stored value");
  });
});

describe("results", () => {
  it("marks non-2xx answers as errors and cuts huge answers with a note", async () => {
    const saved = await add(owner.token, "results", { auth_type: "none" });
    const failed = await callSaved(owner.token, saved.body.id, "getStatus", { __status: 404 });
    expect(failed.status).toBe(200);
    expect(failed.body.result.isError).toBe(true);
    expect(failed.body.result.text).toMatch(/^HTTP 404: \{"method":"GET"/);

    const huge = await callSaved(owner.token, saved.body.id, "getStatus", { __pad: 1_500_000 });
    expect(huge.status).toBe(200);
    expect(huge.body.result.text).toMatch(/^\[response cut: only the first 1048576 bytes were read\]/);
    expect(huge.body.result.text).toContain("[truncated:");
    expect(huge.body.result.json).toBeUndefined();

    const missing = await callSaved(owner.token, saved.body.id, "updateItem", { itemId: "1" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("missing required parameter(s): title");
  });

  it("calls a single-call tool", async () => {
    const schema = JSON.stringify({
      name: "lookup",
      description: "Look something up",
      method: "GET",
      url: `${origin}/echo/lookup/{id}`,
      parameters: [
        { name: "id", in: "path", type: "integer" },
        { name: "q", in: "query", required: true },
      ],
    });
    const preview = await callJson("POST", `${API}/schema`, { token: owner.token, body: { schema, schema_type: "single" } });
    expect(preview.status).toBe(200);
    expect(preview.body.parameters_schema[0].parameters.map((p: any) => [p.name, p.type, p.required])).toEqual([
      ["id", "number", true],
      ["q", "string", true],
    ]);
    const saved = await add(owner.token, "single", { auth_type: "none" }, schema);
    expect(saved.status).toBe(400); // schema_type defaults to a document
    const ok = await callJson("POST", `${API}/add`, { token: owner.token, body: { provider: "single", credentials: { auth_type: "none" }, schema_type: "single", schema } });
    expect(ok.status).toBe(200);
    const r = await callSaved(owner.token, ok.body.id, "lookup", { id: 7, q: "kiln" });
    expect(echoed(r.body.result)).toMatchObject({ path: "/echo/lookup/7", query: { q: "kiln" } });
  });
});

describe("remote documents", () => {
  it("fetches a document by URL through the SSRF guard", async () => {
    const r = await callJson("GET", `${API}/remote?url=${encodeURIComponent(`${origin}/echo/openapi.json`)}`, { token: owner.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.schema).path).toBe("/echo/openapi.json");
    const big = await callJson("GET", `${API}/remote?url=${encodeURIComponent(`${origin}/echo/big?__pad=2200000`)}`, { token: owner.token });
    expect(big.status).toBe(413);
    for (const url of ["http://10.0.0.1/openapi.json", "http://localhost/openapi.json", "file:///etc/passwd"]) {
      const refused = await callJson("GET", `${API}/remote?url=${encodeURIComponent(url)}`, { token: owner.token });
      expect(refused.status, url).toBe(400);
    }
  });
});

afterEach(() => vi.restoreAllMocks());
