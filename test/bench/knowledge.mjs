// Knowledge benchmarks through the Dify-compatible Knowledge API (dataset key), offline embedder:
// - ingestion: every Markdown file under node_modules (real public docs, ~4 MB) from the first
//   upload to every document completed; segments/s and MB/s.
// - retrieval: the same corpus cut into ~20,000 small segments; p50/p95 of semantic, full-text
//   and hybrid queries through POST /v1/datasets/:id/retrieve.
// - quality: recall@5 per retrieval mode on a labelled question set about those documents
//   (questions.json: question, the document that answers it, a phrase of the answer).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { percentile } from "./load.mjs";

const root = new URL("../../", import.meta.url).pathname;
const round = (n) => Math.round(n * 100) / 100;

/** Every .md file under node_modules, sorted by path so each run indexes the same corpus. */
export function markdownCorpus(dir = join(root, "node_modules")) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md") && statSync(p).size > 0) out.push(p);
    }
  };
  walk(dir);
  return out.sort().map((p) => ({ name: relative(join(root, "node_modules"), p), bytes: readFileSync(p) }));
}

async function api(kiln, key, method, path, body) {
  const res = await fetch(`${kiln.url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body instanceof FormData || !body ? {} : { "content-type": "application/json" }) },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

export async function provisionDatasetKey(kiln) {
  const login = await (
    await fetch(`${kiln.url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: kiln.admin.email, password: kiln.admin.password }),
    })
  ).json();
  const res = await fetch(`${kiln.url}/console/api/datasets/api-keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${login.data.access_token}` },
  });
  return { key: (await res.json()).token, console: login.data.access_token };
}

/**
 * Uploads the corpus as the dashboard does with several files at once: the console's multi-file
 * upload, FILES_PER_REQUEST files per request, a few requests in flight.
 */
