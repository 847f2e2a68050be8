import { describe, expect, it } from "vitest";
import { runJavaScript, SandboxError } from "../../src/workflow/sandbox/quickjs";

async function failure(promise: Promise<unknown>): Promise<SandboxError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(SandboxError);
    return err as SandboxError;
  }
  throw new Error("expected the sandbox to fail");
}

describe("runJavaScript", () => {
  it("runs Dify's main(args) convention and returns its object", async () => {
    const code = "function main({ a, b, items }) {\n  return { sum: a + b, count: items.length, first: items[0].name };\n}";
    const out = await runJavaScript(code, { a: 2, b: 3, items: [{ name: "x" }, { name: "y" }] });
    expect(out).toEqual({ sum: 5, count: 2, first: "x" });
  });

  it("awaits an async main", async () => {
    const code = "async function main({ text }) {\n  const upper = await Promise.resolve(text.toUpperCase());\n  return { result: upper };\n}";
    expect(await runJavaScript(code, { text: "hi" })).toEqual({ result: "HI" });
  });

  it("reports a syntax error with its line", async () => {
    const err = await failure(runJavaScript("function main() {\n  return {\n    a: 1 +\n  };\n}", {}));
    expect(err.reason).toBe("syntax");
    expect(err.code).toBe("invalid_param");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^SyntaxError: .+\(line \d+\)$/);
  });

  it("reports an error thrown by main with its message and line", async () => {
    const err = await failure(runJavaScript("function main() {\n  throw new TypeError('bad input');\n}", {}));
    expect(err.reason).toBe("runtime");
    expect(err.message).toBe("TypeError: bad input (line 2)");
  });

  it("reports a rejected async main", async () => {
    const err = await failure(runJavaScript("async function main() { await null; throw new Error('later'); }", {}));
    expect(err.message).toMatch(/^Error: later/);
  });

  it("requires main to be defined and to return an object", async () => {
    expect((await failure(runJavaScript("const x = 1;", {}))).message).toMatch(/must define a function named main/);
    for (const value of ["42", "'text'", "null", "[1, 2]"]) {
      const err = await failure(runJavaScript(`function main() { return ${value}; }`, {}));
      expect(err.message).toBe("main must return an object");
      expect(err.reason).toBe("output");
    }
  });

  it("stops an infinite loop at the time limit", async () => {
    const started = Date.now();
    const err = await failure(runJavaScript("function main() { for (;;) {} }", {}, { timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(err.reason).toBe("timeout");
    expect(err.message).toBe("Code execution exceeded the time limit of 300 ms");
    expect(elapsed).toBeLessThan(2_000);
  });

  it("stops an infinite loop inside an async main", async () => {
    const err = await failure(runJavaScript("async function main() { await 1; while (true) {} }", {}, { timeoutMs: 200 }));
    expect(err.reason).toBe("timeout");
  });

  it("fails a memory bomb at the memory limit", async () => {
    const code = "function main() { const parts = []; for (;;) parts.push(new Array(4096).fill(parts.length)); }";
    const err = await failure(runJavaScript(code, {}, { memoryBytes: 8 * 1024 * 1024, timeoutMs: 10_000 }));
    expect(err.reason).toBe("memory");
    expect(err.message).toBe("Code execution exceeded the memory limit");
  });

  it("turns runaway recursion into a catchable error", async () => {
    const err = await failure(runJavaScript("function f(n) { return f(n + 1) + 1; }\nfunction main() { return { v: f(0) }; }", {}));
    expect(err.reason).toBe("runtime");
    expect(err.message).toMatch(/stack/i);
  });

  it("offers no network, timers, modules or process", async () => {
    const code = `function main() {
      return { kinds: [typeof fetch, typeof setTimeout, typeof setInterval, typeof require, typeof process, typeof XMLHttpRequest, typeof WebAssembly] };
    }`;
    expect(await runJavaScript(code, {})).toEqual({ kinds: Array(7).fill("undefined") });
    const err = await failure(runJavaScript("function main() { fetch('https://example.com'); return {}; }", {}));
    expect(err.message).toMatch(/^ReferenceError: .*fetch/);
    const never = await failure(runJavaScript("async function main() { await new Promise(() => {}); return {}; }", {}));
    expect(never.message).toMatch(/never settled/);
  });

  it("bounds the size of the output", async () => {
    const code = "function main({ n }) { return { big: 'x'.repeat(n) }; }";
    expect(await runJavaScript(code, { n: 1000 }, { maxOutputChars: 2000 })).toEqual({ big: "x".repeat(1000) });
    const err = await failure(runJavaScript(code, { n: 5000 }, { maxOutputChars: 2000 }));
    expect(err.reason).toBe("output");
    expect(err.message).toMatch(/more than the limit of 2000/);
  });

  it("keeps the isolate healthy across failures and many calls", async () => {
    await failure(runJavaScript("function main() { for (;;) {} }", {}, { timeoutMs: 100 }));
    await failure(runJavaScript("function main() { const a = []; for (;;) a.push(new Array(4096).fill(a.length)); }", {}, { memoryBytes: 4 << 20 }));
    await failure(runJavaScript("function main( {", {}));
    const code = "function main({ i }) { globalThis.seen = (globalThis.seen || 0) + 1; return { i, seen: globalThis.seen }; }";
    // A fresh context per call: nothing leaks from one call to the next.
    expect(await runJavaScript(code, { i: 0 })).toEqual({ i: 0, seen: 1 });
    // Many calls on the one module stay independent (speed is `npm run bench`'s workflow_code_node_warm).
    const results: unknown[] = [];
    for (let i = 0; i < 300; i++) results.push(await runJavaScript(code, { i: i % 10 }));
    expect(results).toEqual(Array.from({ length: 300 }, (_, n) => ({ i: n % 10, seen: 1 })));
  });
});
