// Knowledge tags through the console (Dify's /tags and /tag-bindings paths) and the Knowledge API:
// names, counts, binding, the dataset filter, deletes that take bindings with them, and that no
// workspace can read, rename, delete or bind another's tags or datasets.
import { beforeAll, describe, expect, it } from "vitest";
import { newOwner, type Owner, rows } from "../support/apps";
import { callJson, joinByInvite, uniqueEmail } from "../support/console";

const API = "/console/api";
let me: Owner;
let them: Owner;

const tagName = (prefix = "tag") => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const as = (owner: { token: string }) => ({
  get: (path: string) => callJson("GET", `${API}${path}`, { token: owner.token }),
  post: (path: string, body: unknown = {}) => callJson("POST", `${API}${path}`, { token: owner.token, body }),
  patch: (path: string, body: unknown) => callJson("PATCH", `${API}${path}`, { token: owner.token, body }),
  delete: (path: string) => callJson("DELETE", `${API}${path}`, { token: owner.token }),
});

async function newTag(owner: Owner, name = tagName()) {
  const r = await as(owner).post("/tags", { name, type: "knowledge" });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; name: string };
}

async function newKb(owner: { token: string }, permission = "all_team_members") {
  const r = await as(owner).post("/datasets", { name: tagName("kb"), indexing_technique: "economy", permission });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string };
}

const listed = async (owner: Owner) => (await as(owner).get("/tags?type=knowledge")).body as any[];
const datasetTags = async (owner: { token: string }, id: string) => (await as(owner).get(`/datasets/${id}`)).body.tags;

beforeAll(async () => {
  me = await newOwner();
  them = await newOwner();
});