const FILES_PER_REQUEST = 25;
async function uploadAll(kiln, consoleToken, datasetId, corpus, processRule, concurrency = 4) {
  const groups = [];
  for (let i = 0; i < corpus.length; i += FILES_PER_REQUEST) groups.push(corpus.slice(i, i + FILES_PER_REQUEST));
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++];
      const form = new FormData();
      for (const file of group) form.append("file", new Blob([file.bytes], { type: "text/markdown" }), file.name.replaceAll("/", "__"));
      form.append("data", JSON.stringify({ indexing_technique: "high_quality", process_rule: processRule }));
      const res = await fetch(`${kiln.url}/console/api/datasets/${datasetId}/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${consoleToken}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`upload → ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function listAll(kiln, key, datasetId) {
  const docs = [];
  for (let page = 1; ; page++) {
    const res = await api(kiln, key, "GET", `/datasets/${datasetId}/documents?page=${page}&limit=100`);
    docs.push(...res.data);
    if (!res.has_more) break;
  }
  return docs;
}

/**
 * Polls as a dashboard would, cheaply: how many documents are still queued or indexing (one row
 * each, and the page's total), every 100 ms; every document is uploaded before this starts. The
 * full listing (8 pages for this corpus) is read once, at the end, not at every poll.
 */
async function waitAllIndexed(kiln, key, datasetId, total, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  const count = async (status) => (await api(kiln, key, "GET", `/datasets/${datasetId}/documents?page=1&limit=1&status=${status}`)).total;
  for (;;) {
    const [queued, indexing] = await Promise.all([count("queuing"), count("indexing")]);
    if (queued + indexing === 0) {
      const docs = await listAll(kiln, key, datasetId);
      if (docs.length < total) throw new Error(`only ${docs.length} of ${total} documents were created`);
      const finished = docs.filter((d) => d.indexing_status === "completed" || d.indexing_status === "error");
      if (finished.length === docs.length) return docs;
    }
    if (Date.now() > deadline) throw new Error(`indexing timed out: ${queued + indexing} of ${total} documents still queued or indexing`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function ingest(kiln, keys, name, corpus, processRule) {
  const { key } = keys;
  const dataset = await api(kiln, key, "POST", "/datasets", { name, indexing_technique: "high_quality", permission: "all_team_members" });
  const started = performance.now();
  await uploadAll(kiln, keys.console, dataset.id, corpus, processRule);
  const uploaded = performance.now();
  const docs = await waitAllIndexed(kiln, key, dataset.id, corpus.length);
  const elapsedS = (performance.now() - started) / 1000;
  const segments = docs.reduce((n, d) => n + (d.segment_count ?? 0), 0);
  const megabytes = corpus.reduce((n, f) => n + f.bytes.length, 0) / 1e6;
  return {
    dataset,
    docs,
    figures: {
      documents: docs.length,
      failed_documents: docs.filter((d) => d.indexing_status === "error").length,
      megabytes: round(megabytes),
      segments,
      upload_s: round((uploaded - started) / 1000),
      elapsed_s: round(elapsedS),
      segments_per_s: round(segments / elapsedS),
      mb_per_s: round(megabytes / elapsedS),
    },
  };
}

const MODES = {
  semantic: { search_method: "semantic_search" },
  full_text: { search_method: "full_text_search" },
  hybrid: { search_method: "hybrid_search", reranking_mode: "weighted_score", weights: { vector_setting: { vector_weight: 0.7 }, keyword_setting: { keyword_weight: 0.3 } } },
  hybrid_rrf: { search_method: "hybrid_search", reranking_mode: "reciprocal_rank_fusion" },
};

function retrievalModel(mode, topK) {
  return { reranking_enable: false, score_threshold_enabled: false, top_k: topK, ...MODES[mode] };
}

export async function latency(kiln, key, datasetId, mode, queries) {
  const samples = [];
  for (const query of queries) {
    const t = performance.now();
    await api(kiln, key, "POST", `/datasets/${datasetId}/retrieve`, { query, retrieval_model: retrievalModel(mode, 5) });
    samples.push(performance.now() - t);
  }
  const sorted = samples.sort((a, b) => a - b);
  return { queries: samples.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

/**
 * Hits count for the labelled document or any byte-identical copy of it: node_modules holds some
 * files twice (a package and its copy under another package), and which of two equal documents
 * ranks first is a tie, not a retrieval error.
 */
async function recallAt5(kiln, key, datasetId, docIdsFor, questions, mode) {
  let documentHits = 0;
  let answerHits = 0;
  for (const q of questions) {
    const res = await api(kiln, key, "POST", `/datasets/${datasetId}/retrieve`, { query: q.question, retrieval_model: retrievalModel(mode, 5) });
    const wanted = docIdsFor(q.document);
    const fromDoc = res.records.filter((r) => wanted.has(r.segment.document_id));
    if (fromDoc.length) documentHits++;
    if (fromDoc.some((r) => r.segment.content.includes(q.answer))) answerHits++;
  }
  return { questions: questions.length, document_recall_at_5: round(documentHits / questions.length), answer_recall_at_5: round(answerHits / questions.length) };
}

export async function benchKnowledge(kiln) {
  const keys = await provisionDatasetKey(kiln);
  const { key } = keys;
  const corpus = markdownCorpus();
  const questions = JSON.parse(readFileSync(new URL("./knowledge/questions.json", import.meta.url), "utf8"));

  const automatic = await ingest(kiln, keys, "bench-automatic", corpus, { mode: "automatic" });
  const docsByName = new Map(automatic.docs.map((d) => [d.name, d.id]));
  const copies = new Map();
  for (const f of corpus) {
    const text = f.bytes.toString("utf8");
    copies.set(text, [...(copies.get(text) ?? []), f.name]);
  }
  const textOf = new Map(corpus.map((f) => [f.name, f.bytes.toString("utf8")]));
  const docIdsFor = (name) => new Set((copies.get(textOf.get(name)) ?? [name]).map((n) => docsByName.get(n.replaceAll("/", "__"))));
  const recall = {};
  for (const mode of Object.keys(MODES)) recall[mode] = await recallAt5(kiln, key, automatic.dataset.id, docIdsFor, questions, mode);

  const small = await ingest(kiln, keys, "bench-20k", corpus.map((f) => ({ ...f })), {
    mode: "custom",
    rules: { pre_processing_rules: [{ id: "remove_extra_spaces", enabled: true }], segmentation: { separator: "\\n", max_tokens: 85, chunk_overlap: 0 } },
  });
  const queries = Array.from({ length: 100 }, (_, i) => questions[i % questions.length].question);
  // One warm-up query per mode loads the local vector index into the isolate.
  for (const mode of Object.keys(MODES)) await latency(kiln, key, small.dataset.id, mode, queries.slice(0, 2));
  const latencies = {};
  for (const mode of Object.keys(MODES)) latencies[mode] = await latency(kiln, key, small.dataset.id, mode, queries);

  return [
    {
      name: "knowledge_ingestion",
      description:
        "every .md under node_modules uploaded 25 files per request (console multi-file upload, automatic rule, offline embedder) until all documents are completed",
      ...automatic.figures,
      target_segments_per_s: 1000,
    },
    {
      name: "knowledge_retrieval_latency",
      description: "POST /v1/datasets/:id/retrieve, top 5, sequential, on the same corpus cut into small segments",
      segments: small.figures.segments,
      ingestion: small.figures,
      ...latencies,
      target_p95_ms: 50,
    },
    { name: "knowledge_recall_at_5", description: "labelled questions (test/bench/knowledge/questions.json) over the automatic-rule dataset; a byte-identical copy of the labelled document counts as it", ...recall },
  ];
}
