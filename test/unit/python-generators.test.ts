// Python sandbox: generator functions (yield, yield from, send/throw/close). Expected values were
// produced by CPython 3.11 running the same code.
import { describe, expect, it } from "vitest";
import { SandboxError } from "../../src/workflow/sandbox/quickjs";
import { runPython } from "../../src/workflow/sandbox/python";

async function failure(code: string, limits?: { timeoutMs?: number }): Promise<SandboxError> {
  try {
    await runPython(code, {}, limits);
  } catch (e) {
    if (e instanceof SandboxError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("Python sandbox: generators", () => {
  it("chunks a list with a generator function", async () => {
    const code = "def chunks(xs, n):\n    for i in range(0, len(xs), n):\n        yield xs[i:i+n]\ndef main():\n    g = chunks([1, 2, 3, 4, 5, 6, 7], 3)\n    return {\"type\": type(g).__name__, \"chunks\": list(chunks(list(range(7)), 3)), \"first\": next(g), \"rest\": [c for c in g], \"after\": next(g, \"done\"), \"sum\": sum(len(c) for c in chunks(\"abcdefgh\", 3))}\n";
    expect(await runPython(code, {})).toEqual({"type": "generator", "chunks": [[0, 1, 2], [3, 4, 5], [6]], "first": [1, 2, 3], "rest": [[4, 5, 6], [7]], "after": "done", "sum": 8});
  });
  it("consumes an infinite generator lazily with islice, next, zip and break", async () => {
    const code = "import itertools\ndef count(start=0, step=1):\n    n = start\n    while True:\n        yield n\n        n += step\ndef main():\n    c = count(10, 5)\n    first = [next(c), next(c)]\n    out = []\n    for x in count():\n        if x > 3:\n            break\n        out.append(x)\n    return {\"islice\": list(itertools.islice(count(), 5)), \"first\": first, \"zip\": list(zip(\"abc\", count(1))), \"break\": out, \"dict\": dict(zip([\"a\", \"b\"], count())), \"any\": any(x > 100 for x in count()), \"in\": 7 in count(), \"unpack\": [a for a, _ in zip(count(), range(2))]}\n";
    expect(await runPython(code, {})).toEqual({"islice": [0, 1, 2, 3, 4], "first": [10, 15], "zip": [["a", 1], ["b", 2], ["c", 3]], "break": [0, 1, 2, 3], "dict": {"a": 0, "b": 1}, "any": true, "in": true, "unpack": [0, 1]});
  });
  it("yield from delegates and returns the sub-generator's return value", async () => {
    const code = "def inner(n):\n    for i in range(n):\n        yield i\n    return n * 10\ndef outer():\n    r = yield from inner(3)\n    yield (\"returned\", r)\n    yield from \"xy\"\n    yield from [7, 8]\ndef gen_return():\n    yield 1\n    return \"val\"\ndef main():\n    g = gen_return()\n    next(g)\n    try:\n        next(g)\n    except StopIteration as e:\n        stop = [type(e).__name__, list(e.args)]\n    return {\"outer\": list(outer()), \"stop\": stop}\n";
    expect(await runPython(code, {})).toEqual({"outer": [0, 1, 2, ["returned", 30], "x", "y", 7, 8], "stop": ["StopIteration", ["val"]]});
  });
  it("a class whose __iter__ is a generator", async () => {
    const code = "class Tree:\n    def __init__(self, value, children=()):\n        self.value = value\n        self.children = list(children)\n    def __iter__(self):\n        yield self.value\n        for c in self.children:\n            yield from c\nclass Countdown:\n    def __init__(self, n):\n        self.n = n\n    def __iter__(self):\n        n = self.n\n        while n > 0:\n            yield n\n            n -= 1\ndef main():\n    t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])\n    a, *rest = Countdown(3)\n    return {\"tree\": list(t), \"sorted\": sorted(t, reverse=True), \"join\": \"-\".join(str(x) for x in Countdown(4)), \"max\": max(Countdown(5)), \"unpack\": [a, rest], \"in\": 2 in Countdown(3), \"set\": sorted(set(Countdown(3)))}\n";
    expect(await runPython(code, {})).toEqual({"tree": [1, 2, 3, 4], "sorted": [4, 3, 2, 1], "join": "4-3-2-1", "max": 5, "unpack": [3, [2, 1]], "in": true, "set": [1, 2, 3]});
  });
  it("pipelines of generators run lazily in step", async () => {
    const code = "log = []\ndef numbers():\n    for i in range(5):\n        log.append(f\"n{i}\")\n        yield i\ndef squares(xs):\n    for x in xs:\n        log.append(f\"s{x}\")\n        yield x * x\ndef evens(xs):\n    for x in xs:\n        if x % 2 == 0:\n            yield x\ndef main():\n    out = list(evens(squares(numbers())))\n    return {\"out\": out, \"log\": log, \"pairs\": list(zip(squares(range(3)), (x + 1 for x in range(10))))}\n";
    expect(await runPython(code, {})).toEqual({"out": [0, 4, 16], "log": ["n0", "s0", "n1", "s1", "n2", "s2", "n3", "s3", "n4", "s4", "s0", "s1", "s2"], "pairs": [[0, 1], [1, 2], [4, 3]]});
  });
  it("an exception raised midway reaches the consumer after the earlier items", async () => {
    const code = "def risky(xs):\n    for x in xs:\n        if x == 0:\n            raise ValueError(\"zero at position\")\n        yield 10 // x\ndef main():\n    got = []\n    try:\n        for v in risky([5, 2, 0, 1]):\n            got.append(v)\n    except ValueError as e:\n        err = str(e)\n    g = risky([0])\n    try:\n        next(g)\n    except ValueError:\n        pass\n    return {\"got\": got, \"err\": err, \"after\": next(g, \"exhausted\")}\n";
    expect(await runPython(code, {})).toEqual({"got": [2, 5], "err": "zero at position", "after": "exhausted"});
  });
  it("try/finally and with inside a generator run when it is exhausted", async () => {
    const code = "log = []\nclass Res:\n    def __enter__(self):\n        log.append(\"enter\")\n        return self\n    def __exit__(self, *a):\n        log.append(\"exit\")\n        return False\ndef gen():\n    try:\n        with Res():\n            yield 1\n            yield 2\n    finally:\n        log.append(\"finally\")\ndef handled():\n    for x in [1, 0, 2]:\n        try:\n            yield 10 // x\n        except ZeroDivisionError:\n            yield \"div\"\n        else:\n            log.append(f\"ok{x}\")\ndef main():\n    out = []\n    for x in gen():\n        out.append(x)\n        log.append(f\"got{x}\")\n    return {\"out\": out, \"log\": log, \"handled\": list(handled())}\n";
    expect(await runPython(code, {})).toEqual({"out": [1, 2], "log": ["enter", "got1", "got2", "exit", "finally", "ok1", "ok2"], "handled": [10, "div", 5]});
  });
  it("next without a default raises StopIteration", async () => {
    const code = "def one():\n    yield 1\ndef main():\n    g = one()\n    return {\"a\": next(g), \"b\": next(g)}\n";
    expect((await failure(code)).message).toBe("StopIteration (line 5)");
  });
  it("send, throw and close", async () => {
    const code = "def acc():\n    total = 0\n    while True:\n        x = yield total\n        if x is None:\n            break\n        total += x\n    return total\ndef guarded():\n    try:\n        yield 1\n        yield 2\n    except KeyError as e:\n        yield f\"caught {e}\"\n    finally:\n        log.append(\"closed\")\nlog = []\ndef main():\n    a = acc()\n    first = a.send(None)\n    vals = [a.send(5), a.send(10)]\n    try:\n        a.send(None)\n    except StopIteration as e:\n        ret = e.args[0]\n    g = guarded()\n    next(g)\n    caught = g.throw(KeyError(\"k\"))\n    g.close()\n    h = guarded()\n    next(h)\n    h.close()\n    try:\n        next(h)\n    except StopIteration:\n        stopped = True\n    return {\"first\": first, \"vals\": vals, \"ret\": ret, \"caught\": caught, \"log\": log, \"stopped\": stopped}\n";
    expect(await runPython(code, {})).toEqual({"first": 0, "vals": [5, 15], "ret": 15, "caught": "caught 'k'", "log": ["closed", "closed"], "stopped": true});
  });
  it("a generator keeps its state when a for loop breaks out of it", async () => {
    const code = "def gen():\n    yield from range(6)\ndef main():\n    g = gen()\n    a = []\n    for x in g:\n        a.append(x)\n        if x == 2:\n            break\n    return {\"a\": a, \"rest\": list(g), \"empty\": list(g)}\n";
    expect(await runPython(code, {})).toEqual({"a": [0, 1, 2], "rest": [3, 4, 5], "empty": []});
  });
  it("bare yield, yielded tuples and a generator function that never yields", async () => {
    const code = "def g():\n    yield\n    yield 1, 2\n    if False:\n        yield 3\ndef never():\n    return 5\n    yield\ndef main():\n    n = never()\n    try:\n        next(n)\n    except StopIteration as e:\n        r = list(e.args)\n    return {\"g\": list(g()), \"never\": r}\n";
    expect(await runPython(code, {})).toEqual({"g": [null, [1, 2]], "never": [5]});
  });
  it("StopIteration raised inside a generator becomes RuntimeError", async () => {
    const code = "def g():\n    yield 1\n    next(iter([]))\ndef main():\n    return {\"x\": list(g())}\n";
    expect((await failure(code)).message).toBe("RuntimeError: generator raised StopIteration (line 5)");
  });
  it("stops an infinite generator consumed by list() at the time limit", async () => {
    const code = "def count():\n    n = 0\n    while True:\n        yield n\n        n += 1\ndef main():\n    return {'n': len(list(count()))}\n";
    const e = await failure(code, { timeoutMs: 200 });
    expect(["timeout", "memory"]).toContain(e.reason);
  });
  it("stops an infinite generator that never yields at the time limit", async () => {
    const code = "def spin():\n    while True:\n        pass\n    yield 1\ndef main():\n    return {'x': next(spin())}\n";
    expect((await failure(code, { timeoutMs: 200 })).reason).toBe("timeout");
  });
  it("counts generator frames against the recursion limit", async () => {
    const code = "def walk(n):\n    yield n\n    yield from walk(n + 1)\ndef main():\n    try:\n        for x in walk(0):\n            pass\n    except RecursionError as e:\n        return {'err': str(e), 'deep': x > 100}\n";
    expect(await runPython(code, {})).toEqual({ err: "maximum recursion depth exceeded", deep: true });
  });
  it("refuses yield outside a function and inside expressions with a syntax error", async () => {
    expect((await failure("yield 1\ndef main():\n    return {}\n")).message).toBe("SyntaxError: 'yield' outside function (line 1)");
    const inLambda = await failure("def main():\n    f = lambda: (yield)\n    return {}\n");
    expect(inLambda.reason).toBe("syntax");
    expect(inLambda.message).toMatch(/supports 'yield' only as a statement/);
    expect((await failure("class A:\n    yield 1\ndef main():\n    return {}\n")).message).toBe("SyntaxError: 'yield' outside function (line 2)");
  });
  it("raises ValueError when a generator resumes itself", async () => {
    const code = "def g():\n    yield next(me)\nme = g()\ndef main():\n    try:\n        next(me)\n    except ValueError as e:\n        return {'err': str(e)}\n";
    expect(await runPython(code, {})).toEqual({ err: "generator already executing" });
  });
});
