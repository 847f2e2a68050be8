// Python sandbox: builtins and methods. Expected values were produced by CPython 3.11 running the same code.
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";

describe("Python sandbox: builtins and methods", () => {
  it("float repr matches CPython", async () => {
    const code = "def main():\n    vals = [0.1 + 0.2, 1e16, 1e15, 1.0, 100.0, 1e-4, 1e-5, 2.5e-7, 1/3, 123456789.123, -0.0, 1e300 * 10, 5e-324, 3.0 * 1.1]\n    return {\"r\": [repr(v) for v in vals], \"s\": str(1.0), \"t\": str(True), \"n\": str(None)}\n";
    expect(await runPython(code, {})).toEqual({"r": ["0.30000000000000004", "1e+16", "1000000000000000.0", "1.0", "100.0", "0.0001", "1e-05", "2.5e-07", "0.3333333333333333", "123456789.123", "-0.0", "1e+301", "5e-324", "3.3000000000000003"], "s": "1.0", "t": "True", "n": "None"});
  });
  it("repr of containers and strings", async () => {
    const code = "def main():\n    d = {'a': 1, 'b': [1, 2.5, None, True], 'c': (\"x\",), 'd': {1, 2} if False else set(), \"q\": \"it's\", \"dq\": 'say \"hi\"', \"both\": \"'\\\"\", \"nl\": \"a\\nb\\t\\x01\\u00e9\"}\n    return {\"r\": repr(d), \"e\": repr(()), \"f\": repr(frozenset()), \"n\": repr([[], {}, (1, 2)]), \"b\": repr(b\"a'b\\x00\\xff\")}\n";
    expect(await runPython(code, {})).toEqual({"r": "{'a': 1, 'b': [1, 2.5, None, True], 'c': ('x',), 'd': set(), 'q': \"it's\", 'dq': 'say \"hi\"', 'both': '\\'\"', 'nl': 'a\\nb\\t\\x01é'}", "e": "()", "f": "frozenset()", "n": "[[], {}, (1, 2)]", "b": "b\"a'b\\x00\\xff\""});
  });
  it("int and float conversion", async () => {
    const code = "def main():\n    return {\"v\": [int(\"  12 \"), int(\"-0x1f\", 16), int(\"0b101\", 0), int(\"z\", 36), int(3.99), int(-3.99), int(\"1_000\"), float(\"1e3\"), float(\" -2.5 \"), float(\"inf\") > 1e308, int(True), float(7), round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2), round(0.125, 2), round(7), round(15, -1), round(25, -1)]}\n";
    expect(await runPython(code, {})).toEqual({"v": [12, -31, 5, 35, 3, -3, 1000, 1000.0, -2.5, true, 1, 7.0, 2, 4, -2, 2.67, 1200.0, 0.12, 7, 20, 20]});
  });
  it("int() of an invalid literal", async () => {
    const code = "def main():\n    return {\"v\": int(\"12a\")}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: invalid literal for int() with base 10: '12a' (line 2)");
  });
  it("float() of an invalid literal", async () => {
    const code = "def main():\n    return {\"v\": float(\"abc\")}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: could not convert string to float: 'abc' (line 2)");
  });
  it("len, min, max, sum, abs, any, all", async () => {
    const code = "def main():\n    return {\"v\": [len(\"héllo\"), len([1, 2]), len({\"a\": 1}), min(3, 1, 2), max([1, 5, 3]), max(\"abc\"), min([], default=0), max([(1, \"b\"), (1, \"a\")]), max([\"aa\", \"b\"], key=len), sum([1, 2, 3]), sum([0.1] * 3), sum([[1], [2]], []), abs(-2.5), any([]), all([]), any([0, \"\", 1])]}\n";
    expect(await runPython(code, {})).toEqual({"v": [5, 2, 1, 1, 5, "c", 0, [1, "b"], "aa", 6, 0.30000000000000004, [1, 2], 2.5, false, true, true]});
  });
  it("min of an empty sequence", async () => {
    const code = "def main():\n    return {\"v\": min([])}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: min() arg is an empty sequence (line 2)");
  });
  it("isinstance and type", async () => {
    const code = "def main():\n    return {\"v\": [isinstance(True, int), isinstance(1, (str, float)), isinstance({}, dict), type(1) == int, type(\"\") is str, type([]).__name__, type(None).__name__, type(1.5).__name__, isinstance(1.0, float), isinstance(\"s\", (list, str)), type({}) == dict, str(type(1))]}\n";
    expect(await runPython(code, {})).toEqual({"v": [true, false, true, true, true, "list", "NoneType", "float", true, true, true, "<class 'int'>"]});
  });
  it("range, enumerate, zip, reversed, map, filter", async () => {
    const code = "def main():\n    return {\"v\": [list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -4)), len(range(0, 100, 7)), list(enumerate(\"ab\", start=1)), list(zip([1, 2, 3], \"ab\")), list(reversed([1, 2, 3])), list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2], [10, 20])), list(filter(None, [0, 1, \"\", \"x\"])), list(filter(lambda x: x > 1, [1, 2, 3])), range(10)[2], 5 in range(0, 10, 5), list(range(5))[::-1]]}\n";
    expect(await runPython(code, {})).toEqual({"v": [[0, 1, 2, 3, 4], [2, 5, 8], [10, 6, 2], 15, [[1, "a"], [2, "b"]], [[1, "a"], [2, "b"]], [3, 2, 1], ["1", "2"], [11, 22], [1, "x"], [2, 3], 2, true, [4, 3, 2, 1, 0]]});
  });
  it("chr, ord, hex, bin, oct, divmod, pow", async () => {
    const code = "def main():\n    return {\"v\": [chr(65), chr(0x4e2d), ord(\"a\"), ord(\"中\"), hex(255), hex(-1), bin(5), oct(8), divmod(17, 5), divmod(-17, 5), divmod(7.5, 2), pow(2, 10), pow(2, 10, 1000), pow(2.0, 0.5)]}\n";
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: CPython's exact output
    expect(await runPython(code, {})).toEqual({"v": ["A", "中", 97, 20013, "0xff", "-0x1", "0b101", "0o10", [3, 2], [-4, 3], [3.0, 1.5], 1024, 24, 1.4142135623730951]});
  });
  it("iter and next with StopIteration and default", async () => {
    const code = "def main():\n    it = iter([1, 2])\n    a = next(it)\n    b = next(it)\n    c = next(it, \"done\")\n    try:\n        next(it)\n        d = \"no\"\n    except StopIteration:\n        d = \"stop\"\n    return {\"v\": [a, b, c, d]}\n";
    expect(await runPython(code, {})).toEqual({"v": [1, 2, "done", "stop"]});
  });
  it("hasattr and getattr with defaults", async () => {
    const code = "def main():\n    return {\"v\": [hasattr(\"s\", \"upper\"), hasattr(\"s\", \"nope\"), getattr([], \"nope\", 5), getattr(\"abc\", \"upper\")(), callable(len), callable(1)]}\n";
    expect(await runPython(code, {})).toEqual({"v": [true, false, 5, "ABC", true, false]});
  });
  it("eval and open are not available", async () => {
    const code = "def main():\n    return {\"v\": eval(\"1+1\")}\n";
    await expect(runPython(code, {})).rejects.toThrow("NotImplementedError: eval() is not available in Kiln's Python sandbox: running code from strings is not allowed (line 2)");
  });
  it("dunder attributes are not reachable", async () => {
    const code = "def main():\n    return {\"v\": \"\".__class__.__mro__}\n";
    await expect(runPython(code, {})).rejects.toThrow("AttributeError: type object 'str' has no attribute '__mro__' (line 2)");
  });
  it("str methods: split, strip, join, replace, find", async () => {
    const code = "def main():\n    s = \"  Hello, World  \"\n    return {\"v\": [s.strip(), s.lstrip(), s.rstrip(), \"xxhixx\".strip(\"x\"), \"a,b,,c\".split(\",\"), \"a b  c\".split(), \"a,b,c\".split(\",\", 1), \"a,b,c\".rsplit(\",\", 1), \" a b \".split(\" \"), \"-\".join([\"a\", \"b\"]), \"aaa\".replace(\"a\", \"b\", 2), \"hello\".find(\"l\"), \"hello\".rfind(\"l\"), \"hello\".find(\"z\"), \"hello\".index(\"e\"), \"hello\".count(\"l\"), \"line1\\nline2\\r\\nline3\".splitlines(), \"a\\nb\\n\".splitlines(True), \"x\".join(\"abc\")]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["Hello, World", "Hello, World  ", "  Hello, World", "hi", ["a", "b", "", "c"], ["a", "b", "c"], ["a", "b,c"], ["a,b", "c"], ["", "a", "b", ""], "a-b", "bba", 2, 3, -1, 1, 2, ["line1", "line2", "line3"], ["a\n", "b\n"], "axbxc"]});
  });
  it("str methods: case, predicates, padding, partition", async () => {
    const code = "def main():\n    return {\"v\": [\"hello world\".title(), \"hELLO\".capitalize(), \"AbC\".swapcase(), \"ABC\".lower(), \"abc\".upper(), \"123\".isdigit(), \"12.3\".isdigit(), \"abc\".isalpha(), \"ab1\".isalnum(), \" \\t\".isspace(), \"ABC\".isupper(), \"abc\".islower(), \"Abc\".istitle(), \"42\".zfill(5), \"-42\".zfill(5), \"ab\".center(7, \"*\"), \"ab\".ljust(4, \"-\"), \"ab\".rjust(4), \"a=b=c\".partition(\"=\"), \"a=b=c\".rpartition(\"=\"), \"abc\".startswith((\"x\", \"a\")), \"abc\".endswith(\"bc\"), \"prefix_x\".removeprefix(\"prefix_\"), \"x.txt\".removesuffix(\".txt\"), \"they're bill's\".title(), \"中文\".isalpha(), \"Ⅻ\".isnumeric(), \"abc\".center(6)]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["Hello World", "Hello", "aBc", "abc", "ABC", true, false, true, true, true, true, true, true, "00042", "-0042", "***ab**", "ab--", "  ab", ["a", "=", "b=c"], ["a=b", "=", "c"], true, true, "x", "x", "They'Re Bill'S", true, true, " abc  "]});
  });
  it("str.format with positional, named, indexed fields and specs", async () => {
    const code = "def main():\n    return {\"v\": [\"{} and {}\".format(\"a\", \"b\"), \"{1}{0}\".format(\"a\", \"b\"), \"{name}!\".format(name=\"x\"), \"{0[k]} {1[0]}\".format({\"k\": 5}, [9]), \"{:>8.3f}|\".format(3.14159), \"{:,}\".format(10 ** 7), \"{!r}\".format(\"q\"), \"{:^10}\".format(\"mid\"), \"{{}}\".format(), \"{0:{1}}\".format(5, \"03d\"), \"{:.0f}\".format(2.5), \"{:.1f}\".format(0.25), \"{:e}\".format(12345.6789), \"{:g}\".format(0.0001), \"{:g}\".format(1e-5), \"{:.3}\".format(3.14159), \"{}\".format(1.0), \"{:10}\".format(1.5), \"{:<5}|\".format(7)]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["a and b", "ba", "x!", "5 9", "   3.142|", "10,000,000", "'q'", "   mid    ", "{}", "005", "2", "0.2", "1.234568e+04", "0.0001", "1e-05", "3.14", "1.0", "       1.5", "7    |"]});
  });
  it("percent formatting", async () => {
    const code = "def main():\n    return {\"v\": [\"%s %d %f %.2f %r %%\" % (\"a\", 3, 1.5, 2.345, \"x\"), \"%(a)s-%(b)05.1f\" % {\"a\": 1, \"b\": 2.25}, \"%5s|%-5s|\" % (\"r\", \"l\"), \"%x %X %o\" % (255, 255, 8), \"%03d\" % 7, \"%+d\" % 5, \"%s\" % [1, 2], \"%e\" % 1234.5, \"%g\" % 0.00001234, \"%c\" % 65, \"%.3s\" % \"abcdef\", \"%s\" % (1,), \"%i\" % 3.9]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["a 3 1.500000 2.35 'x' %", "1-002.2", "    r|l    |", "ff FF 10", "007", "+5", "[1, 2]", "1.234500e+03", "1.234e-05", "A", "abc", "1", "3"]});
  });
  it("percent formatting with too few arguments", async () => {
    const code = "def main():\n    return {\"v\": \"%s %s\" % (\"a\",)}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: not enough arguments for format string (line 2)");
  });
  it("list methods", async () => {
    const code = "def main():\n    l = [3, 1, 2]\n    l.append(4); l.extend([5, 6]); l.insert(0, 0); l.insert(-1, 9)\n    p = l.pop(); p0 = l.pop(0)\n    l.remove(9)\n    c = l.copy(); c.reverse()\n    return {\"l\": l, \"p\": [p, p0], \"c\": c, \"i\": l.index(2), \"n\": [1, 1, 2].count(1), \"srt\": sorted(l, reverse=True)}\n";
    expect(await runPython(code, {})).toEqual({"l": [3, 1, 2, 4, 5], "p": [6, 0], "c": [5, 4, 2, 1, 3], "i": 2, "n": 2, "srt": [5, 4, 3, 2, 1]});
  });
  it("list.remove of a missing item", async () => {
    const code = "def main():\n    [1].remove(2)\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: list.remove(x): x not in list (line 2)");
  });
  it("list index out of range", async () => {
    const code = "def main():\n    return {\"v\": [1, 2][5]}\n";
    await expect(runPython(code, {})).rejects.toThrow("IndexError: list index out of range (line 2)");
  });
  it("dict methods and views", async () => {
    const code = "def main():\n    d = {\"a\": 1, \"b\": 2}\n    d.update({\"c\": 3}, d=4)\n    d.setdefault(\"e\", 5)\n    d.setdefault(\"a\", 100)\n    popped = d.pop(\"b\")\n    missing = d.pop(\"zz\", \"dflt\")\n    keys = d.keys()\n    d[\"f\"] = 6\n    item = d.popitem()\n    return {\"d\": d, \"popped\": popped, \"missing\": missing, \"keys\": list(keys), \"len\": len(keys), \"in\": \"a\" in keys, \"items\": list(d.items())[:2], \"vals\": list(d.values()), \"get\": [d.get(\"a\"), d.get(\"zz\"), d.get(\"zz\", 0)], \"item\": item, \"fromkeys\": dict.fromkeys([\"x\", \"y\"], 0), \"copy\": d.copy() == d, \"dict\": dict([(\"k\", 1)], z=2), \"zip\": dict(zip(\"ab\", [1, 2])), \"merge\": {**d, \"a\": 0} | {\"m\": 1}}\n";
    expect(await runPython(code, {})).toEqual({"d": {"a": 1, "c": 3, "d": 4, "e": 5}, "popped": 2, "missing": "dflt", "keys": ["a", "c", "d", "e"], "len": 4, "in": true, "items": [["a", 1], ["c", 3]], "vals": [1, 3, 4, 5], "get": [1, null, 0], "item": ["f", 6], "fromkeys": {"x": 0, "y": 0}, "copy": true, "dict": {"k": 1, "z": 2}, "zip": {"a": 1, "b": 2}, "merge": {"a": 0, "c": 3, "d": 4, "e": 5, "m": 1}});
  });
  it("KeyError message quotes the key", async () => {
    const code = "def main():\n    d = {\"a\": 1}\n    return {\"v\": d[\"b\"]}\n";
    await expect(runPython(code, {})).rejects.toThrow("KeyError: 'b' (line 3)");
  });
  it("set methods and operators", async () => {
    const code = "def main():\n    a = {1, 2, 3}\n    b = {3, 4}\n    a.add(5); a.discard(9); a.remove(5)\n    return {\"v\": [sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a.issubset({1, 2, 3, 4}), sorted(a.union([7])), sorted(a.intersection(b)), sorted(a.difference(b)), {1, 2} == {2, 1}, {1} < {1, 2}, len(set(\"hello\")), sorted(frozenset([3, 1])), 2 in a]}\n";
    expect(await runPython(code, {})).toEqual({"v": [[1, 2, 3, 4], [3], [1, 2], [1, 2, 4], true, [1, 2, 3, 7], [3], [1, 2], true, true, 4, [1, 3], true]});
  });
  it("tuple methods and comparisons", async () => {
    const code = "def main():\n    t = (1, 2, 2, 3)\n    return {\"v\": [t.index(2), t.count(2), (1, 2) < (1, 3), [1, 2] == [1, 2], (1, \"a\") < (1, \"b\"), t + (4,), t * 2, t[1:3]]}\n";
    expect(await runPython(code, {})).toEqual({"v": [1, 2, true, true, true, [1, 2, 2, 3, 4], [1, 2, 2, 3, 1, 2, 2, 3], [2, 2]]});
  });
  it("comparing unorderable types", async () => {
    const code = "def main():\n    return {\"v\": 1 < \"a\"}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: '<' not supported between instances of 'int' and 'str' (line 2)");
  });
  it("adding str and int", async () => {
    const code = "def main():\n    return {\"v\": \"a\" + 1}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: can only concatenate str (not \"int\") to str (line 2)");
  });
  it("string and list repetition", async () => {
    const code = "def main():\n    return {\"v\": [\"ab\" * 3, [0] * 3, 2 * [1, 2], \"x\" * 0, \"-\" * -1]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["ababab", [0, 0, 0], [1, 2, 1, 2], "", ""]});
  });
  it("bytes basics: encode, decode, len", async () => {
    const code = "def main():\n    b = \"héllo\".encode()\n    return {\"v\": [len(b), b.decode(\"utf-8\"), repr(b), list(b[:2]), b.hex(), bytes([104, 105]).decode(), repr(\"abc\".encode(\"ascii\"))]}\n";
    expect(await runPython(code, {})).toEqual({"v": [6, "héllo", "b'h\\xc3\\xa9llo'", [104, 195], "68c3a96c6c6f", "hi", "b'abc'"]});
  });
  it("unicode strings index by code point", async () => {
    const code = "def main():\n    s = \"a😀b中\"\n    return {\"v\": [len(s), s[1], s[-1], s[1:3], s[::-1], s.find(\"b\"), list(s)]}\n";
    expect(await runPython(code, {})).toEqual({"v": [4, "😀", "中", "😀b", "中b😀a", 2, ["a", "😀", "b", "中"]]});
  });
  it("methods called with missing arguments raise TypeError", async () => {
    const code = "def main():\n    out = []\n    for f in [lambda: [].append(), lambda: {}.get(), lambda: \"ab\".replace(\"a\"), lambda: len(), lambda: sorted(5), lambda: [3, \"a\"].sort()]:\n        try:\n            f()\n        except TypeError:\n            out.append(\"TypeError\")\n    return {\"out\": out}\n";
    expect(await runPython(code, {})).toEqual({"out": ["TypeError", "TypeError", "TypeError", "TypeError", "TypeError", "TypeError"]});
  });
  it("format() agrees with CPython across types and specs", async () => {
    const code = "def main():\n    out = []\n    for v in [0, -42, 1234567, 2.5, -0.0, 1/3, 99.995, 1e22, 0.000123456, float('inf'), True]:\n        for s in ['', 'd', '5d', '<8', '^9', '*^9', '+', ',', '_', '.2f', '.0f', '10.2f', '+.1f', ',.2f', '.2e', 'e', 'g', '.3g', '.10g', '.2%', '08.2f', '010d', '#x', 'o', '#b', 'X', 'n', '.1', '.5', '+08,.2f', '=+10.1f']:\n            try:\n                out.append(format(v, s))\n            except ValueError:\n                out.append('ValueError')\n        out.append(['%s' % v, '%r' % (v,), '%.3f' % v, '%g' % v, '%e' % v, '%10.4g' % v])\n    return {'out': out}\n";
    expect(await runPython(code, {})).toEqual({"out": ["0", "0", "    0", "0       ", "    0    ", "****0****", "+0", "0", "0", "0.00", "0", "      0.00", "+0.0", "0.00", "0.00e+00", "0.000000e+00", "0", "0", "0", "0.00%", "00000.00", "0000000000", "0x0", "0", "0b0", "0", "0", "ValueError", "ValueError", "+0,000.00", "+      0.0", ["0", "0", "0.000", "0", "0.000000e+00", "         0"], "-42", "-42", "  -42", "-42     ", "   -42   ", "***-42***", "-42", "-42", "-42", "-42.00", "-42", "    -42.00", "-42.0", "-42.00", "-4.20e+01", "-4.200000e+01", "-42", "-42", "-42", "-4200.00%", "-0042.00", "-000000042", "-0x2a", "-52", "-0b101010", "-2A", "-42", "ValueError", "ValueError", "-0,042.00", "-     42.0", ["-42", "-42", "-42.000", "-42", "-4.200000e+01", "       -42"], "1234567", "1234567", "1234567", "1234567 ", " 1234567 ", "*1234567*", "+1234567", "1,234,567", "1_234_567", "1234567.00", "1234567", "1234567.00", "+1234567.0", "1,234,567.00", "1.23e+06", "1.234567e+06", "1.23457e+06", "1.23e+06", "1234567", "123456700.00%", "1234567.00", "0001234567", "0x12d687", "4553207", "0b100101101011010000111", "12D687", "1234567", "ValueError", "ValueError", "+1,234,567.00", "+1234567.0", ["1234567", "1234567", "1234567.000", "1.23457e+06", "1.234567e+06", " 1.235e+06"], "2.5", "ValueError", "ValueError", "2.5     ", "   2.5   ", "***2.5***", "+2.5", "2.5", "2.5", "2.50", "2", "      2.50", "+2.5", "2.50", "2.50e+00", "2.500000e+00", "2.5", "2.5", "2.5", "250.00%", "00002.50", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "2.5", "2e+00", "2.5", "+0,002.50", "+      2.5", ["2.5", "2.5", "2.500", "2.5", "2.500000e+00", "       2.5"], "-0.0", "ValueError", "ValueError", "-0.0    ", "  -0.0   ", "**-0.0***", "-0.0", "-0.0", "-0.0", "-0.00", "-0", "     -0.00", "-0.0", "-0.00", "-0.00e+00", "-0.000000e+00", "-0", "-0", "-0", "-0.00%", "-0000.00", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "-0", "-0e+00", "-0.0", "-0,000.00", "-      0.0", ["-0.0", "-0.0", "-0.000", "-0", "-0.000000e+00", "        -0"], "0.3333333333333333", "ValueError", "ValueError", "0.3333333333333333", "0.3333333333333333", "0.3333333333333333", "+0.3333333333333333", "0.3333333333333333", "0.3333333333333333", "0.33", "0", "      0.33", "+0.3", "0.33", "3.33e-01", "3.333333e-01", "0.333333", "0.333", "0.3333333333", "33.33%", "00000.33", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "0.333333", "0.3", "0.33333", "+0,000.33", "+      0.3", ["0.3333333333333333", "0.3333333333333333", "0.333", "0.333333", "3.333333e-01", "    0.3333"], "99.995", "ValueError", "ValueError", "99.995  ", " 99.995  ", "*99.995**", "+99.995", "99.995", "99.995", "100.00", "100", "    100.00", "+100.0", "100.00", "1.00e+02", "9.999500e+01", "99.995", "100", "99.995", "9999.50%", "00100.00", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "99.995", "1e+02", "99.995", "+0,100.00", "+    100.0", ["99.995", "99.995", "99.995", "99.995", "9.999500e+01", "       100"], "1e+22", "ValueError", "ValueError", "1e+22   ", "  1e+22  ", "**1e+22**", "+1e+22", "1e+22", "1e+22", "10000000000000000000000.00", "10000000000000000000000", "10000000000000000000000.00", "+10000000000000000000000.0", "10,000,000,000,000,000,000,000.00", "1.00e+22", "1.000000e+22", "1e+22", "1e+22", "1e+22", "999999999999999983222784.00%", "10000000000000000000000.00", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "1e+22", "1e+22", "1e+22", "+10,000,000,000,000,000,000,000.00", "+10000000000000000000000.0", ["1e+22", "1e+22", "10000000000000000000000.000", "1e+22", "1.000000e+22", "     1e+22"], "0.000123456", "ValueError", "ValueError", "0.000123456", "0.000123456", "0.000123456", "+0.000123456", "0.000123456", "0.000123456", "0.00", "0", "      0.00", "+0.0", "0.00", "1.23e-04", "1.234560e-04", "0.000123456", "0.000123", "0.000123456", "0.01%", "00000.00", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "0.000123456", "0.0001", "0.00012346", "+0,000.00", "+      0.0", ["0.000123456", "0.000123456", "0.000", "0.000123456", "1.234560e-04", " 0.0001235"], "inf", "ValueError", "ValueError", "inf     ", "   inf   ", "***inf***", "+inf", "inf", "inf", "inf", "inf", "       inf", "+inf", "inf", "inf", "inf", "inf", "inf", "inf", "inf%", "00000inf", "ValueError", "ValueError", "ValueError", "ValueError", "ValueError", "inf", "inf", "inf", "+0000inf", "+      inf", ["inf", "inf", "inf", "inf", "inf", "       inf"], "True", "1", "    1", "1       ", "    1    ", "****1****", "+1", "1", "1", "1.00", "1", "      1.00", "+1.0", "1.00", "1.00e+00", "1.000000e+00", "1", "1", "1", "100.00%", "00001.00", "0000000001", "0x1", "1", "0b1", "1", "1", "ValueError", "ValueError", "+0,001.00", "+      1.0", ["True", "True", "1.000", "1", "1.000000e+00", "         1"]]});
  });
  it("locals(), vars() and globals() called by name: the names defined where they are called", async () => {
    const code = "import json\nLIMIT = 3\ndef helper(a, b=2):\n    c = a + b\n    names = sorted(locals())\n    return names, locals()[\"c\"], sorted(vars())\ndef main(input_data):\n    found = \"input_data\" in locals()\n    missing = \"other\" in locals()\n    squares = [x * x for x in range(3) if \"x\" in locals()]\n    g = globals()\n    return {\n        \"found\": found,\n        \"missing\": missing,\n        \"helper\": list(helper(1)),\n        \"squares\": squares,\n        \"global\": [\"LIMIT\" in g, g[\"LIMIT\"], \"helper\" in g, \"json\" in g, \"input_data\" in g, g[\"__name__\"]],\n        \"count\": len(locals()),\n    }\nif \"input_data\" in locals():\n    result = main(input_data)\nelse:\n    result = {\"error\": \"not defined\"}\n";
    expect(await runPython(code, { input_data: "x" })).toEqual({"found": true, "missing": false, "helper": [["a", "b", "c"], 3, ["a", "b", "c", "names"]], "squares": [0, 1, 4], "global": [true, 3, true, true, false, "__main__"], "count": 5});
  });
});
