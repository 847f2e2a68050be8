// Runs user JavaScript (the code node's `function main(args) { return {...} }`, sync or async) in
// QuickJS compiled to WebAssembly: a fresh runtime per call with a CPU and a memory limit, no
// host functions at all (no fetch, timers, require, process), JSON in and JSON out. Never `eval`.
//
// python3 code runs in Kiln's own interpreter (sandbox/python), not Pyodide: Pyodide's
// interpreter and standard library are several megabytes of WebAssembly and data that do not
// fit the 10 MB Worker bundle next to Kiln, and it compiles extension modules from bytes at run
// time, which workerd forbids (WebAssembly must come from a module import).
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
// By file path, not the package's "./wasm" export: wrangler's bundler gives `.wasm` files their
// loader by the import's extension.
import wasmModule from "../../../node_modules/@jitl/quickjs-wasmfile-release-sync/dist/emscripten-module.wasm";
import {
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
  newQuickJSWASMModuleFromVariant,
  newVariant,
} from "quickjs-emscripten-core";
import { KilnError } from "../../lib/errors";

export interface SandboxLimits {
  /** Budget for one call (Dify's CODE_EXECUTION_TIMEOUT); default 5 000 ms. */
  timeoutMs?: number;
  /** Memory the call may take; default and maximum 64 MB. */
  memoryBytes?: number;
  /** Largest JSON result accepted, in characters; default 1 000 000. */
  maxOutputChars?: number;
}

const MB = 1024 * 1024;
export const SANDBOX_DEFAULTS = { timeoutMs: 5_000, memoryBytes: 64 * MB, maxOutputChars: 1_000_000 } as const;

/** Why a sandboxed call failed, for callers that react differently (and for tests). */
export type SandboxFailure = "syntax" | "runtime" | "timeout" | "memory" | "output";

export class SandboxError extends KilnError {
  constructor(
    readonly reason: SandboxFailure,
    message: string,
  ) {
    super("invalid_param", 400, message);
    this.name = "SandboxError";
  }
}

// QuickJS checks its interrupt handler about every 10 000 bytecode operations. Workers freeze
// Date.now() while code runs without I/O, so a clock deadline alone never fires in production;
// a budget of handler calls bounds the work too, at 10 calls per ms (a loaded 2-core test box
// measured ~2.6). Where the clock runs (local dev, tests) the deadline is exact; in production
// the budget stops code after about the limit on fast hardware and later on slow hardware, and
// the platform's CPU limit for the request remains the last bound.
const INTERRUPTS_PER_MS = 10;
// Below the WebAssembly stack QuickJS itself runs on, so deep recursion is a catchable
// RangeError in the guest instead of a crash of the shared module.
const MAX_STACK_BYTES = 512 * 1024;
// This QuickJS build cannot measure its allocations (no malloc_usable_size), so
// runtime.setMemoryLimit counts blocks, not bytes. Memory is bounded instead by the module's own
// WebAssembly.Memory: 16 MB to start (the build's INITIAL_MEMORY) and a hard ceiling above it,
// where malloc fails and QuickJS throws "out of memory"; within it, each call may grow the heap
// by its memoryBytes (checked at every interrupt). A heap left large is dropped after the call.
const PAGE = 64 * 1024;
const INITIAL_HEAP = 16 * MB;
const HEAP_CEILING = INITIAL_HEAP + SANDBOX_DEFAULTS.memoryBytes;
const RECYCLE_ABOVE = 32 * MB;
const FILENAME = "main.js";

interface Instance {
  module: QuickJSWASMModule;
  memory: WebAssembly.Memory;
}

let cached: Instance | undefined;

/**
 * The QuickJS module, instantiated once per isolate (0.5 MB of WebAssembly, ~50 ms to instantiate).
 * The instance is shared, never the promise of one: a request that awaited a promise another
 * request created would go on in that request, and hang if it ended first. Requests that arrive
 * together at a cold isolate each instantiate, and the first instance is kept.
 */
async function instance(): Promise<Instance> {
  if (cached) return cached;
  const memory = new WebAssembly.Memory({ initial: INITIAL_HEAP / PAGE, maximum: HEAP_CEILING / PAGE });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(releaseSync, { wasmModule, wasmMemory: memory }));
  cached ??= { module, memory };
  return cached;
}