describe("knowledge tags in the console", () => {
  it("creates, lists (newest first, by keyword) and renames a tag; names are unique per workspace", async () => {
    const first = await newTag(me, tagName("alpha"));
    const second = await newTag(me, tagName("beta"));
    expect(second).toMatchObject({ type: "knowledge", binding_count: "0" });
    const ids = (await listed(me)).map((t) => t.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect((await as(me).get(`/tags?type=knowledge&keyword=${first.name.slice(0, 10)}`)).body).toEqual([{ ...first, binding_count: "0" }]);
    // Dify filters on the type it is given; with none, nothing matches.
    expect((await as(me).get("/tags")).body).toEqual([]);

    const dup = await as(me).post("/tags", { name: first.name, type: "knowledge" });
    expect(dup).toMatchObject({ status: 400, body: { code: "invalid_param", message: "Tag name already exists" } });
    expect((await as(me).patch(`/tags/${second.id}`, { name: first.name })).status).toBe(400);
    const renamed = await as(me).patch(`/tags/${second.id}`, { name: "renamed" });
    expect(renamed).toMatchObject({ status: 200, body: { id: second.id, name: "renamed", type: "knowledge", binding_count: "0" } });
    // The same name in another workspace is another tag.
    expect((await as(them).post("/tags", { name: first.name, type: "knowledge" })).status).toBe(200);
  });

  it("refuses names over 50 characters and app tags", async () => {
    expect((await as(me).post("/tags", { name: "x".repeat(51), type: "knowledge" })).body.code).toBe("invalid_param");
    expect((await as(me).post("/tags", { name: tagName(), type: "app" })).status).toBe(400);
  });

  it("binds tags to a knowledge base idempotently, shows them on it, filters the list by them and unbinds", async () => {
    const [red, blue, green] = [await newTag(me, tagName("red")), await newTag(me, tagName("blue")), await newTag(me, tagName("green"))];
    const [one, two] = [await newKb(me), await newKb(me)];
    const bind = (ids: string[], target: string) => as(me).post("/tag-bindings/create", { tag_ids: ids, target_id: target, type: "knowledge" });
    expect(await bind([red.id, blue.id], one.id)).toMatchObject({ status: 200, body: { result: "success" } });
    expect((await bind([red.id], one.id)).status).toBe(200);
    expect((await bind([blue.id], two.id)).status).toBe(200);

    expect(await datasetTags(me, one.id)).toEqual(
      [red, blue].map((t) => ({ id: t.id, name: t.name, type: "knowledge" })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    const counts = Object.fromEntries((await listed(me)).map((t) => [t.id, t.binding_count]));
    expect(counts).toMatchObject({ [red.id]: "1", [blue.id]: "2", [green.id]: "0" });

    const filtered = async (query: string) => (await as(me).get(`/datasets?${query}`)).body.data.map((d: any) => d.id).sort();
    expect(await filtered(`tag_ids=${red.id}`)).toEqual([one.id]);
    expect(await filtered(`tag_ids=${red.id}&tag_ids=${blue.id}`)).toEqual([one.id, two.id].sort());
    expect(await filtered(`tag_ids=${green.id}`)).toEqual([]);
    expect(await filtered("tag_ids=00000000-0000-7000-8000-000000000000")).toEqual([]);
    const listedOne = (await as(me).get(`/datasets?tag_ids=${red.id}`)).body.data[0];
    expect(listedOne.tags.map((t: any) => t.id).sort()).toEqual([red.id, blue.id].sort());

    const remove = (body: object) => as(me).post("/tag-bindings/remove", { target_id: one.id, type: "knowledge", ...body });
    expect(await remove({ tag_id: red.id })).toMatchObject({ status: 200, body: { result: "success" } });
    expect((await remove({ tag_id: red.id })).status).toBe(200);
    expect((await datasetTags(me, one.id)).map((t: any) => t.id)).toEqual([blue.id]);
    expect((await remove({ tag_ids: [blue.id] })).status).toBe(200);
    expect(await datasetTags(me, one.id)).toEqual([]);
    expect((await as(me).post("/tag-bindings/remove", { target_id: one.id, type: "knowledge" })).status).toBe(400);
  });

  it("lets every member read tags but only knowledge editors change them", async () => {
    const ws = (await as(me).get("/workspaces/current")).body.id;
    const normal = await joinByInvite(me.token, ws, uniqueEmail("normal"), "normal");
    const operator = await joinByInvite(me.token, ws, uniqueEmail("operator"), "dataset_operator");
    const tag = await newTag(me);
    expect((await as({ token: normal }).get("/tags?type=knowledge")).body.map((t: any) => t.id)).toContain(tag.id);
    expect((await as({ token: normal }).post("/tags", { name: tagName(), type: "knowledge" })).status).toBe(403);
    expect((await as({ token: normal }).delete(`/tags/${tag.id}`)).status).toBe(403);
    expect((await as({ token: operator }).patch(`/tags/${tag.id}`, { name: tagName("ops") })).status).toBe(200);
  });
});

describe("deleting", () => {
  it("a tag removes its bindings; a knowledge base's deletion no longer counts towards its tags", async () => {
    const [doomed, kept] = [await newTag(me), await newTag(me)];
    const [kb, other] = [await newKb(me), await newKb(me)];
    await as(me).post("/tag-bindings/create", { tag_ids: [doomed.id, kept.id], target_id: kb.id, type: "knowledge" });
    await as(me).post("/tag-bindings/create", { tag_ids: [kept.id], target_id: other.id, type: "knowledge" });

    expect((await as(me).delete(`/tags/${doomed.id}`)).status).toBe(204);
    expect(await rows("SELECT id FROM tag_bindings WHERE tag_id = ?", doomed.id)).toEqual([]);
    expect((await datasetTags(me, kb.id)).map((t: any) => t.id)).toEqual([kept.id]);
    expect((await listed(me)).map((t) => t.id)).not.toContain(doomed.id);
    expect((await as(me).delete(`/tags/${doomed.id}`)).status).toBe(404);

    expect((await as(me).delete(`/datasets/${kb.id}`)).status).toBe(204);
    expect((await listed(me)).find((t) => t.id === kept.id)).toMatchObject({ binding_count: "1" });
    expect((await as(me).get(`/datasets?tag_ids=${kept.id}`)).body.data.map((d: any) => d.id)).toEqual([other.id]);
  });
});

describe("tags across workspaces", () => {
  it("answers 404 to another workspace for my tags and my knowledge bases, and changes nothing", async () => {
    const mine = await newTag(me);
    const theirs = await newTag(them);
    const kb = await newKb(me);
    const theirKb = await newKb(them);
    await as(me).post("/tag-bindings/create", { tag_ids: [mine.id], target_id: kb.id, type: "knowledge" });

    expect((await as(them).patch(`/tags/${mine.id}`, { name: "stolen" })).status).toBe(404);
    expect((await as(them).delete(`/tags/${mine.id}`)).status).toBe(404);
    expect((await listed(them)).map((t) => t.id)).not.toContain(mine.id);
    // Their tag on my dataset, my tag on their dataset, their remove of my binding.
    expect((await as(them).post("/tag-bindings/create", { tag_ids: [theirs.id], target_id: kb.id, type: "knowledge" })).status).toBe(404);
    expect((await as(them).post("/tag-bindings/create", { tag_ids: [mine.id], target_id: theirKb.id, type: "knowledge" })).status).toBe(404);
    expect((await as(them).post("/tag-bindings/remove", { tag_id: mine.id, target_id: kb.id, type: "knowledge" })).status).toBe(404);
    expect((await as(them).get(`/datasets?tag_ids=${mine.id}`)).body.data).toEqual([]);

    expect((await listed(me)).find((t) => t.id === mine.id)).toMatchObject({ name: mine.name, binding_count: "1" });
    expect((await datasetTags(me, kb.id)).map((t: any) => t.id)).toEqual([mine.id]);
    expect((await listed(them)).find((t) => t.id === theirs.id)).toMatchObject({ binding_count: "0" });
  });

  it("hides a member's private knowledge base from another member's tagging", async () => {
    const ws = (await as(me).get("/workspaces/current")).body.id;
    const editor = await joinByInvite(me.token, ws, uniqueEmail("editor"), "editor");
    const hidden = await newKb(me, "only_me");
    const tag = await newTag(me);
    const r = await as({ token: editor }).post("/tag-bindings/create", { tag_ids: [tag.id], target_id: hidden.id, type: "knowledge" });
    expect(r.status).toBe(404);
  });

  it("keeps the Knowledge API inside the key's workspace", async () => {
    const key = (await callJson("POST", `${API}/datasets/api-keys`, { token: them.token })).body.token;
    const v1 = (method: string, path: string, body?: unknown) => callJson(method, `/v1${path}`, { token: key, body });
    const mine = await newTag(me);
    const kb = await newKb(me);
    const theirKb = await newKb(them);
    expect((await v1("GET", "/datasets/tags")).body.map((t: any) => t.id)).not.toContain(mine.id);
    expect((await v1("PATCH", "/datasets/tags", { tag_id: mine.id, name: "stolen" })).status).toBe(404);
    expect((await v1("DELETE", "/datasets/tags", { tag_id: mine.id })).status).toBe(404);
    expect((await v1("POST", "/datasets/tags/binding", { tag_ids: [mine.id], target_id: theirKb.id })).status).toBe(404);
    expect((await v1("POST", "/datasets/tags/unbinding", { tag_id: mine.id, target_id: kb.id })).status).toBe(404);
    expect((await v1("GET", `/datasets/${kb.id}/tags`)).status).toBe(404);
    expect((await listed(me)).find((t) => t.id === mine.id)).toMatchObject({ name: mine.name });
  });

  it("answers Dify's errors on the Knowledge API: duplicate names 400, an empty tag_ids 400", async () => {
    const key = (await callJson("POST", `${API}/datasets/api-keys`, { token: me.token })).body.token;
    const v1 = (method: string, path: string, body?: unknown) => callJson(method, `/v1${path}`, { token: key, body });
    const tag = await newTag(me);
    expect(await v1("POST", "/datasets/tags", { name: tag.name })).toMatchObject({
      status: 400,
      body: { code: "invalid_param", message: "Tag name already exists" },
    });
    const kb = await newKb(me);
    expect((await v1("POST", "/datasets/tags/binding", { tag_ids: [], target_id: kb.id })).status).toBe(400);
  });
});
