// Starts Kiln locally under `wrangler dev`: applies the D1 migrations to a persisted state
// directory, starts the Worker with the dashboard assets, waits for /health, and seeds the first
// owner through the same setup API a fresh production database uses. Used by `npm run dev`, the
// browser tests and the benchmarks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = resolve(ROOT, "node_modules/.bin/wrangler");

/**
 * The environment wrangler runs in. wrangler 4.86 (the last release for Node 20) bundles workerd
 * 2026-04-26, whose V8 can livelock under allocation-heavy work such as a large ingestion: a
 * background Maglev compile waits for a garbage collection that the main thread, pumping V8's
 * message loop after a request, never runs (workerd then spins at 100% CPU and answers nothing).
 * Kiln pins the newer workerd that the vitest plugin runs (package.json) and points wrangler's
 * miniflare at it; MINIFLARE_WORKERD_PATH set by the caller still wins.
 */
export function wranglerEnv(persistDir) {
  const workerd = process.env.MINIFLARE_WORKERD_PATH ?? createRequire(import.meta.url)("workerd").default;
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", MINIFLARE_WORKERD_PATH: workerd };
  // Wrangler appends every debug line to a log file, under `wrangler dev` one per DevTools message
  // (each D1 query and fetch, with its body): hundreds of MB a benchmark run. Given the run's
  // state directory, the log goes there instead of accumulating under ~/.config/.wrangler/logs,
  // and a temporary state takes it away.
  if (persistDir && !process.env.WRANGLER_LOG_PATH) env.WRANGLER_LOG_PATH = resolve(persistDir, "wrangler-logs");
  return env;
}

export const DEFAULT_ADMIN = { email: "admin@kiln.local", password: "kiln-admin-2026", name: "Kiln Admin" };

/** Parses a dotenv-style file (KEY=value, # comments, optional quotes). */
export function readVars(file) {
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/);
    if (!m) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}

/**
 * Builds the dashboard into web/dist (the production bundle), which `wrangler dev` serves through
 * the dashboard Worker and refuses to start without. Throws if the build fails.
 */
export function buildDashboard() {
  const r = spawnSync(resolve(ROOT, "node_modules/.bin/vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    // Its messages go to stderr: the benchmarks print their figures as JSON on stdout.
    stdio: ["ignore", 2, 2],
    // Test runners set NODE_ENV=test; the dashboard must be the production bundle.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("dashboard build failed");
}

export function applyMigrations(persistDir) {
  const r = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: ROOT,
    encoding: "utf8",
    env: wranglerEnv(persistDir),
  });
  if (r.status !== 0) throw new Error(`applying migrations failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Kiln did not become healthy at ${url} within ${timeoutMs} ms`);
}

/** Creates the first owner through the setup API if the database is fresh. */
export async function seedOwner(url, admin) {
  const status = await (await fetch(`${url}/console/api/setup`)).json();
  if (status.step === "finished") return { created: false };
  const res = await fetch(`${url}/console/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: admin.email, name: admin.name, password: admin.password }),
  });
  if (res.status !== 201) throw new Error(`seeding the owner failed: ${res.status} ${await res.text()}`);
  return { created: true };
}

/**
 * Creates and publishes a demo chat app (once) and returns its WebApp URL and a fresh API key.
 * Uses the same console API as the dashboard.
 */
export async function seedDemoApp(url, admin) {
  const login = await (
    await fetch(`${url}/console/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    })
  ).json();
  if (!login.data) return null;
  const headers = { authorization: `Bearer ${login.data.access_token}`, "content-type": "application/json" };
  const call = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const existing = await call("GET", "/console/api/apps?name=Demo%20assistant&limit=1");
  let app = existing.data?.[0];
  if (!app) {
    app = await call("POST", "/console/api/apps", {
      name: "Demo assistant",
      mode: "chat",
      description: "A chat app seeded by npm run dev. Edit its prompt in the dashboard.",
      icon: "🔥",
      icon_background: "#FFEAD5",
    });
    const current = await call("GET", `/console/api/apps/${app.id}/model-config`);
    const draft = current.model_config ?? current;
    await call("POST", `/console/api/apps/${app.id}/model-config`, {
      ...draft,
      pre_prompt: "You are Kiln's demo assistant. Answer briefly and helpfully. The user's name is {{name}}.",
      user_input_form: [{ "text-input": { variable: "name", label: "Your name", required: false, max_length: 48, default: "friend" } }],
      opening_statement: "Hi! I'm the demo assistant. Ask me anything.",
      suggested_questions: ["What can Kiln do?", "How do I call this app over the API?"],
    });
    await call("POST", `/console/api/apps/${app.id}/publish`, { marked_name: "v1" });
    app = await call("GET", `/console/api/apps/${app.id}`);
  }
  const keys = await call("GET", `/console/api/apps/${app.id}/api-keys`);
  const apiKey = keys.data?.length ? null : (await call("POST", `/console/api/apps/${app.id}/api-keys`)).token;
  return { id: app.id, webappUrl: `${url}/chat/${app.site?.code ?? app.site_code ?? ""}`, apiKey };
}

/**
 * @param {{ port?: number, persistDir?: string, seed?: boolean, vars?: Record<string,string>,
 *           admin?: {email:string,password:string,name:string}, config?: string, quiet?: boolean,
 *           timeoutMs?: number, inspector?: boolean }} options
 * `inspector: false` runs the one Worker of `config` without the DevTools inspector (see
 * start-worker.mjs); Kiln then runs without its dashboard Worker, as the benchmarks need no pages.
 */
export async function startPlatform(options = {}) {
  const port = options.port ?? 8787;
  const persistDir = resolve(ROOT, options.persistDir ?? ".wrangler/state");
  const config = options.config ?? "wrangler.toml";
  const admin = options.admin ?? DEFAULT_ADMIN;
  if (config === "wrangler.toml") applyMigrations(persistDir);
  const cli = [
    "dev",
    "--config",
    config,
    // Kiln's dashboard Worker runs beside it, reached through its DASHBOARD service binding.
    ...(config === "wrangler.toml" ? ["--config", "web/wrangler.toml"] : []),
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistDir,
    "--inspector-port",
    String(port + 10000),
    "--show-interactive-dev-session=false",
    // GET /__scheduled runs the Worker's cron handler (workflow schedules, housekeeping): local
    // dev has no cron of its own, so `npm run dev` calls it every minute.
    "--test-scheduled",
    "--log-level",
    options.logLevel ?? "warn",
  ];
  for (const [k, v] of Object.entries(options.vars ?? {})) cli.push("--var", `${k}:${v}`);
  const [command, args] =
    options.inspector === false
      ? [
          process.execPath,
          [
            resolve(ROOT, "scripts/lib/start-worker.mjs"),
            JSON.stringify({ config, port, persistDir, vars: options.vars, logLevel: options.logLevel ?? "warn" }),
          ],
        ]
      : [WRANGLER, cli];
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: options.quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
    env: { ...wranglerEnv(persistDir), NO_COLOR: "1" },
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
        r();
      }, 5000);
      child.once("exit", () => {
        clearTimeout(t);
        r();
      });
    });
  };
  try {
    const health = await waitForHealth(url, child, options.timeoutMs ?? 90_000);
    const seeded = options.seed === false ? { created: false } : await seedOwner(url, admin);
    return { url, stop, admin, health, seeded, child };
  } catch (err) {
    await stop();
    throw new Error(`${err.message}\n${stderr}`);
  }
}
