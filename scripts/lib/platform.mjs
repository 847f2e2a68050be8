// Starts Kiln locally under `wrangler dev`: applies the D1 migrations to a persisted state
// directory, starts the Worker with the dashboard assets, waits for /health, and seeds the first
// owner through the same setup API a fresh production database uses. Used by `npm run dev`, the
// browser tests and the benchmarks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = resolve(ROOT, "node_modules/.bin/wrangler");

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

export function applyMigrations(persistDir) {
  const r = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
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
 * @param {{ port?: number, persistDir?: string, seed?: boolean, vars?: Record<string,string>,
 *           admin?: {email:string,password:string,name:string}, config?: string, quiet?: boolean,
 *           timeoutMs?: number }} options
 */
export async function startPlatform(options = {}) {
  const port = options.port ?? 8787;
  const persistDir = resolve(ROOT, options.persistDir ?? ".wrangler/state");
  const config = options.config ?? "wrangler.toml";
  const admin = options.admin ?? DEFAULT_ADMIN;
  if (config === "wrangler.toml") applyMigrations(persistDir);
  const args = [
    "dev",
    "--config",
    config,
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistDir,
    "--inspector-port",
    String(port + 10000),
    "--show-interactive-dev-session=false",
    "--log-level",
    options.logLevel ?? "warn",
  ];
  for (const [k, v] of Object.entries(options.vars ?? {})) args.push("--var", `${k}:${v}`);
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    stdio: options.quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
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