// Guest-side glue around the user's code, in the same script (one parse per call): no host
// function is ever exposed, the input arrives as a JSON string and the outcome leaves as one.
// The prelude stays on line 1 so error lines are the user's; it gives code written for Node a
// console that goes nowhere. A sync main is called outside any promise job, so an interrupt
// unwinds straight out of it; the script's value is the outcome, or undefined while an async
// main is pending.
const PRELUDE = "globalThis.console = { log() {}, info() {}, warn() {}, error() {}, debug() {} };";
const RUN_MAIN = [
  ";(function (input) {",
  "var done = function (outcome) { return (globalThis.__kiln_outcome = JSON.stringify(outcome)); };",
  "var fail = function (e) { var o = e !== null && typeof e === 'object';",
  "  return done({ ok: false, name: o ? String(e.name) : 'Error', message: o ? String(e.message) : String(e), stack: o && e.stack ? String(e.stack) : '' }); };",
  "var finish = function (value) {",
  "  if (value === null || typeof value !== 'object' || Array.isArray(value)) return done({ ok: false, kind: 'not-object' });",
  "  var json; try { json = JSON.stringify(value); } catch (e) { return fail(e); }",
  "  return done({ ok: true, json: json }); };",
  "if (typeof main !== 'function') return done({ ok: false, name: 'Error', message: 'The code must define a function named main(args)', stack: '' });",
  "var value; try { value = main(JSON.parse(input)); } catch (e) { return fail(e); }",
  "if (value !== null && typeof value === 'object' && typeof value.then === 'function') { value.then(finish, fail); return undefined; }",
  "return finish(value);",
  "})(globalThis.__kiln_input);",
].join(" ");

interface Outcome {
  ok: boolean;
  json?: string;
  kind?: "not-object";
  name?: string;
  message?: string;
  stack?: string;
}

interface GuestError {
  name?: string;
  message?: string;
  stack?: string;
}

function lineOf(stack: string | undefined): number | null {
  const match = stack?.match(/main\.js:(\d+)/);
  return match ? Number(match[1]) : null;
}

const timeLimit = (ms: number) => new SandboxError("timeout", `Code execution exceeded the time limit of ${ms} ms`);
const memoryLimit = () => new SandboxError("memory", "Code execution exceeded the memory limit");

/** A guest exception as a SandboxError: syntax errors while loading, the rest while running. */
function guestFailure(err: GuestError, phase: "load" | "run"): SandboxError {
  const name = err.name ?? "Error";
  const message = err.message ?? "";
  if (/out of memory/i.test(message)) return memoryLimit();
  const line = lineOf(err.stack);
  const where = line ? ` (line ${line})` : "";
  if (name === "SyntaxError" && phase === "load") return new SandboxError("syntax", `SyntaxError: ${message}${where}`);
  return new SandboxError("runtime", `${name}: ${message}${where}`);
}

