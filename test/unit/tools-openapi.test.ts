// Parsing OpenAPI 3.0 / 3.1, Swagger 2.0 and the single-call form into tools, and building the
// HTTP request a tool call sends.
import { describe, expect, it } from "vitest";
import { buildRequest } from "../../src/tools/api/call";
import { HIDDEN, maskCredentials, normalizeCredentials } from "../../src/tools/api/credentials";
import type { StoredApiTool } from "../../src/tools/api/operation";
import { parseApiSchema } from "../../src/tools/api/parse-schema";
import { KilnError } from "../../src/lib/errors";

const FIXTURES = import.meta.glob<string>("../fixtures/openapi/*", { query: "?raw", import: "default", eager: true });
const fixture = (name: string) => FIXTURES[`../fixtures/openapi/${name}`];

const byName = (tools: StoredApiTool[], name: string) => {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name} in ${tools.map((x) => x.name)}`);
  return t;
};
const param = (tool: StoredApiTool, name: string) => tool.parameters.find((p) => p.name === name);

function problemsOf(text: string, type?: "single"): string {
  try {
    parseApiSchema(text, type);
  } catch (err) {
    expect(err).toBeInstanceOf(KilnError);
    expect((err as KilnError).code).toBe("invalid_param");
    return (err as KilnError).message;
  }
  throw new Error("expected the schema to be refused");
}

describe("OpenAPI 3.0 (YAML)", () => {
  const parsed = parseApiSchema(fixture("petstore-3.0.yaml"));

  it("makes one tool per operation, named by operationId or Dify's path+method slug", () => {
    expect(parsed.schemaType).toBe("openapi");
    expect(parsed.serverUrl).toBe("https://api.petstore.example.com/v1");
    expect(parsed.tools.map((t) => t.name).sort()).toEqual(["createPet", "listPets", "petspetId_delete", "showPetById"]);
    const del = byName(parsed.tools, "petspetId_delete");
    expect(del.description).toBe("Deletes a pet");
    expect(del.operation).toMatchObject({ method: "DELETE", path: "/pets/{petId}", params: { petId: "path" } });
  });

  it("reads query, header, path and cookie parameters with types, enums and required flags", () => {
    const list = byName(parsed.tools, "listPets");
    expect(list.label).toBe("List all pets");
    expect(list.description).toContain("optionally filtered");
    expect(param(list, "limit")).toMatchObject({ type: "number", required: false, default: 20, form: "llm" });
    expect(param(list, "tags")).toMatchObject({ type: "array" });
    expect(param(list, "status")).toMatchObject({ type: "select", options: ["available", "pending", "sold"], description: "The pet's status in the store" });
    expect(list.operation.params).toEqual({ limit: "query", tags: "query", status: "query", "X-Request-Id": "header" });
    const show = byName(parsed.tools, "showPetById");
    expect(param(show, "petId")).toMatchObject({ type: "string", required: true, description: "The id of the pet to retrieve" });
    expect(show.operation.params).toEqual({ petId: "path", session: "cookie" });
  });

  it("flattens a JSON request body through $ref and allOf into body parameters", () => {
    const create = byName(parsed.tools, "createPet");
    expect(create.parameters.map((p) => p.name).sort()).toEqual(["age", "name", "status", "tag", "vaccinated"]);
    expect(param(create, "name")).toMatchObject({ type: "string", required: true });
    expect(param(create, "age")).toMatchObject({ type: "number", required: false });
    expect(param(create, "vaccinated")).toMatchObject({ type: "boolean" });
    expect(param(create, "status")).toMatchObject({ type: "select" });
    expect(create.operation).toMatchObject({ method: "POST", bodyType: "json" });
    expect(Object.values(create.operation.params).every((l) => l === "body")).toBe(true);
  });
});

describe("OpenAPI 3.1 (JSON)", () => {
  const parsed = parseApiSchema(fixture("notes-3.1.json"));

  it("handles type arrays with null and self-referencing schemas without looping", () => {
    expect(parsed.schemaType).toBe("openapi");
    const create = byName(parsed.tools, "createNote");
    expect(param(create, "title")).toMatchObject({ type: "string", required: true, description: "The note's title" });
    expect(param(create, "body")).toMatchObject({ type: "string", required: false });
    expect(param(create, "children")).toMatchObject({ type: "array" });
    expect(param(create, "parent")).toMatchObject({ type: "object" });
    const search = byName(parsed.tools, "searchNotes");
    expect(param(search, "archived")).toMatchObject({ type: "boolean" });
    expect(param(search, "q")).toMatchObject({ required: true });
    expect(param(search, "sort")).toMatchObject({ type: "select", options: ["created", "updated"] });
  });

  it("turns a non-object body into one `body` parameter", () => {
    const tags = byName(parsed.tools, "setNoteTags");
    expect(tags.operation).toMatchObject({ method: "PUT", rawBody: "body", params: { id: "path", body: "body" } });
    expect(param(tags, "body")).toMatchObject({ type: "array" });
    expect(param(tags, "id")).toMatchObject({ type: "number", required: true });
  });
});

describe("Swagger 2.0 (JSON)", () => {
  const parsed = parseApiSchema(fixture("weather-swagger-2.0.json"));

  it("builds the server from host, basePath and schemes (https preferred)", () => {
    expect(parsed.schemaType).toBe("swagger");
    expect(parsed.serverUrl).toBe("https://weather.example.com/v2");
  });

  it("reads inline-typed parameters, $ref parameters, body and formData parameters", () => {
    const current = byName(parsed.tools, "getCurrentWeather");
    expect(param(current, "city")).toMatchObject({ type: "string", required: true, description: "City name, e.g. Paris" });
    expect(param(current, "units")).toMatchObject({ type: "select", options: ["metric", "imperial"], default: "metric" });
    expect(param(current, "lang")).toMatchObject({ type: "string", description: "Language of the description" });
    const alert = byName(parsed.tools, "createAlert");
    expect(alert.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ["city", "string", true],
      ["threshold", "number", true],
      ["channels", "array", false],
    ]);
    const feedback = byName(parsed.tools, "feedback_post");
    expect(feedback.operation).toMatchObject({ bodyType: "form", params: { message: "body", rating: "body" } });
    expect(param(feedback, "rating")).toMatchObject({ type: "number", required: false });
  });
});

describe("bad documents", () => {
  it("lists every problem of a broken document", () => {
    const message = problemsOf(fixture("broken.yaml"));
    expect(message).toContain("no servers");
    expect(message).toContain('duplicate operation name "fetchThing" (GET /a and GET /b)');
    expect(message).toContain('unresolvable $ref "#/components/parameters/Missing"');
    expect(message).toContain('external $ref "https://example.com/schemas/thing.json"');
    expect(message).toMatch(/\$ref cycle #\/components\/schemas\/Loop1 → #\/components\/schemas\/Loop2 → #\/components\/schemas\/Loop1/);
  });

  it("refuses text that is neither JSON nor YAML, or not an API description", () => {
    expect(problemsOf("{ not: [valid")).toContain("not valid JSON or YAML");
    expect(problemsOf("just a sentence")).toContain("expected a JSON or YAML object");
    expect(problemsOf(JSON.stringify({ info: { title: "x" }, paths: {} }))).toContain("not an OpenAPI 3 or Swagger 2 document");
    expect(problemsOf("openapi: 2.5.0\npaths: {}\n")).toContain('unsupported version "2.5.0"');
  });

  it("refuses documents with no operations, a relative server or no Swagger host", () => {
    expect(problemsOf("openapi: 3.0.0\nservers: [{url: https://x.example.com}]\npaths: {}\n")).toContain("no operations");
    expect(problemsOf("openapi: 3.0.0\nservers: [{url: /api}]\npaths: {/a: {get: {responses: {}}}}\n")).toContain("not an absolute http(s) URL");
    // Told once, in Swagger's words: it has no `servers` to add.
    expect(problemsOf(JSON.stringify({ swagger: "2.0", paths: { "/a": { get: {} } } }))).toBe(
      "The schema is not valid: 1) no host: a Swagger 2 document needs `host` (with optional `basePath` and `schemes`) so Kiln knows where to send calls",
    );
  });
});

describe("single-call form", () => {
  const form = {
    name: "get_user",
    description: "Fetch a user",
    method: "get",
    url: "https://api.example.com/users/{id}?verbose=1",
    parameters: [
      { name: "id", in: "path", type: "integer", description: "User id" },
      { name: "fields", in: "query", type: "string", enum: ["name", "email"] },
      { name: "X-Trace", in: "header" },
    ],
  };

  it("defines one tool", () => {
    const parsed = parseApiSchema(JSON.stringify(form), "single");
    expect(parsed.schemaType).toBe("single");
    expect(parsed.serverUrl).toBe("https://api.example.com");
    const [tool] = parsed.tools;
    expect(tool.operation).toMatchObject({ method: "GET", path: "/users/{id}?verbose=1", params: { id: "path", fields: "query", "X-Trace": "header" } });
    expect(param(tool, "id")).toMatchObject({ type: "number", required: true });
    expect(param(tool, "fields")).toMatchObject({ type: "select", options: ["name", "email"] });
  });

  it("lists what is wrong with a bad form", () => {
    const message = problemsOf(JSON.stringify({ ...form, name: "bad name!", method: "FETCH", parameters: [{ name: "q", in: "path" }] }), "single");
    expect(message).toContain("name:");
    expect(message).toContain("method:");
    const paths = problemsOf(JSON.stringify({ ...form, parameters: [{ name: "q", in: "path" }] }), "single");
    expect(paths).toContain('"{id}" needs a parameter "id" in path');
    expect(paths).toContain('path parameter "q" has no "{q}"');
    expect(problemsOf(JSON.stringify({ ...form, url: "ftp://x/y" }), "single")).toContain("not an absolute http(s) URL");
  });
});

describe("request building", () => {
  const tool = byName(parseApiSchema(fixture("petstore-3.0.yaml")).tools, "showPetById");
  const list = byName(parseApiSchema(fixture("petstore-3.0.yaml")).tools, "listPets");
  const create = byName(parseApiSchema(fixture("petstore-3.0.yaml")).tools, "createPet");
  const base = "https://api.example.com/v1/";

  it("encodes path parameters, repeats array query values and sends cookies", () => {
    const { url, init } = buildRequest({ serverUrl: base, tool, credentials: { auth_type: "none" } }, { petId: "a/b c", session: "s1" });
    expect(url.toString()).toBe("https://api.example.com/v1/pets/a%2Fb%20c");
    expect(new Headers(init.headers).get("cookie")).toBe("session=s1");
    const l = buildRequest({ serverUrl: base, tool: list, credentials: { auth_type: "none" } }, { tags: ["x", "y"], status: "sold", "X-Request-Id": "r1" });
    expect(l.url.search).toBe("?limit=20&tags=x&tags=y&status=sold");
    expect(new Headers(l.init.headers).get("x-request-id")).toBe("r1");
  });

  it("sends body parameters as JSON, coercing numeric strings", () => {
    const { init } = buildRequest({ serverUrl: base, tool: create, credentials: { auth_type: "none" } }, { name: "Rex", age: "3", vaccinated: "true" });
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ name: "Rex", age: 3, vaccinated: true });
  });

  it("refuses a call missing a required parameter", () => {
    expect(() => buildRequest({ serverUrl: base, tool, credentials: { auth_type: "none" } }, {})).toThrow(/missing required parameter\(s\): petId/);
  });

  it("puts each kind of credentials on the request", () => {
    const headersOf = (credentials: Parameters<typeof buildRequest>[0]["credentials"]) => {
      const { url, init } = buildRequest({ serverUrl: base, tool, credentials }, { petId: "1" });
      return { url, headers: new Headers(init.headers) };
    };
    expect(headersOf({ auth_type: "bearer", api_key_value: "k1" }).headers.get("authorization")).toBe("Bearer k1");
    expect(headersOf({ auth_type: "basic", username: "ann", password: "pw" }).headers.get("authorization")).toBe(`Basic ${btoa("ann:pw")}`);
    expect(headersOf({ auth_type: "api_key_header", api_key_header: "X-Api-Key", api_key_value: "k2", api_key_header_prefix: "none" }).headers.get("x-api-key")).toBe("k2");
    expect(headersOf({ auth_type: "api_key_query", api_key_query_param: "key", api_key_value: "k3" }).url.searchParams.get("key")).toBe("k3");
  });
});

describe("credentials", () => {
  it("requires the fields of each auth type and masks secrets", () => {
    expect(() => normalizeCredentials({ auth_type: "bearer" })).toThrow(/api_key_value: required/);
    expect(() => normalizeCredentials({ auth_type: "api_key_query", api_key_value: "k" })).toThrow(/api_key_query_param/);
    expect(() => normalizeCredentials({ auth_type: "basic", password: "p" })).toThrow(/username/);
    expect(() => normalizeCredentials({ auth_type: "api_key_header", api_key_header: "Bad Header", api_key_value: "k" })).toThrow(/not a valid header name/);
    const c = normalizeCredentials({ auth_type: "api_key", api_key_value: "secret", api_key_header_prefix: "bearer" });
    expect(c).toEqual({ auth_type: "api_key_header", api_key_header: "Authorization", api_key_value: "secret", api_key_header_prefix: "bearer" });
    expect(maskCredentials(c).api_key_value).toBe(HIDDEN);
  });

  it("keeps a stored secret sent back hidden, and refuses a hidden one with nothing stored", () => {
    const stored = normalizeCredentials({ auth_type: "basic", username: "u", password: "pw" });
    expect(normalizeCredentials({ auth_type: "basic", username: "v", password: HIDDEN }, stored)).toEqual({ auth_type: "basic", username: "v", password: "pw" });
    expect(() => normalizeCredentials({ auth_type: "bearer", api_key_value: HIDDEN }, null)).toThrow(/no stored value/);
  });
});
