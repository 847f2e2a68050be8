// Runs a Dify python3 code node in a Python interpreter written in TypeScript: the module is
// executed, then main(**inputs) is called and its dict returned as JSON values. See README.md.
import { SANDBOX_DEFAULTS, SandboxError, type SandboxLimits } from "../quickjs";
import type { Module } from "./ast";
import { makeBuiltins } from "./builtins";
import { resetClassState } from "./classes";
import { resetOsEnviron } from "./modules/os";
import { PySyntaxError } from "./errors";
import { str } from "./format";
import { stdout } from "./stdout";
import { performRequest } from "./http";
import { Interpreter } from "./interpreter";
import "./methods";
import { parse } from "./parser";
import { type HttpRequest, ReplayLog, replay } from "./replay";
import { E, PyDict, PyException, PyList, type Py, PyTuple, allocation, pyError, typeName } from "./values";

/**
 * Evaluation steps allowed per millisecond of the time limit. Workers freeze Date.now() while
 * code runs, so the step budget is what bounds a run in production. A step is a statement, a
 * loop iteration or a call; measured locally (Node 20, one core) tight loops run ~11 000 steps
 * per ms, recursive calls ~5 000, string/dict-heavy code ~1 000-2 000 (see the README).
 */
const STEPS_PER_MS = 3_000;
/**
 * Python frames allowed. Each Python call takes about a dozen JavaScript frames, so CPython's
 * 1000 would overflow the JavaScript stack first; the cap keeps RecursionError clean.
 */
const MAX_DEPTH = 200;
const AST_CACHE_SIZE = 100;
/** Bulk allocations may total this many times the memory limit over one run (see values.ts). */
const BULK_ALLOCATION_FACTOR = 8;

const astCache = new Map<string, Module | PySyntaxError>();

function parseCached(code: string): Module {
  let entry = astCache.get(code);
  if (entry) {
    astCache.delete(code);
    astCache.set(code, entry);
  } else {
    try {
      entry = parse(code);
    } catch (e) {
      if (e instanceof PySyntaxError) entry = e;
      else if (e instanceof RangeError) entry = new PySyntaxError("too many nested parentheses", 1);
      else throw e;
    }
    astCache.set(code, entry);
    if (astCache.size > AST_CACHE_SIZE) astCache.delete(astCache.keys().next().value!);
  }
  if (entry instanceof PySyntaxError) throw new SandboxError("syntax", `${entry.kind}: ${entry.message} (line ${entry.line})`);
  return entry;
}

let builtins: Map<string, Py> | undefined;

/** JSON input values to Python values. */
function toPython(v: unknown): Py {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return Number.isInteger(v) ? BigInt(v) : v;
    case "bigint":
      return v;
    case "object": {
      if (Array.isArray(v)) return new PyList(v.map(toPython));
      const d = new PyDict();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.set(k, toPython(x));
      return d;
    }
  }
  return null;
}

/** Python values to JSON values, as json.dumps would convert them. */
function toJson(v: Py, depth = 0, active = new Set<object>()): unknown {
  if (depth > 500) throw pyError(E.RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "bigint":
      return Number(v);
    case "number":
      if (!Number.isFinite(v)) throw pyError(E.ValueError, "Out of range float values are not JSON compliant");
      return v;
  }
  if (v === null) return null;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict) {
    if (active.has(v)) throw pyError(E.ValueError, "Circular reference detected");
    active.add(v);
    let out: unknown;
    if (v instanceof PyDict) {
      const obj: Record<string, unknown> = {};
      for (const [k, x] of v.map.values()) obj[jsonKey(k)] = toJson(x, depth + 1, active);
      out = obj;
    } else out = v.items.map((x) => toJson(x, depth + 1, active));
    active.delete(v);
    return out;
  }
  throw pyError(E.TypeError, `Object of type ${typeName(v)} is not JSON serializable`);
}

