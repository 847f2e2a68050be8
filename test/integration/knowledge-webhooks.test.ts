// Data sources by signed webhook: the console manages a dataset's source, senders push documents
// signed with its secret (Kiln's timestamped scheme or GitHub's push webhook), and the dataset
// follows: upsert by external_id, no re-embedding of unchanged content, deletes, replay safety.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceCtx } from "../../src/context";
import { getDataset } from "../../src/knowledge/datasets";
import { retrieve } from "../../src/knowledge/retrieve";
import { fakeOpenAIUrl, newOwner, type Owner, rows } from "../support/apps";
import { call, callJson } from "../support/console";
import { newDataset, waitForIndexing } from "../support/knowledge";

const fakeOrigin = new URL(fakeOpenAIUrl).origin;
const enc = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return [...new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface Source {
  datasetId: string;
  path: string;
  secret: string;
}

async function newSource(owner: Owner): Promise<Source> {
  const dataset = await newDataset(owner.wctx);
  const r = await callJson("POST", `/console/api/datasets/${dataset.id}/source`, { token: owner.token });
  expect(r.status).toBe(200);
  return { datasetId: dataset.id, path: new URL(r.body.url).pathname, secret: r.body.secret };
}

/** Sends `payload` signed the documented way: sha256=HMAC(secret, "<timestamp>.<body>"). */
async function deliver(
  source: Source,
  payload: unknown,
  opts: { deliveryId?: string; timestamp?: number; secret?: string; signature?: string | null } = {},
) {
  const body = JSON.stringify(payload);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "x-kiln-timestamp": ts };
  const signature = opts.signature === undefined ? `sha256=${await hmacHex(opts.secret ?? source.secret, `${ts}.${body}`)}` : opts.signature;
  if (signature !== null) headers["x-kiln-signature"] = signature;
  if (opts.deliveryId) headers["x-kiln-delivery"] = opts.deliveryId;
  return callJson("POST", source.path, { rawBody: body, headers });
}

async function deliverGithub(source: Source, event: string, payload: unknown, opts: { secret?: string; deliveryId?: string } = {}) {
  const body = JSON.stringify(payload);
  return callJson("POST", source.path, {
    rawBody: body,
    headers: {
      "x-github-event": event,
      "x-github-delivery": opts.deliveryId ?? crypto.randomUUID(),
      "x-hub-signature-256": `sha256=${await hmacHex(opts.secret ?? source.secret, body)}`,
    },
  });
}

const docsOf = (datasetId: string) =>
  rows("select * from documents where dataset_id = ? order by position", datasetId);
const docByExternalId = async (datasetId: string, externalId: string) =>
  (await rows("select * from documents where dataset_id = ? and external_id = ?", datasetId, externalId))[0];

async function search(ctx: WorkspaceCtx, datasetId: string, query: string): Promise<string[]> {
  const dataset = await getDataset(ctx, datasetId);
  const found = await retrieve(ctx, [dataset], query, { search_method: "full_text_search", top_k: 5, reranking_enable: false, score_threshold_enabled: false });
  return found.map((r) => r.segment.content);
}

async function indexed(ctx: WorkspaceCtx, datasetId: string, externalId: string) {
  const doc = await docByExternalId(datasetId, externalId);
  const done = await waitForIndexing(ctx, doc.id);
  expect(done?.indexingStatus, done?.error ?? "").toBe("completed");
  return done!;
}

/**
 * The fake OpenAI server is the only outside service the tests may use and it has no file route;
 * its request log echoes back what a request carried, which stands in for a web page here.
 */
async function servedByFake(content: Record<string, string>): Promise<string> {
  const key = `sk-test-${crypto.randomUUID()}`;
  await fetch(`${fakeOrigin}/v1/pages`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(content) });
  return `${fakeOrigin}/__control/requests?api_key=${key}`;
}

let owner: Owner;
beforeAll(async () => {
  owner = await newOwner();
});

