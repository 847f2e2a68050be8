// Limits of the Python sandbox: time, recursion, memory, output size and isolation from the host.
import { describe, expect, it } from "vitest";
import { SandboxError } from "../../src/workflow/sandbox/quickjs";
import { runPython } from "../../src/workflow/sandbox/python";

async function failure(code: string, inputs: Record<string, unknown> = {}, limits = {}): Promise<SandboxError> {
  try {
    await runPython(code, inputs, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(SandboxError);
    return e as SandboxError;
  }
  throw new Error("expected the code to fail");
}

describe("Python sandbox: limits", () => {
  it("stops an infinite loop with a timeout", async () => {
    const e = await failure("def main():\n    while True:\n        pass\n", {}, { timeoutMs: 200 });
    expect(e.reason).toBe("timeout");
    expect(e.message).toBe("Code execution exceeded the time limit of 200 ms");
  });

  it("does not let except Exception swallow the timeout", async () => {
    const code = "def main():\n    try:\n        while True:\n            pass\n    except Exception:\n        return {'caught': True}\n";
    expect((await failure(code, {}, { timeoutMs: 100 })).reason).toBe("timeout");
  });

  it("stops a busy comprehension at module level", async () => {
    const code = "x = [i for i in range(10**12)]\ndef main():\n    return {}\n";
    const e = await failure(code, {}, { timeoutMs: 100 });
    expect(["timeout", "memory"]).toContain(e.reason);
  });

  it("raises RecursionError for runaway recursion", async () => {
    const e = await failure("def f(n):\n    return f(n + 1)\ndef main():\n    return {'v': f(0)}\n");
    expect(e.reason).toBe("runtime");
    expect(e.message).toBe("RecursionError: maximum recursion depth exceeded (line 2)");
  });

  it("lets code catch RecursionError", async () => {
    const code = "def f(n):\n    return f(n + 1)\ndef main():\n    try:\n        f(0)\n    except RecursionError as e:\n        return {'err': str(e)}\n";
    expect(await runPython(code, {})).toEqual({ err: "maximum recursion depth exceeded" });
  });

  it("allows ordinary recursion depth", async () => {
    const code = "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\ndef main():\n    return {'d': depth(150)}\n";
    expect(await runPython(code, {})).toEqual({ d: 150 });
  });

  it.each([
    ["a huge string", "x = 'x' * (10 ** 9)"],
    ["a huge list", "x = [0] * (10 ** 9)"],
    ["a huge range materialised", "x = list(range(10 ** 9))"],
    ["a huge join", "x = ','.join(['a' * 1000] * 60_000)"],
    ["a huge power", "x = 10 ** (10 ** 9)"],
    // One bigint multiplication cannot be interrupted: squaring 40 times would run for seconds.
    ["an int squared until it is huge", "x = 3\n    for i in range(40):\n        x *= x"],
  ])("refuses %s with a memory error", async (_name, line) => {
    const e = await failure(`def main():\n    ${line}\n    return {}\n`);
    expect(e.reason).toBe("memory");
    expect(e.message).toBe("Code execution exceeded the memory limit");
  });

  it("bounds memory built up in a loop", async () => {
    const e = await failure("def main():\n    parts = []\n    while True:\n        parts.append('x' * 1_000_000)\n");
    expect(e.reason).toBe("memory");
  });

  it("rejects output above maxOutputChars", async () => {
    const e = await failure("def main():\n    return {'s': 'x' * 1000}\n", {}, { maxOutputChars: 100 });
    expect(e.reason).toBe("output");
  });

  it("accepts print and discards its output", async () => {
    expect(await runPython("def main():\n    print('hello', 1)\n    return {'ok': True}\n", {})).toEqual({ ok: true });
  });

  it("exposes no host objects through attributes", async () => {
    const e = await failure("def main():\n    return {'x': (1).__class__.__subclasses__()}\n");
    expect(e.message).toBe("AttributeError: type object 'int' has no attribute '__subclasses__' (line 2)");
  });

  it("refuses to mutate shared modules", async () => {
    const e = await failure("import json\njson.loads = None\ndef main():\n    return {}\n");
    expect(e.message).toMatch(/^AttributeError: cannot set 'loads' attribute of module 'json'/);
    expect(await runPython("import json\ndef main():\n    return {'v': json.loads('1')}\n", {})).toEqual({ v: 1 });
  });

  it("keeps module globals separate between runs", async () => {
    const code = "seen = []\ndef main(x):\n    seen.append(x)\n    return {'seen': seen}\n";
    expect(await runPython(code, { x: 1 })).toEqual({ seen: [1] });
    expect(await runPython(code, { x: 2 })).toEqual({ seen: [2] });
  });

  it("reports a missing main", async () => {
    const e = await failure("x = 1\n");
    expect(e.reason).toBe("runtime");
    expect(e.message).toMatch(/^NameError: name 'main' is not defined/);
  });

  it.each([
    ["yield inside an expression", "def main():\n    print((yield 1))\n", "SyntaxError: Kiln's Python sandbox supports 'yield' only as a statement or as the value of an assignment (x = yield v) (line 2)"],
    ["async", "async def main():\n    return {}\n", "SyntaxError: async code is not supported by Kiln's Python sandbox (line 1)"],
    ["match", "def main(x):\n    match x:\n        case 1:\n            pass\n", "SyntaxError: 'match' statements are not supported by Kiln's Python sandbox (line 2)"],
  ])("rejects %s with a clear syntax error", async (_name, code, message) => {
    const e = await failure(code);
    expect(e.reason).toBe("syntax");
    expect(e.message).toBe(message);
  });

  it("refuses file IO in a with statement", async () => {
    const e = await failure("def main():\n    with open('f') as f:\n        return {'v': f.read()}\n");
    expect(e.reason).toBe("runtime");
    expect(e.message).toBe("NotImplementedError: open() is not available in Kiln's Python sandbox: there is no file system (line 2)");
  });

  it("still allows names like match and print as ordinary identifiers", async () => {
    const code = "import re\ndef main():\n    match = re.match('a', 'a')\n    return {'m': match.group()}\n";
    expect(await runPython(code, {})).toEqual({ m: "a" });
  });
});
