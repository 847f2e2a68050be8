// Runs Kiln's document parsers over every file of a folder, each in a worker thread with a heap
// limit near a Worker's (128 MB, of which the parse may use about 100) and a time limit, and prints
// one line per file: its text length, a refusal (a ParseError: the message a user would see), or a
// failure (any other error, running out of memory, or the time limit). For checking Kiln against
// real documents that are not in this repository (Apache POI's and PDF.js's test files, say).
//
//   node scripts/check-documents.mjs <folder> [--heap-mb 100] [--timeout-s 30]
//
// Exits 1 when any file failed; a refusal is not a failure.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "heap-mb": { type: "string" }, "timeout-s": { type: "string" } },
});
const dir = positionals[0];
if (!dir) {
  console.error("usage: node scripts/check-documents.mjs <folder> [--heap-mb 100] [--timeout-s 30]");
  process.exit(2);
}
const heapMb = Number(values["heap-mb"] ?? 100);
const timeoutMs = Number(values["timeout-s"] ?? 30) * 1000;
const files = readdirSync(dir)
  .map((name) => join(dir, name))
  .filter((path) => statSync(path).isFile())
  .sort();

// The parsers as Node runs them: one ES module, with `require` for the CommonJS inside mammoth.
const out = mkdtempSync(join(tmpdir(), "kiln-check-documents-"));
const bundle = join(out, "parse.mjs");
await build({
  entryPoints: [resolve(import.meta.dirname, "../src/knowledge/parse/parse-document.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: bundle,
  logLevel: "warning",
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

const worker = `
import { parentPort, workerData } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
const { parseDocument } = await import(workerData.bundle);
const bytes = new Uint8Array(readFileSync(workerData.file));
const started = performance.now();
try {
  const { text } = await parseDocument({ bytes, filename: basename(workerData.file) });
  parentPort.postMessage({ outcome: "ok", chars: text.length, ms: performance.now() - started });
} catch (error) {
  const refused = error?.name === "ParseError";
  parentPort.postMessage({ outcome: refused ? "refused" : "failed", message: \`\${refused ? "" : \`\${error?.name}: \`}\${error?.message ?? error}\`, ms: performance.now() - started });
}`;

/** One file in its own worker: what came of it, or why the worker died. */
function check(file) {
  return new Promise((done) => {
    const thread = new Worker(worker, { eval: true, workerData: { file, bundle }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const timer = setTimeout(() => {
      void thread.terminate();
      done({ outcome: "failed", message: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    thread.once("message", (result) => {
      clearTimeout(timer);
      void thread.terminate();
      done(result);
    });
    thread.once("error", (error) => {
      clearTimeout(timer);
      done({ outcome: "failed", message: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? `out of memory (heap limit ${heapMb} MB)` : String(error) });
    });
  });
}

const counts = { ok: 0, refused: 0, failed: 0 };
try {
  for (const file of files) {
    const result = await check(file);
    counts[result.outcome]++;
    const ms = result.ms === undefined ? "" : ` (${Math.round(result.ms)} ms)`;
    const what = result.outcome === "ok" ? `${result.chars} characters` : result.message;
    console.log(`${result.outcome.padEnd(8)} ${file.slice(dir.length).replace(/^\//, "")}: ${what}${ms}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(`\n${files.length} files: ${counts.ok} read, ${counts.refused} refused, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : 0);
