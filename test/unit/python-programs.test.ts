// Python sandbox: realistic node programs. Expected values were produced by CPython 3.11 running the same code.
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";

describe("Python sandbox: realistic node programs", () => {
  it("typical Dify node: parse JSON input, transform and format", async () => {
    const code = "import json\nimport re\nfrom datetime import datetime\n\ndef clean(text: str) -> str:\n    text = re.sub(r\"<[^>]+>\", \"\", text)\n    return re.sub(r\"\\s+\", \" \", text).strip()\n\ndef main(raw: str, limit: int = 3) -> dict:\n    data = json.loads(raw)\n    items = data.get(\"items\", [])\n    rows = []\n    for idx, item in enumerate(items[:limit], 1):\n        title = clean(item.get(\"title\", \"\"))\n        price = float(item.get(\"price\", 0))\n        rows.append(f\"{idx}. {title} - ¥{price:,.2f}\")\n    summary = \"\\n\".join(rows) if rows else \"无结果\"\n    stats = {\"count\": len(items), \"max\": max((float(i[\"price\"]) for i in items), default=None)}\n    return {\"result\": summary, \"stats\": json.dumps(stats, ensure_ascii=False), \"when\": datetime(2024, 1, 1).strftime(\"%Y年%m月%d日\")}\n";
    expect(await runPython(code, {"raw": "{\"items\": [{\"title\": \"<b>Apple</b>  pie\", \"price\": \"1234.5\"}, {\"title\": \"Pear\", \"price\": 3}]}", "limit": 3})).toEqual({"result": "1. Apple pie - ¥1,234.50\n2. Pear - ¥3.00", "stats": "{\"count\": 2, \"max\": 1234.5}", "when": "2024年01月01日"});
  });
  it("string escapes in output and unicode handling", async () => {
    const code = "def main(s):\n    return {\"upper\": s.upper(), \"len\": len(s), \"rev\": s[::-1], \"enc\": list(s.encode(\"utf-8\"))[:4], \"title\": s.title(), \"repr\": repr(s)}\n";
    expect(await runPython(code, {"s": "héllo 世界 😀"})).toEqual({"upper": "HÉLLO 世界 😀", "len": 10, "rev": "😀 界世 olléh", "enc": [104, 195, 169, 108], "title": "Héllo 世界 😀", "repr": "'héllo 世界 😀'"});
  });
  it("sorting records by several keys", async () => {
    const code = "def main():\n    rows = [{\"n\": \"b\", \"s\": 2}, {\"n\": \"a\", \"s\": 2}, {\"n\": \"c\", \"s\": 1}]\n    rows.sort(key=lambda r: (-r[\"s\"], r[\"n\"]))\n    return {\"names\": [r[\"n\"] for r in rows], \"maxrow\": max(rows, key=lambda r: r[\"s\"])[\"n\"]}\n";
    expect(await runPython(code, {})).toEqual({"names": ["a", "b", "c"], "maxrow": "a"});
  });
  it("sorting None with ints raises TypeError", async () => {
    const code = "def main():\n    return {\"v\": sorted([1, None])}\n";
    await expect(runPython(code, {})).rejects.toThrow("TypeError: '<' not supported between instances of 'NoneType' and 'int' (line 2)");
  });
  it("nested functions and recursion over JSON trees", async () => {
    const code = "def walk(node, depth=0, out=None):\n    if out is None:\n        out = []\n    if isinstance(node, dict):\n        for k, v in node.items():\n            out.append(\"  \" * depth + str(k))\n            walk(v, depth + 1, out)\n    elif isinstance(node, list):\n        for v in node:\n            walk(v, depth, out)\n    return out\ndef main(tree):\n    return {\"lines\": walk(tree)}\n";
    expect(await runPython(code, {"tree": {"a": {"b": [{"c": 1}, {"d": 2}]}, "e": null}})).toEqual({"lines": ["a", "  b", "    c", "    d", "e"]});
  });
  it("exceptions inside comprehensions and finally with return", async () => {
    const code = "def f():\n    try:\n        return \"try\"\n    finally:\n        pass\ndef g():\n    for i in range(3):\n        try:\n            if i == 1:\n                break\n        finally:\n            last = i\n    return last\ndef main():\n    try:\n        [1 / x for x in [1, 0]]\n    except ZeroDivisionError as e:\n        msg = str(e)\n    return {\"f\": f(), \"g\": g(), \"msg\": msg}\n";
    expect(await runPython(code, {})).toEqual({"f": "try", "g": 1, "msg": "division by zero"});
  });
  it("int and float edge formatting", async () => {
    const code = "def main():\n    return {\"v\": [str(10 ** 20), str(1e22), str(123456789012345678.0), str(0.1), str(-1.5e-10), 1e22 == 10 ** 22, str(float(2 ** 53 + 1)), f\"{1e22:f}\", f\"{2.5:.0f}\", f\"{3.5:.0f}\", f\"{1.005:.2f}\", \"%.1f\" % 0.05, str(round(0.5)), str(round(1.5)), str(100 / 3), str(2 / 2), int(\"-0\"), 7 / -2, -7 // 2.0]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["100000000000000000000", "1e+22", "1.2345678901234568e+17", "0.1", "-1.5e-10", true, "9007199254740992.0", "10000000000000000000000.000000", "2", "4", "1.00", "0.1", "0", "2", "33.333333333333336", "1.0", 0, -3.5, -4.0]});
  });
  it("str methods on edge inputs", async () => {
    const code = "def main():\n    return {\"v\": [\"\".split(\",\"), \"\".split(), \"a\".split(\"a\"), \"abc\".split(\"\", ) if False else None, \" \".join([]), \"abc\"[5:], \"abc\"[-10:2], \"x\".center(4, \"-\"), \"abc\".replace(\"\", \"-\"), \"aaa\".count(\"aa\"), \"Hello World\".swapcase(), \"ß\".upper(), \"İ\".lower().__len__() if False else 0, \"a\\tb\".expandtabs(4), \"A1!\".lower(), \"  \".strip() == \"\", \"a-b_c d\".title()]}\n";
    expect(await runPython(code, {})).toEqual({"v": [[""], [], ["", ""], null, "", "", "ab", "-x--", "-a-b-c-", 1, "hELLO wORLD", "SS", 0, "a   b", "a1!", true, "A-B_C D"]});
  });
  it("dict iteration order, update and comprehension with condition", async () => {
    const code = "def main():\n    d = {}\n    for w in \"the cat the hat a cat\".split():\n        d[w] = d.get(w, 0) + 1\n    top = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))\n    inv = {v: k for k, v in d.items()}\n    d2 = dict(d)\n    d2.update(the=0)\n    return {\"d\": d, \"top\": top, \"inv\": inv, \"d2\": d2, \"keys\": list(d), \"filtered\": {k: v for k, v in d.items() if v > 1}}\n";
    expect(await runPython(code, {})).toEqual({"d": {"the": 2, "cat": 2, "hat": 1, "a": 1}, "top": [["cat", 2], ["the", 2], ["a", 1], ["hat", 1]], "inv": {"2": "cat", "1": "a"}, "d2": {"the": 0, "cat": 2, "hat": 1, "a": 1}, "keys": ["the", "cat", "hat", "a"], "filtered": {"the": 2, "cat": 2}});
  });
  it("isinstance checks on inputs and type names", async () => {
    const code = "def main(x, y, z):\n    def kind(v):\n        if isinstance(v, bool):\n            return \"bool\"\n        if isinstance(v, (int, float)):\n            return \"number\"\n        if isinstance(v, str):\n            return \"string\"\n        if isinstance(v, list):\n            return \"list\"\n        if isinstance(v, dict):\n            return \"dict\"\n        return type(v).__name__\n    return {\"kinds\": [kind(x), kind(y), kind(z), kind(None), kind(1.5)]}\n";
    expect(await runPython(code, {"x": true, "y": [1], "z": {"a": 1}})).toEqual({"kinds": ["bool", "list", "dict", "NoneType", "number"]});
  });
  it("global counters and mutable default arguments", async () => {
    const code = "calls = 0\ndef track(item, seen=[]):\n    global calls\n    calls += 1\n    seen.append(item)\n    return len(seen)\ndef main():\n    track(1); track(2)\n    return {\"calls\": calls, \"n\": track(3)}\n";
    expect(await runPython(code, {})).toEqual({"calls": 2, "n": 3});
  });
  it("string formatting of containers with str() and f-strings", async () => {
    const code = "def main():\n    d = {\"a\": [1, 2.0], \"b\": None, \"c\": \"x'y\"}\n    return {\"v\": [str(d), f\"{d}\", f\"{[1, 'a']}\", str((1,)), str({1: {2: 3}}), \"{}\".format({\"k\": True})]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["{'a': [1, 2.0], 'b': None, 'c': \"x'y\"}", "{'a': [1, 2.0], 'b': None, 'c': \"x'y\"}", "[1, 'a']", "(1,)", "{1: {2: 3}}", "{'k': True}"]});
  });
  it("while loops with complex conditions", async () => {
    const code = "def main(n):\n    a, b = 0, 1\n    seq = []\n    while len(seq) < n and b < 1000:\n        seq.append(b)\n        a, b = b, a + b\n    return {\"seq\": seq, \"last\": seq[-1] if seq else None}\n";
    expect(await runPython(code, {"n": 20})).toEqual({"seq": [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987], "last": 987});
  });
  it("re with groups in findall and sub backreferences in Chinese text", async () => {
    const code = "import re\ndef main(text):\n    phones = re.findall(r\"1[3-9]\\d{9}\", text)\n    masked = re.sub(r\"(1[3-9]\\d)\\d{4}(\\d{4})\", r\"\\1****\\2\", text)\n    words = re.split(r\"[，。、\\s]+\", text.strip())\n    return {\"phones\": phones, \"masked\": masked, \"words\": [w for w in words if w], \"cn\": re.findall(r\"[\\u4e00-\\u9fa5]+\", text)}\n";
    expect(await runPython(code, {"text": "张三的电话是13812345678，李四是15987654321。 好的"})).toEqual({"phones": ["13812345678", "15987654321"], "masked": "张三的电话是138****5678，李四是159****4321。 好的", "words": ["张三的电话是13812345678", "李四是15987654321", "好的"], "cn": ["张三的电话是", "李四是", "好的"]});
  });
  it("json round trip keeps int/float distinction and unicode", async () => {
    const code = "import json\ndef main(payload):\n    obj = json.loads(payload)\n    obj[\"added\"] = 1.0\n    return {\"out\": json.dumps(obj, ensure_ascii=False, sort_keys=True), \"n\": obj[\"n\"] * 2, \"f\": obj[\"f\"] * 2}\n";
    expect(await runPython(code, {"payload": "{\"n\": 21, \"f\": 1.25, \"s\": \"中文\", \"z\": [true, null]}"})).toEqual({"out": "{\"added\": 1.0, \"f\": 1.25, \"n\": 21, \"s\": \"中文\", \"z\": [true, null]}", "n": 42, "f": 2.5});
  });
  it("multiple targets, nested unpacking, print keywords and mixed expressions", async () => {
    const code = "import datetime\nimport time\ndef main():\n    x = y = []\n    x.append(1)\n    pairs = [(\"a\", 1), (\"b\", 2)]\n    out = []\n    for i, (k, v) in enumerate(pairs):\n        out.append(f\"{i}{k}{v}\")\n    l = [1, 2, 3, 4]\n    l[1:3] = []\n    print(\"a\", \"b\", sep=\"-\", end=\"\")\n    return {\"v\": [y, out, l, \"\".join(reversed(\"abc\")), str(b\"x\"), list(map(int, \"1 2 3\".split())), {\"a\": 1}.keys() & {\"a\", \"b\"} == {\"a\"}, datetime.date(2024, 5, 1).isoformat(), type(datetime.datetime.now()).__name__, len(time.strftime(\"%Y\")), f\"{'x'!r:>5}\", f\"{f'{1+1}'}\", \"a,b\".split(\",\")[0].upper(), [a * b for a in range(4) if a for b in range(3) if b > a], (lambda *a, **k: [a, k])(1, z=2)]}\n";
    expect(await runPython(code, {})).toEqual({"v": [[1], ["0a1", "1b2"], [1, 4], "cba", "b'x'", [1, 2, 3], true, "2024-05-01", "datetime", 4, "  'x'", "2", "A", [2], [[1], {"z": 2}]]});
  });
  it("str.maketrans/translate and int/float helper methods", async () => {
    const code = "def main():\n    t = str.maketrans({\"a\": \"1\", \"b\": None})\n    t2 = str.maketrans(\"ab\", \"xy\", \"c\")\n    return {\"v\": [\"abcab\".translate(t), \"abcab\".translate(t2), (255).bit_length(), (2.0).is_integer(), (2.5).is_integer(), (7).to_bytes(2, \"big\").hex() if hasattr(7, \"to_bytes\") else \"na\", int.from_bytes(b\"\\x01\\x00\", \"big\") if hasattr(int, \"from_bytes\") else \"na\", 1]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["1c1", "xyxy", 8, true, false, "0007", 256, 1]});
  });
  it("late-binding closures, string ordering and exception args", async () => {
    const code = "def main():\n    try:\n        raise ValueError(\"code %d: %s\" % (42, \"bad\"))\n    except ValueError as e:\n        a = e.args[0]\n    s = {3, 1, 2}\n    fs = []\n    for i in range(3):\n        fs.append(lambda: i)\n    return {\"v\": [a, sorted(s), [f() for f in fs], int(float(\"3.0\")), min({\"a\": 3, \"b\": 1}.values()), \"b\" > \"a\", \"Z\" < \"a\", [1, 2] < [1, 2, 0], max(\"hello\", key=\"hello\".count)]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["code 42: bad", [1, 2, 3], [2, 2, 2], 3, 1, true, true, true, "l"]});
  });
  it("Counter over words", async () => {
    const code = "from collections import Counter\ndef main(text):\n    c = Counter(text.split())\n    top = c.most_common(1)[0]\n    return {\"top\": list(top), \"total\": sum(c.values()), \"keys\": sorted(c), \"c\": dict(c)}\n";
    expect(await runPython(code, {"text": "a b a c b a"})).toEqual({"top": ["a", 3], "total": 6, "keys": ["a", "b", "c"], "c": {"a": 3, "b": 2, "c": 1}});
  });
  it("while True with break/continue and chained dict.get", async () => {
    const code = "def main():\n    out = []\n    i = 0\n    while True:\n        i += 1\n        if i % 2:\n            continue\n        if i > 8:\n            break\n        out.append(i)\n    data = {\"a\": {\"b\": {\"c\": 5}}}\n    val = data.get(\"a\", {}).get(\"b\", {}).get(\"c\")\n    nums = [3, -1, 2]\n    nums.sort(key=abs)\n    return {\"out\": out, \"val\": val, \"nums\": nums, \"neg\": -nums[0], \"sl\": nums[-2:], \"mul\": [[0] * 2 for _ in range(2)], \"s\": sum(x * x for x in range(1, 4)), \"zipd\": dict(zip([\"a\", \"b\"], [1, 2])), \"en\": {i: c for i, c in enumerate(\"ab\")}}\n";
    expect(await runPython(code, {})).toEqual({"out": [2, 4, 6, 8], "val": 5, "nums": [-1, 2, 3], "neg": 1, "sl": [2, 3], "mul": [[0, 0], [0, 0]], "s": 14, "zipd": {"a": 1, "b": 2}, "en": {"0": "a", "1": "b"}});
  });
});
