// Helpers for the knowledge console tests: multipart uploads, waiting for indexing through the
// API, and a knowledge base created the way the dashboard does.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { BASE, callJson } from "../support/console";

export const API = "/console/api";

export type Part = { name: string; data: string | Uint8Array; type?: string };

/** Posts multipart form data to the console API. */
export async function postForm(token: string, path: string, parts: Part[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const p of parts) form.append("file", new File([p.data], p.name, { type: p.type ?? "" }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await exports.default.fetch(
    new Request(`${BASE}${API}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls a document's indexing status through the API until it leaves the queue and the pipeline. */
export async function waitIndexed(token: string, datasetId: string, documentId: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await callJson("GET", `${API}/datasets/${datasetId}/documents/${documentId}/indexing-status`, { token });
    expect(r.status).toBe(200);
    if (["completed", "error", "paused"].includes(r.body.indexing_status) || Date.now() > until) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function newKnowledgeBase(token: string, body: Record<string, unknown> = {}) {
  const r = await callJson("POST", `${API}/datasets`, {
    token,
    body: { name: `kb-${crypto.randomUUID().slice(0, 8)}`, indexing_technique: "high_quality", permission: "all_team_members", ...body },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; name: string };
}
