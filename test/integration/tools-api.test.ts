// Custom API tools through the console API: parse documents, refuse bad ones (nothing saved),
// tenancy and roles, and the routes' published access levels.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, joinByInvite, newWorkspaceOwner, uniqueEmail } from "../support/console";
import { API, add, callSaved, echoDoc, fixture, list, type Owner, SECRET } from "./tools-api-helpers";

let owner: Owner;
beforeAll(async () => {
  owner = await newWorkspaceOwner();
});

describe("parsing documents (api/schema)", () => {
  it.each([
    ["petstore-3.0.yaml", "openapi", "https://api.petstore.example.com/v1", ["listPets", "createPet", "showPetById", "petspetId_delete"]],
    ["notes-3.1.json", "openapi", "https://notes.example.com/api", ["createNote", "searchNotes", "setNoteTags"]],
    ["weather-swagger-2.0.json", "swagger", "https://weather.example.com/v2", ["getCurrentWeather", "createAlert", "feedback_post"]],
  ])("parses %s into one tool per operation", async (name, schemaType, serverUrl, tools) => {
    const r = await callJson("POST", `${API}/schema`, { token: owner.token, body: { schema: fixture(name) } });
    expect(r.status).toBe(200);
    expect(r.body.schema_type).toBe(schemaType);
    expect(r.body.server_url).toBe(serverUrl);
    expect(r.body.parameters_schema.map((t: any) => t.name).sort()).toEqual([...tools].sort());
    for (const tool of r.body.parameters_schema) {
      expect(tool.operation).toBeUndefined();
      expect(tool.parameters.every((p: any) => p.form === "llm")).toBe(true);
    }
  });

  it("shows parameters with types, options and required flags", async () => {
    const r = await callJson("POST", `${API}/schema`, { token: owner.token, body: { schema: fixture("weather-swagger-2.0.json") } });
    const current = r.body.parameters_schema.find((t: any) => t.name === "getCurrentWeather");
    expect(current.parameters).toEqual([
      { name: "city", label: "city", description: "City name, e.g. Paris", type: "string", form: "llm", required: true },
      { name: "units", label: "units", description: "", type: "select", form: "llm", required: false, default: "metric", options: ["metric", "imperial"] },
      { name: "lang", label: "lang", description: "Language of the description", type: "string", form: "llm", required: false },
    ]);
  });

  it("warns, without failing, when the server is one Kiln may not call", async () => {
    const r = await callJson("POST", `${API}/schema`, { token: owner.token, body: { schema: echoDoc("http://10.0.0.1/api") } });
    expect(r.status).toBe(200);
    expect(r.body.warning.join(" ")).toMatch(/private, loopback/);
  });
});