describe("a dataset's webhook source in the console", () => {
  it("creates a source, shows its url and a hint, never the secret again, and removes it", async () => {
    const dataset = await newDataset(owner.wctx);
    const url = `/console/api/datasets/${dataset.id}/source`;
    expect((await callJson("GET", url, { token: owner.token })).status).toBe(404);
    const created = await callJson("POST", url, { token: owner.token });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ enabled: true, url: `http://kiln.test/webhooks/datasets/${dataset.id}` });
    expect(created.body.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const shown = await callJson("GET", url, { token: owner.token });
    expect(shown.body).toEqual({ ...created.body, secret: undefined, secret_hint: created.body.secret_hint });
    expect(shown.body.secret).toBeUndefined();
    expect(shown.body.secret_hint).not.toContain(created.body.secret.slice(6, 30));
    expect((await call("DELETE", url, { token: owner.token })).status).toBe(204);
    expect((await callJson("GET", url, { token: owner.token })).status).toBe(404);
    const refused = await deliver({ datasetId: dataset.id, path: `/webhooks/datasets/${dataset.id}`, secret: created.body.secret }, { documents: [] });
    expect(refused.status).toBe(404);
  });

  it("hides another workspace's source: read, rotate, delete and the log all answer 404", async () => {
    const source = await newSource(owner);
    const stranger = await newOwner();
    const base = `/console/api/datasets/${source.datasetId}/source`;
    for (const [method, path] of [["GET", base], ["POST", base], ["DELETE", base], ["GET", `${base}/deliveries`]]) {
      const r = await callJson(method, path, { token: stranger.token });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect((await deliver(source, { documents: [] })).status).toBe(200);
  });
});