function jsonKey(k: Py): string {
  switch (typeof k) {
    case "string":
      return k;
    case "bigint":
      return k.toString();
    case "number":
      return Number.isFinite(k) ? str(k) : Number.isNaN(k) ? "NaN" : k > 0 ? "Infinity" : "-Infinity";
    case "boolean":
      return k ? "true" : "false";
  }
  if (k === null) return "null";
  throw pyError(E.TypeError, `keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function runtimeError(e: PyException): SandboxError {
  const where = e.line !== undefined ? ` (line ${e.line})` : "";
  const message = str(e);
  const module = e.type.module;
  const name = module === "builtins" || module === "__main__" ? e.type.name : `${module}.${e.type.name}`;
  return new SandboxError("runtime", `${name}${message ? `: ${message}` : ""}${where}`);
}

export interface RunPythonOptions {
  /** Enables `requests` (record/replay, see replay.ts); the code node passes the SSRF-guarded fetch. */
  fetch?: typeof fetch;
  /** Aborts a pending request when the workflow run is cancelled. */
  signal?: AbortSignal;
}

type Attempt = { value: unknown } | { fetch: HttpRequest };

/** What a run evaluates: `main(**inputs)` of the module (a code node), or the module alone, whose printed text is the answer (the code tool). */
type Entry = { main: Record<string, unknown> } | { script: true };

/** One evaluation of the module (and main); a request without a recorded response ends it early. */
function attempt(mod: Module, entry: Entry, interp: Interpreter, log: ReplayLog | null, maxOutputChars: number): Attempt {
  replay.current = log;
  log?.startAttempt();
  const globals = new Map<string, Py>();
  globals.set("__name__", "__main__");
  const printed = "script" in entry ? { chunks: [] as string[], size: 0, limit: maxOutputChars } : null;
  stdout.current = printed;
  try {
    interp.runModule(mod, globals);
    if (log?.pending) return { fetch: log.pending };
    if (printed) return { value: printed.chunks.join("") };
    const inputs = "main" in entry ? entry.main : {};
    const main = globals.get("main");
    if (main === undefined) throw new SandboxError("runtime", "NameError: name 'main' is not defined: the code must define a function named main");
    const kwargs = new Map<string, Py>();
    for (const [k, v] of Object.entries(inputs)) kwargs.set(k, toPython(v));
    const value = interp.call(main, [], kwargs);
    // a `return` in a `finally` can swallow the stop; the request is still made
    if (log?.pending) return { fetch: log.pending };
    if (!(value instanceof PyDict)) {
      throw new SandboxError("runtime", `TypeError: main must return a dict, not ${typeName(value)}`);
    }
    return { value: toJson(value) };
  } catch (e) {
    if (e instanceof SandboxError) throw e;
    if (log?.pending) return { fetch: log.pending };
    if (e instanceof PyException) throw runtimeError(e);
    if (e instanceof RangeError) {
      if (/call stack/i.test(e.message)) throw new SandboxError("runtime", "RecursionError: maximum recursion depth exceeded");
      throw new SandboxError("memory", "Code execution exceeded the memory limit");
    }
    throw e;
  } finally {
    replay.current = null;
    stdout.current = null;
  }
}

/** Runs `main(**inputs)` of the Python code and returns its dict; throws SandboxError. */
export async function runPython(
  code: string,
  inputs: Record<string, unknown>,
  limits: SandboxLimits = {},
  options: RunPythonOptions = {},
): Promise<Record<string, unknown>> {
  return (await execute(code, { main: inputs }, limits, options)) as Record<string, unknown>;
}

/** Runs the Python code as a script and answers what it printed (Dify's code tool); throws SandboxError. */
export async function runPythonScript(code: string, limits: SandboxLimits = {}, options: RunPythonOptions = {}): Promise<string> {
  return (await execute(code, { script: true }, limits, options)) as string;
}

async function execute(code: string, entry: Entry, limits: SandboxLimits, options: RunPythonOptions): Promise<unknown> {
  const timeoutMs = limits.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs;
  const maxOutputChars = limits.maxOutputChars ?? SANDBOX_DEFAULTS.maxOutputChars;
  const memoryBytes = Math.min(limits.memoryBytes ?? SANDBOX_DEFAULTS.memoryBytes, SANDBOX_DEFAULTS.memoryBytes);
  const mod = parseCached(code);
  builtins ??= makeBuiltins();
  // values are recorded only when the code can import requests, the one way to need a replay
  const log = options.fetch ? new ReplayLog(/\brequests\b/.test(code)) : null;
  const deadline = Date.now() + timeoutMs;
  // the step and time budgets cover all attempts of a replayed run together
  let stepsLeft = timeoutMs * STEPS_PER_MS;
  let result: unknown;
  for (;;) {
    allocation.used = 0;
    resetClassState();
    resetOsEnviron();
    allocation.budget = memoryBytes * BULK_ALLOCATION_FACTOR;
    const interp = new Interpreter(builtins, { maxSteps: stepsLeft, deadline, timeoutMs, maxDepth: MAX_DEPTH });
    let outcome: Attempt;
    try {
      outcome = attempt(mod, entry, interp, log, maxOutputChars);
    } finally {
      stepsLeft -= interp.stepsTaken;
    }
    if ("value" in outcome) {
      result = outcome.value;
      break;
    }
    // only a run with a log (given a fetch) can stop for a request
    log!.record(await performRequest(options.fetch!, outcome.fetch, { deadline, timeoutMs, signal: options.signal }));
  }
  if (typeof result === "string") return result;
  const json = JSON.stringify(result);
  if (json.length > maxOutputChars) {
    throw new SandboxError("output", `The output is ${json.length} characters long; the limit is ${maxOutputChars}`);
  }
  return result;
}
