// Runs one Worker under wrangler's dev server (the same runtime and local bindings as
// `wrangler dev`) with the DevTools inspector off. The CLI cannot turn it off: its inspector
// proxy enables the Network domain and relays every inspector event to wrangler's Node process
// over HTTP, so each subrequest (a D1 query, an R2 read, a provider call) pays several extra
// loopback requests. Benchmarks use this to measure the Worker rather than that relay.
// Usage: node scripts/lib/start-worker.mjs '{"config":…,"port":…,"persistDir":…,"vars":{…}}'
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

const options = JSON.parse(process.argv[2] ?? "{}");
const bindings = Object.fromEntries(
  Object.entries(options.vars ?? {}).map(([name, value]) => [name, { type: "plain_text", value: String(value) }]),
);
const worker = await unstable_startWorker({
  config: options.config,
  bindings,
  dev: {
    inspector: false,
    server: { hostname: "127.0.0.1", port: options.port },
    persist: options.persistDir,
    // A registry of its own: a service binding to a Worker that is not running (Kiln's
    // dashboard) then answers 503 instead of failing the start, as under the CLI.
    registry: join(options.persistDir, "dev-registry"),
    logLevel: options.logLevel ?? "warn",
    watch: false,
  },
});
await worker.ready;
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
