// Python sandbox: language semantics. Expected values were produced by CPython 3.11 running the same code.
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";

describe("Python sandbox: language semantics", () => {
  it("runs main with keyword inputs and returns its dict", async () => {
    const code = "def main(arg1: str, arg2: int = 0) -> dict:\n    \"\"\"Adds things.\"\"\"\n    return {\"result\": arg1 * 2, \"n\": arg2 + 1}\n";
    expect(await runPython(code, {"arg1": "ab", "arg2": 41})).toEqual({"result": "abab", "n": 42});
  });
  it("converts JSON inputs to Python values", async () => {
    const code = "def main(obj, arr, i, f, s, b, n):\n    return {\"types\": [type(x).__name__ for x in (obj, arr, i, f, s, b, n)], \"sum\": i + f}\n";
    expect(await runPython(code, {"obj": {"a": 1}, "arr": [1, 2], "i": 3, "f": 2.5, "s": "x", "b": true, "n": null})).toEqual({"types": ["dict", "list", "int", "float", "str", "bool", "NoneType"], "sum": 5.5});
  });
  it("closures, nonlocal and global", async () => {
    const code = "counter = 0\ndef make():\n    total = 0\n    def add(x):\n        nonlocal total\n        total += x\n        return total\n    return add\ndef bump():\n    global counter\n    counter += 1\ndef main():\n    add = make()\n    add(2); add(3)\n    bump(); bump()\n    fs = [lambda x, i=i: x + i for i in range(3)]\n    return {\"total\": add(0), \"counter\": counter, \"fs\": [f(10) for f in fs]}\n";
    expect(await runPython(code, {})).toEqual({"total": 5, "counter": 2, "fs": [10, 11, 12]});
  });
  it("args, kwargs, keyword-only and defaults evaluated at def time", async () => {
    const code = "def f(a, b=2, *args, c, d=4, **kw):\n    return [a, b, list(args), c, d, sorted(kw.items())]\nx = 5\ndef g(v=x):\n    return v\nx = 6\ndef main():\n    return {\"r\": f(1, c=3), \"r2\": f(1, 9, 8, 7, c=0, z=1, y=2), \"g\": g(), \"star\": f(*[1, 2, 3], **{\"c\": 5})}\n";
    expect(await runPython(code, {})).toEqual({"r": [1, 2, [], 3, 4, []], "r2": [1, 9, [8, 7], 0, 4, [["y", 2], ["z", 1]]], "g": 5, "star": [1, 2, [3], 5, 4, []]});
  });
  it("control flow: for/else, while/else, break, continue", async () => {
    const code = "def main():\n    out = []\n    for i in range(10):\n        if i == 2:\n            continue\n        if i == 5:\n            break\n        out.append(i)\n    else:\n        out.append(\"no\")\n    for i in range(2):\n        pass\n    else:\n        out.append(\"else\")\n    n = 0\n    while n < 3:\n        n += 1\n    else:\n        out.append(n)\n    return {\"out\": out}\n";
    expect(await runPython(code, {})).toEqual({"out": [0, 1, 3, 4, "else", 3]});
  });
  it("try/except/else/finally ordering", async () => {
    const code = "log = []\ndef f(x):\n    try:\n        log.append(\"try\")\n        if x:\n            raise ValueError(\"bad\")\n    except (KeyError, ValueError) as e:\n        log.append(\"except \" + str(e))\n        return \"from-except\"\n    else:\n        log.append(\"else\")\n    finally:\n        log.append(\"finally\")\n    return \"end\"\ndef main():\n    return {\"a\": f(True), \"b\": f(False), \"log\": log}\n";
    expect(await runPython(code, {})).toEqual({"a": "from-except", "b": "end", "log": ["try", "except bad", "finally", "try", "else", "finally"]});
  });
  it("exception objects, args, raise from and bare raise", async () => {
    const code = "def main():\n    out = {}\n    try:\n        raise KeyError(\"k\")\n    except LookupError as e:\n        out[\"key\"] = [str(e), repr(e), list(e.args), type(e).__name__]\n    try:\n        try:\n            int(\"x\")\n        except ValueError:\n            raise\n    except Exception as e:\n        out[\"reraise\"] = str(e)\n    try:\n        raise RuntimeError(\"outer\") from ValueError(\"inner\")\n    except RuntimeError as e:\n        out[\"from\"] = str(e)\n    try:\n        raise TypeError\n    except TypeError as e:\n        out[\"bare_class\"] = repr(e)\n    try:\n        assert 1 == 2, \"nope\"\n    except AssertionError as e:\n        out[\"assert\"] = str(e)\n    try:\n        {}[\"missing\"]\n    except KeyError as e:\n        out[\"missing\"] = str(e)\n    try:\n        [][1]\n    except IndexError as e:\n        out[\"index\"] = str(e)\n    return out\n";
    expect(await runPython(code, {})).toEqual({"key": ["'k'", "KeyError('k')", ["k"], "KeyError"], "reraise": "invalid literal for int() with base 10: 'x'", "from": "outer", "bare_class": "TypeError()", "assert": "nope", "missing": "'missing'", "index": "list index out of range"});
  });
  it("an uncaught exception reports its type, message and line", async () => {
    const code = "def main(subject=\"\"):\n    if not subject:\n        raise ValueError(\"subject is required\")\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: subject is required (line 3)");
  });
  it("NameError for undefined names", async () => {
    const code = "def main():\n    y = 1\n    return {\"x\": x}\n";
    await expect(runPython(code, {})).rejects.toThrow("NameError: name 'x' is not defined (line 3)");
  });
  it("UnboundLocalError for locals read before assignment", async () => {
    const code = "total = 1\ndef main():\n    total += 1\n    return {\"t\": total}\n";
    await expect(runPython(code, {})).rejects.toThrow("UnboundLocalError: cannot access local variable 'total' where it is not associated with a value (line 3)");
  });
  it("unpacking, starred targets and swaps", async () => {
    const code = "def main():\n    a, b = 1, 2\n    a, b = b, a\n    first, *mid, last = range(6)\n    (x, y), z = [3, 4], 5\n    h, *t = \"abc\"\n    d = {}\n    d[\"k\"], e = 1, 2\n    return {\"v\": [a, b, first, mid, last, x, y, z, h, t, d, e]}\n";
    expect(await runPython(code, {})).toEqual({"v": [2, 1, 0, [1, 2, 3, 4], 5, 3, 4, 5, "a", ["b", "c"], {"k": 1}, 2]});
  });
  it("unpacking errors", async () => {
    const code = "def main():\n    a, b = [1, 2, 3]\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: too many values to unpack (expected 2) (line 2)");
  });
  it("augmented assignment on subscripts and list aliasing", async () => {
    const code = "def main():\n    d = {\"n\": 1, \"l\": [1]}\n    d[\"n\"] += 5\n    d[\"l\"] += [2]\n    alias = d[\"l\"]\n    alias *= 2\n    s = \"a\"\n    s += \"b\"\n    x = 7\n    x //= 2\n    x **= 3\n    x %= 10\n    x <<= 2\n    return {\"d\": d, \"s\": s, \"x\": x}\n";
    expect(await runPython(code, {})).toEqual({"d": {"n": 6, "l": [1, 2, 1, 2]}, "s": "ab", "x": 28});
  });
  it("comprehensions, nested loops and generator expressions", async () => {
    const code = "def main():\n    m = [[i * j for j in range(3)] for i in range(3)]\n    flat = [x for row in m for x in row if x % 2 == 0]\n    sq = {k: v * v for k, v in zip(\"abc\", range(3))}\n    st = sorted({x % 3 for x in range(10)})\n    g = (x * 2 for x in range(4))\n    first = next(g)\n    rest = list(g)\n    return {\"m\": m, \"flat\": flat, \"sq\": sq, \"st\": st, \"first\": first, \"rest\": rest, \"any\": any(x > 2 for x in range(4))}\n";
    expect(await runPython(code, {})).toEqual({"m": [[0, 0, 0], [0, 1, 2], [0, 2, 4]], "flat": [0, 0, 0, 0, 2, 0, 2, 4], "sq": {"a": 0, "b": 1, "c": 4}, "st": [0, 1, 2], "first": 0, "rest": [2, 4, 6], "any": true});
  });
  it("comprehension variables do not leak", async () => {
    const code = "x = \"outer\"\ndef main():\n    y = [x for x in range(3)]\n    return {\"x\": x, \"y\": y}\n";
    expect(await runPython(code, {})).toEqual({"x": "outer", "y": [0, 1, 2]});
  });
  it("chained comparisons, identity and membership", async () => {
    const code = "def main():\n    a = [1, 2]\n    return {\"v\": [1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 == True, None is None, a is not a[:], 2 in a, \"b\" in \"abc\", \"k\" not in {\"k\": 1}, 1 in {1.0: \"x\"}]}\n";
    expect(await runPython(code, {})).toEqual({"v": [true, false, true, true, true, true, true, false, true]});
  });
  it("and/or return operands; truthiness", async () => {
    const code = "def main():\n    return {\"v\": [0 or \"x\", \"\" and 1, [] or {}, None or 0, 1 and 2, bool([]), bool([0]), not \"\", 0.0 or None]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["x", "", {}, 0, 2, false, true, true, null]});
  });
  it("conditional expressions and walrus", async () => {
    const code = "def main():\n    vals = [y for x in range(5) if (y := x * 2) > 4]\n    z = \"big\" if len(vals) > 1 else \"small\"\n    return {\"vals\": vals, \"z\": z}\n";
    expect(await runPython(code, {})).toEqual({"vals": [6, 8], "z": "big"});
  });
  it("integer semantics: floor division, modulo, big ints, true division", async () => {
    const code = "def main():\n    return {\"v\": [7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 100 % 1000007, 10 / 4, 9 / 3, 7.5 // 2, -7.5 % 2, divmod(-7, 2), 2 ** -1, abs(-3), -2 ** 2, (-2) ** 2, True + True, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3],\n            \"big\": str(2 ** 200), \"bigjson\": 12345678901234567890 // 10 ** 10}\n";
    expect(await runPython(code, {})).toEqual({"v": [3, -4, -2, 2, 698635, 2.5, 3.0, 3.0, 0.5, [-4, 1], 0.5, 3, -4, 4, 2, 1, 7, 6, -6, 1024, 128], "big": "1606938044258990275541962092341162602522202993782792835301376", "bigjson": 1234567890});
  });
  it("ZeroDivisionError messages", async () => {
    const code = "def main():\n    out = []\n    for f in (lambda: 1 / 0, lambda: 1 // 0, lambda: 1.0 / 0, lambda: 1 % 0):\n        try:\n            f()\n        except ZeroDivisionError as e:\n            out.append(str(e))\n    return {\"out\": out}\n";
    expect(await runPython(code, {})).toEqual({"out": ["division by zero", "integer division or modulo by zero", "float division by zero", "integer modulo by zero"]});
  });
  it("slicing with steps and negative indices", async () => {
    const code = "def main():\n    s = \"abcdefgh\"\n    l = list(range(10))\n    l2 = list(range(10))\n    l2[1:3] = [\"x\"]\n    del l2[::3]\n    return {\"v\": [s[::-1], s[1:6:2], s[-3:], s[:-3], s[10:], l[::3], l[8:2:-2], l[-1], s[-1]], \"l2\": l2}\n";
    expect(await runPython(code, {})).toEqual({"v": ["hgfedcba", "bdf", "fgh", "abcde", "", [0, 3, 6, 9], [8, 6, 4], 9, "h"], "l2": ["x", 3, 5, 6, 8, 9]});
  });
  it("string literals: escapes, raw, bytes, triple quotes, implicit concatenation", async () => {
    const code = "def main():\n    a = \"tab\\there\\n\\u00e9\\x41\\\\\"\n    b = r\"raw\\n\"\n    c = \"\"\"multi\nline\"\"\"\n    d = (\"con\" \"cat\"\n         'enated')\n    e = b\"bytes\\x00\".decode(\"latin-1\")\n    return {\"v\": [a, b, c, d, e, len(a)]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["tab\there\néA\\", "raw\\n", "multi\nline", "concatenated", "bytes\u0000", 12]});
  });
  it("f-strings with conversions, format specs and nested quotes", async () => {
    const code = "def main():\n    x = 3.14159\n    n = 1234567\n    name = \"Ann\"\n    d = {\"k\": \"v\"}\n    w = 8\n    return {\"v\": [f\"{x:.2f}\", f\"{n:,}\", f\"{n:_}\", f\"{0.256:.1%}\", f\"{name!r}\", f\"{name:>6}|\", f\"{name:*^9}\", f\"{d['k']}\", f'{d[\"k\"]}', f\"{{lit}}\", f\"{x:{w}.3f}\", f\"{-5:+d}\", f\"{255:#x} {255:08b} {255:o} {255:X}\", f\"{1e20:g} {1.5e-7:e} {12345.678:g}\", f\"{x=}\", f\"{len(name) * 2}\", f\"{3:03d}\", f\"{'a' if x > 3 else 'b'}\", f\"{None}\", f\"{True:>5}\"]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["3.14", "1,234,567", "1_234_567", "25.6%", "'Ann'", "   Ann|", "***Ann***", "v", "v", "{lit}", "   3.142", "-5", "0xff 11111111 377 FF", "1e+20 1.500000e-07 12345.7", "x=3.14159", "6", "003", "a", "None", "    1"]});
  });
  it("lambda, sorted with key and reverse, stable sort", async () => {
    const code = "def main():\n    people = [(\"bob\", 25), (\"alice\", 30), (\"carol\", 25), (\"dave\", 30)]\n    by_age = sorted(people, key=lambda p: p[1])\n    desc = sorted(people, key=lambda p: p[1], reverse=True)\n    l = [3, 1, 2]\n    l.sort(reverse=True)\n    return {\"by_age\": by_age, \"desc\": desc, \"l\": l, \"names\": sorted(p[0] for p in people)}\n";
    expect(await runPython(code, {})).toEqual({"by_age": [["bob", 25], ["carol", 25], ["alice", 30], ["dave", 30]], "desc": [["alice", 30], ["dave", 30], ["bob", 25], ["carol", 25]], "l": [3, 2, 1], "names": ["alice", "bob", "carol", "dave"]});
  });
  it("del of names, items and slices", async () => {
    const code = "def main():\n    d = {\"a\": 1, \"b\": 2}\n    del d[\"a\"]\n    l = [1, 2, 3, 4]\n    del l[0], l[-1]\n    x = 1\n    del x\n    try:\n        x\n    except NameError as e:\n        err = str(e)\n    return {\"d\": d, \"l\": l, \"err\": err}\n";
    expect(await runPython(code, {})).toEqual({"d": {"b": 2}, "l": [2, 3], "err": "cannot access local variable 'x' where it is not associated with a value"});
  });
  it("annotated assignments and imports inside functions", async () => {
    const code = "from typing import List, Dict, Optional\ndef main(items: List[str]) -> Dict[str, Optional[int]]:\n    import json as j\n    count: int = len(items)\n    label: str\n    return {\"count\": count, \"dump\": j.dumps(items)}\n";
    expect(await runPython(code, {"items": ["a", "b"]})).toEqual({"count": 2, "dump": "[\"a\", \"b\"]"});
  });
  it("semicolons and backslash continuation", async () => {
    const code = "def main():\n    a = 1; b = 2\n    c = a + \\\n        b\n    return {\"c\": c}\n";
    expect(await runPython(code, {})).toEqual({"c": 3});
  });
  it("recursion works up to a modest depth", async () => {
    const code = "def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\ndef main():\n    return {\"f\": str(fact(100))[:20], \"f10\": fact(10)}\n";
    expect(await runPython(code, {})).toEqual({"f": "93326215443944152681", "f10": 3628800});
  });
  it("dict keys: 1, 1.0 and True are the same key; json converts non-str keys", async () => {
    const code = "def main():\n    d = {1: \"int\"}\n    d[1.0] = \"float\"\n    d[True] = \"bool\"\n    e = {None: 1, 2.5: 2, False: 3, \"s\": 4}\n    return {\"d\": d, \"e\": e, \"len\": len(d)}\n";
    expect(await runPython(code, {})).toEqual({"d": {"1": "bool"}, "e": {"null": 1, "2.5": 2, "false": 3, "s": 4}, "len": 1});
  });
  it("too many positional arguments to a function with defaults", async () => {
    const code = "def f(a, b=1):\n    return a\ndef main():\n    return {\"v\": f(1, 2, 3)}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: f() takes from 1 to 2 positional arguments but 3 were given (line 4)");
  });
  it("missing argument errors name the parameters", async () => {
    const code = "def main(a, b):\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: main() missing 2 required positional arguments: 'a' and 'b'");
  });
  it("class definitions run; a class result is not JSON", async () => {
    const code = "class A:\n    pass\ndef main():\n    return {\"a\": A}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: Object of type type is not JSON serializable");
  });
  it("syntax errors report the line", async () => {
    const code = "def main():\n    x = (1 +\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("SyntaxError: '(' was never closed (line 2)");
  });
  it("indentation errors are reported", async () => {
    const code = "def main():\nreturn {}\n";
    await expect(runPython(code, {})).rejects.toThrow("IndentationError: expected an indented block after function definition on line 1 (line 2)");
  });
  it("main must return a dict", async () => {
    const code = "def main():\n    return [1]\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: main must return a dict, not list");
  });
  it("non-JSON-serializable results are TypeErrors", async () => {
    const code = "def main():\n    return {\"s\": {1, 2}}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: Object of type set is not JSON serializable");
  });
  it("NaN results are rejected like json.dumps(allow_nan=False)", async () => {
    const code = "def main():\n    return {\"x\": float(\"nan\")}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: Out of range float values are not JSON compliant");
  });
  it("dict changed size during iteration", async () => {
    const code = "def main():\n    d = {\"a\": 1, \"b\": 2}\n    for k in d:\n        d[k + \"x\"] = 1\n    return d\n";
    await expect(runPython(code, {})).rejects.toThrow("RuntimeError: dictionary changed size during iteration (line 3)");
  });
  it("deleting while iterating a copy is fine", async () => {
    const code = "def main():\n    d = {\"a\": 1, \"b\": 2, \"c\": 3}\n    for k in list(d):\n        if d[k] > 1:\n            del d[k]\n    for k, v in d.items():\n        d[k] = v * 10\n    return d\n";
    expect(await runPython(code, {})).toEqual({"a": 10});
  });
  it("a circular result", async () => {
    const code = "def main():\n    l = []\n    l.append(l)\n    return {\"l\": l}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: Circular reference detected");
  });
});
