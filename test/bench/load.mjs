// A small closed-loop load generator over keep-alive HTTP/1.1: `concurrency` workers send
// requests back to back for `durationMs`; reports requests/s and latency percentiles.
import http from "node:http";

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

let sequence = 0;

function once(agent, url, options) {
  const body = options.bodyFn ? options.bodyFn(sequence++) : options.body;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    // end(body) sends a Content-Length, as real clients (fetch, requests, axios, Dify's SDKs) do;
    // write(body) first would send the body chunked, which no JSON client does.
    req.end(body);
  });
}

/** @returns {Promise<{ requests: number, errors: number, rps: number, p50_ms: number, p95_ms: number, p99_ms: number }>} */
export async function load(url, { concurrency = 8, durationMs = 5000, warmupMs = 1000, ...options } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const run = async (ms, record) => {
    const end = performance.now() + ms;
    const latencies = [];
    let errors = 0;
    const statuses = {};
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const status = await once(agent, url, options).catch(() => 0);
          if (status < 200 || status >= 300) {
            errors++;
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
          if (record) latencies.push(performance.now() - t);
        }
      }),
    );
    return { latencies, errors, statuses };
  };
  await run(warmupMs, false);
  const started = performance.now();
  const { latencies, errors, statuses } = await run(durationMs, true);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const r = (n) => (n == null ? null : Math.round(n * 100) / 100);
  return {
    requests: latencies.length,
    errors,
    ...(errors ? { error_statuses: statuses } : {}),
    // Throughput counts answered requests only: a fast refusal is not work done.
    rps: Math.round((latencies.length - errors) / elapsed),
    p50_ms: r(percentile(latencies, 50)),
    p95_ms: r(percentile(latencies, 95)),
    p99_ms: r(percentile(latencies, 99)),
  };
}