describe("bad documents", () => {
  it("answers 400 listing every problem and saves nothing", async () => {
    const ws = await newWorkspaceOwner();
    const r = await add(ws.token, "broken", { auth_type: "none" }, fixture("broken.yaml"));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_param");
    for (const problem of ["no servers", 'duplicate operation name "fetchThing"', "unresolvable $ref", "external $ref", "$ref cycle"]) {
      expect(r.body.message).toContain(problem);
    }
    const schema = await callJson("POST", `${API}/schema`, { token: ws.token, body: { schema: fixture("broken.yaml") } });
    expect(schema.status).toBe(400);
    expect(schema.body.message).toBe(r.body.message);

    for (const bad of ["{ not: [valid", "swagger: '1.2'\npaths: {}\n", JSON.stringify({ openapi: "3.0.0", servers: [{ url: "https://x.example.com" }], paths: {} })]) {
      const res = await add(ws.token, "bad", { auth_type: "none" }, bad);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/not valid JSON or YAML|unsupported version "1.2"|no operations/);
    }
    expect(await list(ws.token)).toEqual([]);
  });

  it("refuses a server on a private or loopback address, at save and at call time", async () => {
    const ws = await newWorkspaceOwner();
    for (const server of ["http://10.0.0.1/api", "http://127.0.0.2:8080", "http://169.254.169.254/latest", "http://localhost:3000"]) {
      const r = await add(ws.token, "internal", { auth_type: "none" }, echoDoc(server));
      expect(r.status, server).toBe(400);
      expect(r.body.message).toMatch(/private, loopback and link-local addresses are not allowed/);
      const pre = await callJson("POST", `${API}/test/pre`, {
        token: ws.token,
        body: { tool_name: "getStatus", credentials: { auth_type: "none" }, schema_type: "openapi", schema: echoDoc(server), parameters: {} },
      });
      expect(pre.status).toBe(400);
      expect(pre.body.message).toMatch(/not allowed/);
    }
    expect(await list(ws.token)).toEqual([]);

    // A public-looking call redirected to a private address is refused at the hop.
    const saved = await add(ws.token, "redirecting", { auth_type: "none" });
    expect(saved.status).toBe(200);
    const r = await callSaved(ws.token, saved.body.id, "getStatus", { __redirect: "http://10.0.0.1/secret" });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("tool_error");
    expect(r.body.message).toMatch(/not allowed \(10\.0\.0\.1\)/);
  });

  it("refuses bad credentials and duplicate names", async () => {
    const ws = await newWorkspaceOwner();
    const r = await add(ws.token, "creds", { auth_type: "api_key_query", api_key_value: "k" });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("api_key_query_param");
    expect((await add(ws.token, "dup", { auth_type: "none" })).status).toBe(200);
    const again = await add(ws.token, "dup", { auth_type: "none" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("conflict");
    const tooLong = await add(ws.token, "x".repeat(61), { auth_type: "none" });
    expect(tooLong.status).toBe(400);
    expect((await list(ws.token)).map((p) => p.name)).toEqual(["dup"]);
  });
});

describe("tenancy and roles", () => {
  it("another workspace cannot see, change, delete or test your provider", async () => {
    const mine = await newWorkspaceOwner();
    const other = await newWorkspaceOwner();
    const saved = await add(mine.token, "private-tools", { auth_type: "bearer", api_key_value: SECRET });
    expect(saved.status).toBe(200);

    expect((await callJson("GET", `${API}/get?provider=private-tools`, { token: other.token })).status).toBe(404);
    expect((await callJson("GET", `${API}/tools?provider=private-tools`, { token: other.token })).status).toBe(404);
    const upd = await callJson("POST", `${API}/update`, {
      token: other.token,
      body: { original_provider: "private-tools", provider: "stolen", credentials: { auth_type: "none" }, schema: echoDoc() },
    });
    expect(upd.status).toBe(404);
    expect((await callJson("POST", `${API}/delete`, { token: other.token, body: { provider: "private-tools" } })).status).toBe(404);
    expect((await callSaved(other.token, saved.body.id, "getStatus", {})).status).toBe(404);
    expect((await callSaved(other.token, "private-tools", "getStatus", {})).status).toBe(404);
    // Hidden secrets cannot be borrowed from another workspace's provider by name.
    const borrow = await callJson("POST", `${API}/test/pre`, {
      token: other.token,
      body: { provider_name: "private-tools", tool_name: "getStatus", credentials: { auth_type: "bearer", api_key_value: "[__HIDDEN__]" }, schema: echoDoc(), parameters: {} },
    });
    expect(borrow.status).toBe(400);
    expect(await list(other.token)).toEqual([]);

    // The same name is free in another workspace.
    expect((await add(other.token, "private-tools", { auth_type: "none" })).status).toBe(200);

    const del = await callJson("POST", `${API}/delete`, { token: mine.token, body: { provider: "private-tools" } });
    expect(del.status).toBe(200);
    expect(await list(mine.token)).toEqual([]);
    expect((await callSaved(mine.token, saved.body.id, "getStatus", {})).status).toBe(404);
  });

  it("members read, editors write", async () => {
    const ws = await newWorkspaceOwner();
    await add(ws.token, "team-tools", { auth_type: "none" });
    const normal = await joinByInvite(ws.token, ws.workspaceId, uniqueEmail("normal"), "normal");
    expect((await callJson("GET", `${API}/get?provider=team-tools`, { token: normal })).status).toBe(200);
    const tools = await callJson("GET", `${API}/tools?provider=team-tools`, { token: normal });
    expect(tools.status).toBe(200);
    expect(tools.body.map((t: any) => t.name)).toEqual(["updateItem", "getStatus"]);
    expect(tools.body[0].operation).toBeUndefined();
    expect((await add(normal, "nope", { auth_type: "none" })).status).toBe(403);
    expect((await callJson("POST", `${API}/delete`, { token: normal, body: { provider: "team-tools" } })).status).toBe(403);
    expect((await callJson("POST", `${API}/schema`, { token: normal, body: { schema: echoDoc() } })).status).toBe(403);
  });
});

describe("OpenAPI document", () => {
  it("publishes every custom API tool route with its access level", async () => {
    const doc = (await callJson("GET", "/openapi.json")).body;
    const access = (path: string, method: string) => doc.paths[`/console/api/workspaces/current/tool-provider/api${path}`]?.[method]?.["x-kiln-access"];
    expect(access("/schema", "post")).toBe("app_edit");
    expect(access("/remote", "get")).toBe("app_edit");
    expect(access("/test/pre", "post")).toBe("app_edit");
    expect(access("/add", "post")).toBe("app_edit");
    expect(access("/update", "post")).toBe("app_edit");
    expect(access("/delete", "post")).toBe("app_edit");
    expect(access("/get", "get")).toBe("member");
    expect(access("/tools", "get")).toBe("member");
  });
});
