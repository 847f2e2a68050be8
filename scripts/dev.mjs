// `npm run dev`: the whole platform on http://localhost:8787 — .dev.vars prepared, dashboard
// built, migrations applied, the Worker started under wrangler dev, the first owner seeded.
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildDashboard, DEFAULT_ADMIN, ROOT, readVars, seedDemoApp, startPlatform } from "./lib/platform.mjs";

const devVars = resolve(ROOT, ".dev.vars");
if (!existsSync(devVars)) {
  copyFileSync(resolve(ROOT, ".dev.vars.example"), devVars);
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(devVars, readFileSync(devVars, "utf8").replace(/^APP_SECRET=.*$/m, `APP_SECRET=${secret}`));
  console.log("Created .dev.vars with a fresh APP_SECRET.");
}
const vars = readVars(devVars);

console.log("Building the dashboard…");
try {
  buildDashboard();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8787);
const admin = {
  email: vars.ADMIN_EMAIL || DEFAULT_ADMIN.email,
  password: vars.ADMIN_PASSWORD || DEFAULT_ADMIN.password,
  name: DEFAULT_ADMIN.name,
};
console.log("Applying migrations and starting wrangler dev…");
const platform = await startPlatform({ port, admin, logLevel: "info" });
const url = `http://localhost:${port}`;
let demo = null;
try {
  demo = await seedDemoApp(platform.url, admin);
} catch (err) {
  console.warn(`Could not seed the demo app: ${err.message}`);
}
const offline = !vars.OPENAI_API_KEY;
console.log(`
  Kiln is running: ${url}
  API docs:        ${url}/docs   health: ${url}/health
  ${platform.seeded.created ? "Seeded owner" : "Owner (seeded earlier)"}:  ${admin.email} / ${admin.password}${
    platform.seeded.created ? "" : "  (if you changed it, use your own)"
  }
  Demo app:        ${demo ? demo.webappUrl.replace(platform.url, url) : "(not seeded)"}${
    demo?.apiKey ? `\n  Demo API key:    ${demo.apiKey}  (shown once; curl ${url}/v1/chat-messages -H "Authorization: Bearer ${demo.apiKey}" -H "Content-Type: application/json" -d '{"inputs":{},"query":"Hello","user":"me"}')` : ""
  }
  Models:          ${offline ? "offline (built-in deterministic model; set OPENAI_API_KEY in .dev.vars for a real one)" : "OPENAI_API_KEY from .dev.vars"}
  Press Ctrl+C to stop.
`);

// wrangler dev fires no crons: tick the cron handler each minute, as Cloudflare would in production,
// so workflow schedules (trigger-schedule nodes) run locally too.
const tick = () =>
  fetch(`${platform.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).then((r) => r.text()).catch((err) => console.warn(`Cron tick failed: ${err.message}`));
let ticker;
const nextTick = () => {
  ticker = setTimeout(() => {
    void tick();
    nextTick();
  }, 60_050 - (Date.now() % 60_000));
};
nextTick();

const shutdown = async () => {
  clearTimeout(ticker);
  await platform.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
platform.child.on("exit", (code) => process.exit(code ?? 0));