/** Runs `main(inputs)` and returns its result; throws SandboxError with a message a user can act on. */
export async function runJavaScript(
  code: string,
  inputs: Record<string, unknown>,
  limits: SandboxLimits = {},
): Promise<Record<string, unknown>> {
  const timeoutMs = limits.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs;
  const memoryBytes = Math.min(limits.memoryBytes ?? SANDBOX_DEFAULTS.memoryBytes, SANDBOX_DEFAULTS.memoryBytes);
  const maxOutputChars = limits.maxOutputChars ?? SANDBOX_DEFAULTS.maxOutputChars;
  const input = JSON.stringify(inputs ?? {});
  const { module, memory } = await instance();

  let runtime: QuickJSRuntime | undefined;
  let context: QuickJSContext | undefined;
  let stopped: "timeout" | "memory" | null = null;
  let broken = false;
  try {
    runtime = module.newRuntime();
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const deadline = Date.now() + timeoutMs;
    const budget = Math.max(1, Math.ceil(timeoutMs * INTERRUPTS_PER_MS));
    const heapAtStart = memory.buffer.byteLength;
    let interrupts = 0;
    runtime.setInterruptHandler(() => {
      if (stopped) return true;
      if (++interrupts > budget || Date.now() > deadline) stopped = "timeout";
      else if (memory.buffer.byteLength - heapAtStart > memoryBytes) stopped = "memory";
      return stopped !== null;
    });
    context = runtime.newContext();
    const ctx = context;
    const stoppedError = () => (stopped === "memory" ? memoryLimit() : stopped === "timeout" ? timeLimit(timeoutMs) : null);
    const thrown = (handle: QuickJSHandle, phase: "load" | "run") => {
      const err = ctx.dump(handle) as GuestError | null;
      handle.dispose();
      return stoppedError() ?? guestFailure(err && typeof err === "object" ? err : { message: String(err) }, phase);
    };

    const inputHandle = ctx.newString(input);
    ctx.setProp(ctx.global, "__kiln_input", inputHandle);
    inputHandle.dispose();
    const result = ctx.evalCode(`${PRELUDE}${code}\n${RUN_MAIN}`, FILENAME);
    if (result.error) throw thrown(result.error, "load");
    let raw = ctx.typeof(result.value) === "string" ? ctx.getString(result.value) : null;
    result.value.dispose();
    if (raw === null) {
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) throw thrown(jobs.error, "run");
      const early = stoppedError();
      if (early) throw early;
      const outcomeHandle = ctx.getProp(ctx.global, "__kiln_outcome");
      raw = ctx.typeof(outcomeHandle) === "string" ? ctx.getString(outcomeHandle) : null;
      outcomeHandle.dispose();
    }
    if (raw === null) throw new SandboxError("runtime", "main returned a promise that never settled (timers and network are not available)");
    const outcome = JSON.parse(raw) as Outcome;
    if (!outcome.ok) {
      if (outcome.kind === "not-object") throw new SandboxError("output", "main must return an object");
      throw guestFailure(outcome, "run");
    }
    const json = outcome.json ?? "{}";
    if (json.length > maxOutputChars) {
      throw new SandboxError("output", `The output of main is ${json.length} characters, more than the limit of ${maxOutputChars}`);
    }
    return JSON.parse(json) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof SandboxError) {
      if (err.reason === "memory") stopped ??= "memory";
      throw err;
    }
    // The WebAssembly instance itself failed (an abort): start the next call from a fresh one.
    broken = true;
    throw new SandboxError("runtime", `The code sandbox failed: ${(err as Error)?.message ?? String(err)}`);
  } finally {
    // A runtime stopped mid-work can hold objects QuickJS cannot free (freeing it then aborts
    // the module), and an outgrown heap never shrinks: in both cases drop the whole instance
    // and let the garbage collector take it; the next call instantiates a fresh one.
    if (stopped || broken || memory.buffer.byteLength > RECYCLE_ABOVE) {
      cached = undefined;
    } else {
      try {
        context?.dispose();
        runtime?.dispose();
      } catch {
        cached = undefined;
      }
    }
  }
}

// The console a script's output is read from (Dify's code tool answers what the code printed):
// each call is one line of its arguments, strings as they are and other values as JSON, joined by
// spaces as Node's console joins them. On line 1 with the wrapper, so error lines stay the user's.
const CAPTURE_CONSOLE = [
  "globalThis.__kiln_stdout = [];",
  "(function () { var show = function (v) { if (typeof v === 'string') return v;",
  "  if (typeof v === 'function') return '[Function: ' + (v.name || '(anonymous)') + ']';",
  "  try { var j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch (e) { return String(v); } };",
  "  var put = function () { var parts = []; for (var i = 0; i < arguments.length; i++) parts.push(show(arguments[i]));",
  "    globalThis.__kiln_stdout.push(parts.join(' ') + '\\n'); };",
  "  globalThis.console = { log: put, info: put, warn: put, error: put, debug: put }; })();",
].join(" ");

/**
 * Runs JavaScript as a script and answers what it printed with console.log (Dify's code tool).
 * The script runs as the body of a function, under the same limits as a code node.
 */
export async function runJavaScriptScript(code: string, limits: SandboxLimits = {}): Promise<string> {
  const wrapped = `${CAPTURE_CONSOLE} function main() {${code}\n;return { stdout: globalThis.__kiln_stdout.join("") }; }`;
  const { stdout } = await runJavaScript(wrapped, {}, limits);
  return typeof stdout === "string" ? stdout : "";
}