describe("signed deliveries", () => {
  let source: Source;
  beforeAll(async () => {
    source = await newSource(owner);
  });

  it("indexes the documents of a signed delivery", async () => {
    const r = await deliver(source, {
      documents: [
        { external_id: "faq", title: "FAQ", text: "# FAQ\n\nThe quokka is the mascot of the billing team.", metadata: { team: "billing", version: 2 } },
        { external_id: "handbook", title: "Handbook", text: "# Handbook\n\nMarmalade is served on Fridays in the kitchen." },
      ],
    }, { deliveryId: "delivery-1" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: "success", created: 2, updated: 0, unchanged: 0, deleted: 0, failed: [] });
    const faq = await indexed(owner.wctx, source.datasetId, "faq");
    await indexed(owner.wctx, source.datasetId, "handbook");
    expect(faq).toMatchObject({ name: "FAQ", dataSourceType: "webhook", createdFrom: "webhook", extension: "md" });
    expect(JSON.parse(faq.docMetadata)).toEqual({ team: "billing", version: 2 });
    expect((await search(owner.wctx, source.datasetId, "quokka"))[0]).toContain("quokka");
    expect((await search(owner.wctx, source.datasetId, "marmalade"))[0]).toContain("Marmalade");
  });

  it("answers a replayed delivery id as a duplicate and writes nothing", async () => {
    const before = await rows("select count(*) as n from webhook_deliveries where dataset_id = ?", source.datasetId);
    const r = await deliver(source, { documents: [{ external_id: "faq", text: "# FAQ\n\nreplayed" }] }, { deliveryId: "delivery-1" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: "success", duplicate: true });
    expect(await docsOf(source.datasetId)).toHaveLength(2);
    expect((await docByExternalId(source.datasetId, "faq")).indexing_status).toBe("completed");
    expect(await rows("select count(*) as n from webhook_deliveries where dataset_id = ?", source.datasetId)).toEqual(before);
  });

  it("keeps one document per external_id when the same payload comes again without an id", async () => {
    const payload = { documents: [{ external_id: "faq", title: "FAQ", text: "# FAQ\n\nThe quokka is the mascot of the billing team." }] };
    const r = await deliver(source, payload);
    expect(r.body).toEqual({ result: "success", created: 0, updated: 0, unchanged: 1, deleted: 0, failed: [] });
    expect(await docsOf(source.datasetId)).toHaveLength(2);
  });

  it("re-indexes changed content and skips unchanged content", async () => {
    const faqBefore = await docByExternalId(source.datasetId, "faq");
    const handbookBefore = await docByExternalId(source.datasetId, "handbook");
    const handbookSegments = await rows("select id, updated_at from segments where document_id = ?", handbookBefore.id);
    const r = await deliver(source, {
      documents: [
        { external_id: "faq", title: "FAQ", text: "# FAQ\n\nThe wombat is now the mascot of the billing team." },
        { external_id: "handbook", title: "Handbook", text: "# Handbook\n\nMarmalade is served on Fridays in the kitchen." },
      ],
    });
    expect(r.body).toEqual({ result: "success", created: 0, updated: 1, unchanged: 1, deleted: 0, failed: [] });
    const faq = await indexed(owner.wctx, source.datasetId, "faq");
    expect(faq.id).toBe(faqBefore.id);
    expect(faq.contentHash).not.toBe(faqBefore.content_hash);
    expect(await search(owner.wctx, source.datasetId, "quokka")).toEqual([]);
    expect((await search(owner.wctx, source.datasetId, "wombat"))[0]).toContain("wombat");
    const handbook = await docByExternalId(source.datasetId, "handbook");
    expect(handbook.updated_at).toBe(handbookBefore.updated_at);
    expect(handbook.indexing_status).toBe("completed");
    expect(await rows("select id, updated_at from segments where document_id = ?", handbook.id)).toEqual(handbookSegments);
  });

  it("deletes a document marked deleted, with its segments, full-text rows and vectors", async () => {
    const handbook = await docByExternalId(source.datasetId, "handbook");
    const segmentIds = (await rows("select id from segments where document_id = ?", handbook.id)).map((s) => s.id);
    expect(segmentIds.length).toBeGreaterThan(0);
    const r = await deliver(source, { documents: [{ external_id: "handbook", deleted: true }, { external_id: "never-seen", deleted: true }] });
    expect(r.body).toEqual({ result: "success", created: 0, updated: 0, unchanged: 1, deleted: 1, failed: [] });
    expect(await docByExternalId(source.datasetId, "handbook")).toBeUndefined();
    expect(await rows("select id from segments where document_id = ?", handbook.id)).toEqual([]);
    expect(await rows("select unit_id from segment_fts_rows where document_id = ?", handbook.id)).toEqual([]);
    const vectors = await rows(`select id from local_vectors where id in (${segmentIds.map(() => "?").join(",")})`, ...segmentIds);
    expect(vectors).toEqual([]);
    expect(await search(owner.wctx, source.datasetId, "marmalade")).toEqual([]);
  });

  it("rejects a bad signature, a missing one and a stale or future timestamp, writing no document", async () => {
    const payload = { documents: [{ external_id: "intruder", text: "# Intruder" }] };
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      await deliver(source, payload, { signature: `sha256=${"0".repeat(64)}` }),
      await deliver(source, payload, { secret: "whsec_not-the-secret" }),
      await deliver(source, payload, { signature: null }),
      await deliver(source, payload, { timestamp: now - 6 * 60 }),
      await deliver(source, payload, { timestamp: now + 6 * 60 }),
    ];
    for (const r of attempts) {
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("unauthorized");
    }
    expect(await docByExternalId(source.datasetId, "intruder")).toBeUndefined();
    const log = await callJson("GET", `/console/api/datasets/${source.datasetId}/source/deliveries?limit=5`, { token: owner.token });
    expect(log.status).toBe(200);
    expect(log.body.data.map((d: any) => d.status)).toEqual([401, 401, 401, 401, 401]);
    expect(log.body.data[0]).toMatchObject({ kind: "documents", delivery_id: null });
    expect(log.body.data.at(-1).error).toContain("X-Kiln-Signature");
  });

  it("refuses private addresses for url items and still applies the other items", async () => {
    const page = await servedByFake({ note: "Aurora borealis tours leave at nine" });
    const r = await deliver(source, {
      documents: [
        { external_id: "private", url: "http://10.0.0.1/internal" },
        { external_id: "metadata-service", url: "http://169.254.169.254/latest/meta-data" },
        { external_id: "loopback-v6", url: "http://[::1]/" },
        { external_id: "page", title: "Tours", url: page },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(1);
    expect(r.body.failed.map((f: any) => f.external_id)).toEqual(["private", "metadata-service", "loopback-v6"]);
    for (const f of r.body.failed) expect(f.error).toContain("private, loopback and link-local addresses are not allowed");
    for (const id of ["private", "metadata-service", "loopback-v6"]) expect(await docByExternalId(source.datasetId, id)).toBeUndefined();
    const doc = await indexed(owner.wctx, source.datasetId, "page");
    expect(doc.extension).toBe("json");
    expect((await search(owner.wctx, source.datasetId, "aurora"))[0]).toContain("Aurora borealis");
    const log = await callJson("GET", `/console/api/datasets/${source.datasetId}/source/deliveries?limit=1`, { token: owner.token });
    expect(log.body.data[0]).toMatchObject({ status: 200, error: "3 document(s) failed" });
    expect(log.body.data[0].summary.failed).toHaveLength(3);
  });

  it("rejects an invalid payload with 400 and logs it", async () => {
    const tooMany = { documents: Array.from({ length: 101 }, (_, i) => ({ external_id: `d${i}`, text: "x" })) };
    expect((await deliver(source, tooMany)).status).toBe(400);
    const twice = await deliver(source, { documents: [{ external_id: "a", text: "x" }, { external_id: "a", text: "y" }] });
    expect(twice.status).toBe(400);
    const empty = await deliver(source, { documents: [{ external_id: "a" }] });
    expect(empty.status).toBe(400);
    expect(empty.body.params).toContain("documents.0.text");
    const log = await callJson("GET", `/console/api/datasets/${source.datasetId}/source/deliveries?limit=1`, { token: owner.token });
    expect(log.body.data[0]).toMatchObject({ status: 400 });
  });

  it("rotating the secret makes the old signature fail at once", async () => {
    const old = source.secret;
    const rotated = await callJson("POST", `/console/api/datasets/${source.datasetId}/source`, { token: owner.token });
    expect(rotated.body.secret).not.toBe(old);
    expect((await deliver(source, { documents: [] })).status).toBe(401);
    source.secret = rotated.body.secret;
    expect((await deliver(source, { documents: [] })).status).toBe(200);
  });
});

describe("GitHub push webhooks", () => {
  let source: Source;
  let rawBase: string;
  const push = (commits: { added?: string[]; modified?: string[]; removed?: string[] }[], ref = "refs/heads/main") => ({
    ref,
    after: "0123456789abcdef0123456789abcdef01234567",
    repository: { full_name: "acme/handbook", default_branch: "main" },
    commits: commits.map((c) => ({ added: [], modified: [], removed: [], ...c })),
  });

  beforeAll(async () => {
    source = await newSource(owner);
    // Stands in for raw.githubusercontent.com; the lead adds GITHUB_RAW_BASE_URL to the bindings.
    rawBase = `${await servedByFake({ note: "Pelicans nest on the roof" })}&file=`;
    (env as { GITHUB_RAW_BASE_URL?: string }).GITHUB_RAW_BASE_URL = rawBase;
  });
  afterAll(() => {
    delete (env as { GITHUB_RAW_BASE_URL?: string }).GITHUB_RAW_BASE_URL;
  });

  it("answers ping with pong", async () => {
    const r = await deliverGithub(source, "ping", { zen: "Keep it logically awesome." });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: "pong" });
  });

  it("fetches added Markdown files at the pushed commit and deletes removed ones", async () => {
    const seeded = await deliver(source, { documents: [{ external_id: "docs/old.md", title: "old.md", text: "# Old\n\nStale page" }] });
    expect(seeded.body.created).toBe(1);
    const r = await deliverGithub(source, "push", push([{ added: ["docs/new.md", "src/index.ts"] }, { removed: ["docs/old.md"] }]));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: "success", created: 1, updated: 0, unchanged: 0, deleted: 1, failed: [] });
    expect(await docByExternalId(source.datasetId, "docs/old.md")).toBeUndefined();
    expect(await docByExternalId(source.datasetId, "src/index.ts")).toBeUndefined();
    const added = await indexed(owner.wctx, source.datasetId, "docs/new.md");
    expect(added.name).toBe("new.md");
    expect((await search(owner.wctx, source.datasetId, "pelicans"))[0]).toContain("Pelicans");
    // The raw URL names the repository, the pushed commit and the path.
    const text = await (await fetch(`${rawBase}/acme/handbook/0123456789abcdef0123456789abcdef01234567/docs/new.md`)).text();
    expect(text).toContain("Pelicans");
  });

  it("ignores pushes to other branches", async () => {
    const r = await deliverGithub(source, "push", push([{ removed: ["docs/new.md"] }], "refs/heads/feature"));
    expect(r.body).toMatchObject({ result: "success", deleted: 0, ignored: "not the default branch (main)" });
    expect(await docByExternalId(source.datasetId, "docs/new.md")).toBeDefined();
  });

  it("rejects an invalid or missing X-Hub-Signature-256", async () => {
    const bad = await deliverGithub(source, "push", push([{ removed: ["docs/new.md"] }]), { secret: "whsec_wrong" });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe("unauthorized");
    const missing = await callJson("POST", source.path, { rawBody: JSON.stringify(push([{ removed: ["docs/new.md"] }])), headers: { "x-github-event": "push" } });
    expect(missing.status).toBe(401);
    expect(await docByExternalId(source.datasetId, "docs/new.md")).toBeDefined();
    const log = await callJson("GET", `/console/api/datasets/${source.datasetId}/source/deliveries?limit=1`, { token: owner.token });
    expect(log.body.data[0]).toMatchObject({ kind: "github.push", status: 401, error: "Missing X-Hub-Signature-256 header." });
  });
});
