// The dashboard's console API calls, checked against the Worker's own /openapi.json, so a route
// renamed on one side fails here instead of in a user's browser.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const WEB_SRC = fileURLToPath(new URL("../../web/src/", import.meta.url));

interface Call {
  method: string;
  path: string;
  file: string;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().filter((f) => /\.tsx?$/.test(f));
}

/** Every `api.get|post|put|delete("/path…")` in the dashboard, with `${…}` as a path parameter. */
async function dashboardCalls(): Promise<Call[]> {
  const calls: Call[] = [];
  for (const file of await sourceFiles(WEB_SRC)) {
    const text = await readFile(file, "utf8");
    for (const m of text.matchAll(/\bapi\.(get|post|put|patch|delete|upload)(?:<[^(]*>)?\(\s*([`"])(\/[^`"]*)\2/g)) {
      calls.push({ method: m[1] === "upload" ? "post" : m[1]!, path: m[3]!.replace(/\$\{[^}]*\}/g, "{}"), file: file.slice(WEB_SRC.length) });
    }
  }
  return calls;
}

const normalize = (path: string) => path.replace(/\{[^}]*\}/g, "{}");

describe("dashboard ↔ console API contract", () => {
  it("calls only operations that /openapi.json documents", async () => {
    const doc = (await (await fetch(`${inject("kilnUrl")}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${normalize(path)}`)),
    );

    const calls = (await dashboardCalls()).filter((c) => c.path !== "/openapi.json");
    expect(calls.length).toBeGreaterThan(20);
    const missing = calls
      .filter((c) => !documented.has(`${c.method} ${normalize(`/console/api${c.path}`)}`))
      .map((c) => `${c.method.toUpperCase()} /console/api${c.path} (web/src/${c.file})`);
    expect(missing).toEqual([]);
  });
});
