// Python sandbox: modules. Expected values were produced by CPython 3.11 running the same code.
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";

describe("Python sandbox: modules", () => {
  it("json.loads converts types and json.dumps uses CPython's defaults", async () => {
    const code = "import json\ndef main(text):\n    data = json.loads(text)\n    return {\"types\": [type(v).__name__ for v in data.values()], \"dump\": json.dumps(data), \"compact\": json.dumps(data, separators=(\",\", \":\")), \"indent\": json.dumps({\"a\": [1, {\"b\": None}], \"c\": \"é\"}, indent=2), \"uni\": json.dumps(\"中文😀\"), \"raw\": json.dumps(\"中文\", ensure_ascii=False), \"sorted\": json.dumps({\"b\": 1, \"a\": 2}, sort_keys=True), \"keys\": json.dumps({1: 1, None: 2, True: 3, 1.5: 4}), \"floats\": json.dumps([1.0, 0.1, 1e20, float(\"inf\")]), \"esc\": json.dumps(\"a\\\"b\\\\c\\n\\t\\x01\\x7f\"), \"tuple\": json.dumps((1, 2)), \"indent0\": json.dumps([1, [2]], indent=0), \"empty\": json.dumps({\"a\": [], \"b\": {}}, indent=2)}\n";
    expect(await runPython(code, {"text": "{\"i\": 1, \"f\": 1.5, \"e\": 1e2, \"s\": \"x\", \"b\": true, \"n\": null, \"l\": [], \"d\": {}, \"big\": 123456789012345678901234567890}"})).toEqual({"types": ["int", "float", "float", "str", "bool", "NoneType", "list", "dict", "int"], "dump": "{\"i\": 1, \"f\": 1.5, \"e\": 100.0, \"s\": \"x\", \"b\": true, \"n\": null, \"l\": [], \"d\": {}, \"big\": 123456789012345678901234567890}", "compact": "{\"i\":1,\"f\":1.5,\"e\":100.0,\"s\":\"x\",\"b\":true,\"n\":null,\"l\":[],\"d\":{},\"big\":123456789012345678901234567890}", "indent": "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"\\u00e9\"\n}", "uni": "\"\\u4e2d\\u6587\\ud83d\\ude00\"", "raw": "\"中文\"", "sorted": "{\"a\": 2, \"b\": 1}", "keys": "{\"1\": 3, \"null\": 2, \"1.5\": 4}", "floats": "[1.0, 0.1, 1e+20, Infinity]", "esc": "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"", "tuple": "[1, 2]", "indent0": "[\n1,\n[\n2\n]\n]", "empty": "{\n  \"a\": [],\n  \"b\": {}\n}"});
  });
  it("json.loads errors match CPython's messages", async () => {
    const code = "import json\ndef main():\n    out = []\n    for doc in [\"\", \"{\", '{\"a\" 1}', \"[1, 2\", \"[1,]\", '{\"a\": 1} x', \"nul\", '\"abc', '{\"a\": 1,}', \"{'a': 1}\", \"[1 2]\", \"\\n\\n  x\"]:\n        try:\n            json.loads(doc)\n        except json.JSONDecodeError as e:\n            out.append([str(e), e.pos, e.lineno, e.colno, isinstance(e, ValueError)])\n    return {\"out\": out}\n";
    expect(await runPython(code, {})).toEqual({"out": [["Expecting value: line 1 column 1 (char 0)", 0, 1, 1, true], ["Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", 1, 1, 2, true], ["Expecting ':' delimiter: line 1 column 6 (char 5)", 5, 1, 6, true], ["Expecting ',' delimiter: line 1 column 6 (char 5)", 5, 1, 6, true], ["Expecting value: line 1 column 4 (char 3)", 3, 1, 4, true], ["Extra data: line 1 column 10 (char 9)", 9, 1, 10, true], ["Expecting value: line 1 column 1 (char 0)", 0, 1, 1, true], ["Unterminated string starting at: line 1 column 1 (char 0)", 0, 1, 1, true], ["Expecting property name enclosed in double quotes: line 1 column 9 (char 8)", 8, 1, 9, true], ["Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", 1, 1, 2, true], ["Expecting ',' delimiter: line 1 column 4 (char 3)", 3, 1, 4, true], ["Expecting value: line 3 column 3 (char 4)", 4, 3, 3, true]]});
  });
  it("json.dumps default= and TypeError for unknown objects", async () => {
    const code = "import json\nfrom datetime import datetime\ndef main():\n    d = datetime(2024, 5, 6, 7, 8, 9)\n    ok = json.dumps({\"t\": d}, default=str)\n    try:\n        json.dumps({\"t\": d})\n    except TypeError as e:\n        err = str(e)\n    return {\"ok\": ok, \"err\": err}\n";
    expect(await runPython(code, {})).toEqual({"ok": "{\"t\": \"2024-05-06 07:08:09\"}", "err": "Object of type datetime is not JSON serializable"});
  });
  it("re: search, match, fullmatch, groups and spans", async () => {
    const code = "import re\ndef main():\n    m = re.search(r\"(?P<year>\\d{4})-(?P<month>\\d\\d)\", \"on 2024-05 and 2023-01\")\n    return {\"v\": [m.group(), m.group(1), m.group(\"month\"), m.groups(), m.groupdict(), m.start(), m.end(), m.span(2), m[0], re.match(r\"\\d+\", \"abc\") is None, re.match(r\"a+\", \"aaab\").group(), bool(re.fullmatch(r\"[a-z]+\", \"abc\")), re.fullmatch(r\"[a-z]+\", \"abc1\") is None, re.search(r\"^b\", \"a\\nb\", re.M).start(), re.search(r\"a.c\", \"A\\nC\", re.I | re.S).group(), re.search(r\"(a)|(b)\", \"b\").groups(), re.search(r\"x$\", \"x\\n\") is not None]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["2024-05", "2024", "05", ["2024", "05"], {"year": "2024", "month": "05"}, 3, 10, [8, 10], "2024-05", true, "aaa", true, true, 2, "A\nC", [null, "b"], true]});
  });
  it("re: findall, finditer, sub, split, escape", async () => {
    const code = "import re\ndef main():\n    text = \"a1b22c333\"\n    return {\"v\": [re.findall(r\"\\d+\", text), re.findall(r\"([a-z])(\\d)\", text), re.findall(r\"[a-z](\\d)\", text), [m.group() for m in re.finditer(r\"\\d+\", text)], re.sub(r\"\\d+\", \"#\", text), re.sub(r\"(\\d)\", r\"<\\1>\", \"a1b2\", count=1), re.sub(r\"(?P<d>\\d)\", r\"[\\g<d>]\", \"x9\"), re.sub(r\"\\d+\", lambda m: str(len(m.group())), text), re.subn(r\"a\", \"b\", \"aaa\"), re.split(r\"[,;]\\s*\", \"a, b;c\"), re.split(r\"(,)\", \"a,b\"), re.split(r\"\\s+\", \"a b  c\", maxsplit=1), re.escape(\"a.b*c\"), re.sub(r\"x*\", \"-\", \"abxd\"), re.compile(r\"\\bcat\\b\", re.IGNORECASE).findall(\"Cat concat CAT\"), re.findall(r\"\\w+\", \"héllo wörld 中文\"), re.sub(r\"\\s+\", \" \", \"  a \\n b  \").strip(), re.findall(r\"(?i)abc\", \"ABC abc\"), re.findall(r\"a{2}|b{,2}c\", \"aaa bbc {x}\"), re.findall(r\"\\{(\\w+)\\}\", \"{a} {b}\")]}\n";
    expect(await runPython(code, {})).toEqual({"v": [["1", "22", "333"], [["a", "1"], ["b", "2"], ["c", "3"]], ["1", "2", "3"], ["1", "22", "333"], "a#b#c#", "a<1>b2", "x[9]", "a1b2c3", ["bbb", 3], ["a", "b", "c"], ["a", ",", "b"], ["a", "b  c"], "a\\.b\\*c", "-a-b--d-", ["Cat", "CAT"], ["héllo", "wörld", "中文"], "a b", ["ABC", "abc"], ["aa", "bbc"], ["a", "b"]]});
  });
  it("re: compiled patterns and match objects", async () => {
    const code = "import re\ndef main():\n    p = re.compile(r\"(\\w+)@(\\w+)\\.com\")\n    m = p.match(\"joe@example.com\")\n    return {\"v\": [p.pattern, p.groups, m.group(1, 2), p.sub(r\"\\2:\\1\", \"a@b.com c@d.com\"), len(p.findall(\"x@y.com, z@w.com\")), p.search(\"no\") is None, repr(re.match(\"ab\", \"abc\"))]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["(\\w+)@(\\w+)\\.com", 2, ["joe", "example"], "b:a d:c", 2, true, "<re.Match object; span=(0, 2), match='ab'>"]});
  });
  it("datetime: construction, formatting, arithmetic", async () => {
    const code = "from datetime import datetime, date, timedelta, timezone\ndef main():\n    d = datetime(2024, 1, 31, 13, 5, 9, 120)\n    t = d + timedelta(days=1, hours=12)\n    return {\"v\": [str(d), repr(d), d.isoformat(), str(t), d.strftime(\"%Y/%m/%d %H:%M:%S %f %a %A %b %B %j %p %I %y %%\"), d.weekday(), d.isoweekday(), str(d.date()), d.year, d.month, d.microsecond, str(d - datetime(2024, 1, 1)), (d - datetime(2024, 1, 1)).total_seconds(), (d - datetime(2024, 1, 1)).days, str(d.replace(year=2020, microsecond=0)), d > datetime(2023, 1, 1), str(date(2024, 2, 29) + timedelta(days=1)), repr(date(2024, 2, 29)), str(date(2024, 3, 1) - date(2024, 1, 1)), datetime(2024, 1, 1).strftime(\"%d.%m.%Y\")]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["2024-01-31 13:05:09.000120", "datetime.datetime(2024, 1, 31, 13, 5, 9, 120)", "2024-01-31T13:05:09.000120", "2024-02-02 01:05:09.000120", "2024/01/31 13:05:09 000120 Wed Wednesday Jan January 031 PM 01 24 %", 2, 3, "2024-01-31", 2024, 1, 120, "30 days, 13:05:09.000120", 2639109.00012, 30, "2020-01-31 13:05:09", true, "2024-03-01", "datetime.date(2024, 2, 29)", "60 days, 0:00:00", "01.01.2024"]});
  });
  it("datetime: strptime, fromisoformat, time zones, timestamps", async () => {
    const code = "from datetime import datetime, timedelta, timezone\ndef main():\n    a = datetime.strptime(\"2024-03-05 07:08:09\", \"%Y-%m-%d %H:%M:%S\")\n    b = datetime.strptime(\"05/Mar/2024:07:08:09 +0800\", \"%d/%b/%Y:%H:%M:%S %z\")\n    c = datetime.fromisoformat(\"2024-03-05T07:08:09+08:00\")\n    utc = c.astimezone(timezone.utc)\n    tz8 = timezone(timedelta(hours=8))\n    e = datetime.fromtimestamp(1700000000, tz=timezone.utc)\n    f = datetime(2024, 1, 1, tzinfo=timezone.utc)\n    return {\"v\": [str(a), str(b), repr(b.tzinfo), str(c), str(utc), utc.isoformat(), c == utc, c.timestamp(), str(e), e.strftime(\"%Y-%m-%dT%H:%M:%SZ %z %Z\"), f.timestamp(), str(f.astimezone(tz8)), str(tz8), repr(tz8), str(timezone.utc), str(datetime.strptime(\"March 5 2024 3PM\", \"%B %d %Y %I%p\")), str(datetime.fromisoformat(\"2024-03-05\")), datetime.fromisoformat(\"2024-03-05 10:00:00.5\").microsecond, b.utcoffset().total_seconds()]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["2024-03-05 07:08:09", "2024-03-05 07:08:09+08:00", "datetime.timezone(datetime.timedelta(seconds=28800))", "2024-03-05 07:08:09+08:00", "2024-03-04 23:08:09+00:00", "2024-03-04T23:08:09+00:00", true, 1709593689.0, "2023-11-14 22:13:20+00:00", "2023-11-14T22:13:20Z +0000 UTC", 1704067200.0, "2024-01-01 08:00:00+08:00", "UTC+08:00", "datetime.timezone(datetime.timedelta(seconds=28800))", "UTC", "2024-03-05 15:00:00", "2024-03-05 00:00:00", 500000, 28800.0]});
  });
  it("datetime: strptime mismatch error", async () => {
    const code = "from datetime import datetime\ndef main():\n    return {\"v\": str(datetime.strptime(\"2024-13-01\", \"%Y-%m-%d\"))}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: time data '2024-13-01' does not match format '%Y-%m-%d' (line 3)");
  });
  it("timedelta: normalisation, str and repr", async () => {
    const code = "from datetime import timedelta\ndef main():\n    tds = [timedelta(days=1, hours=2, minutes=3, seconds=4), timedelta(hours=-1), timedelta(seconds=1.5), timedelta(weeks=2, milliseconds=3), timedelta(0), timedelta(days=-2, seconds=5)]\n    return {\"s\": [str(t) for t in tds], \"r\": [repr(t) for t in tds], \"attrs\": [[t.days, t.seconds, t.microseconds] for t in tds], \"ops\": [str(tds[0] * 2), str(tds[0] / 2), tds[0] // timedelta(hours=1), tds[0] / timedelta(days=1) > 1, str(-tds[0]), str(abs(timedelta(hours=-1))), timedelta(hours=1) == timedelta(minutes=60), timedelta(1) > timedelta(0)]}\n";
    expect(await runPython(code, {})).toEqual({"s": ["1 day, 2:03:04", "-1 day, 23:00:00", "0:00:01.500000", "14 days, 0:00:00.003000", "0:00:00", "-2 days, 0:00:05"], "r": ["datetime.timedelta(days=1, seconds=7384)", "datetime.timedelta(days=-1, seconds=82800)", "datetime.timedelta(seconds=1, microseconds=500000)", "datetime.timedelta(days=14, microseconds=3000)", "datetime.timedelta(0)", "datetime.timedelta(days=-2, seconds=5)"], "attrs": [[1, 7384, 0], [-1, 82800, 0], [0, 1, 500000], [14, 0, 3000], [0, 0, 0], [-2, 5, 0]], "ops": ["2 days, 4:06:08", "13:01:32", 26, true, "-2 days, 21:56:56", "1:00:00", true, true]});
  });
  it("now() returns aware datetimes when given a time zone", async () => {
    const code = "from datetime import datetime, timezone\nimport time\ndef main():\n    n = datetime.now(timezone.utc)\n    return {\"aware\": n.tzinfo is not None, \"naive\": datetime.now().tzinfo is None, \"recent\": n.year >= 2024, \"t\": time.time() > 1.7e9, \"sleep\": time.sleep(0) is None, \"gm\": time.strftime(\"%Y-%m-%d\", time.gmtime(0))}\n";
    expect(await runPython(code, {})).toEqual({"aware": true, "naive": true, "recent": true, "t": true, "sleep": true, "gm": "1970-01-01"});
  });
  it("math functions", async () => {
    const code = "import math\ndef main():\n    return {\"v\": [math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.sqrt(16), math.pow(2, 3), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(8), math.fabs(-2), math.trunc(-2.7), math.gcd(12, 18), math.isnan(float(\"nan\")), math.isinf(math.inf), round(math.sin(math.pi / 2), 6), math.factorial(10), math.isclose(0.1 + 0.2, 0.3), math.exp(0), math.pi, math.hypot(3, 4), math.comb(5, 2), math.prod([1, 2, 3])]}\n";
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: CPython's exact output
    expect(await runPython(code, {})).toEqual({"v": [2, 3, -3, 4.0, 8.0, 1.0, 3.0, 3.0, 3.0, 2.0, -2, 6, true, true, 1.0, 3628800, true, 1.0, 3.141592653589793, 5.0, 10, 6]});
  });
  it("math domain error", async () => {
    const code = "import math\ndef main():\n    return {\"v\": math.sqrt(-1)}\n";
    await expect(runPython(code, {})).rejects.toThrow("ValueError: math domain error (line 3)");
  });
  it("random functions stay within their ranges", async () => {
    const code = "import random\ndef main():\n    random.seed(1)\n    xs = [1, 2, 3, 4]\n    random.shuffle(xs)\n    return {\"v\": [0 <= random.random() < 1, 1 <= random.randint(1, 3) <= 3, random.choice(\"abc\") in \"abc\", sorted(xs), len(random.sample(range(10), 3)), 2 <= random.uniform(2, 5) <= 5, len(set(random.sample(range(100), 10)))]}\n";
    expect(await runPython(code, {})).toEqual({"v": [true, true, true, [1, 2, 3, 4], 3, true, 10]});
  });
  it("base64 round trips", async () => {
    const code = "import base64\ndef main():\n    enc = base64.b64encode(\"héllo wörld\".encode(\"utf-8\"))\n    return {\"v\": [enc.decode(), base64.b64decode(enc).decode(\"utf-8\"), base64.urlsafe_b64encode(bytes([251, 255])).decode(), base64.urlsafe_b64decode(\"-_8=\").hex(), base64.b64decode(\"aGk=\") == b\"hi\", repr(enc[:4])]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["aMOpbGxvIHfDtnJsZA==", "héllo wörld", "-_8=", "fbff", true, "b'aMOp'"]});
  });
  it("base64 incorrect padding", async () => {
    const code = "import base64\ndef main():\n    return {\"v\": base64.b64decode(\"aGk\").decode()}\n";
    await expect(runPython(code, {})).rejects.toThrow("binascii.Error: Incorrect padding (line 3)");
  });
  it("string and typing modules", async () => {
    const code = "import string\nfrom typing import Any, Dict, List, Optional, Union\ndef f(x: Optional[List[Dict[str, Any]]] = None) -> Union[int, str]:\n    return len(x or [])\ndef main():\n    return {\"v\": [string.ascii_letters, string.digits, string.punctuation, string.ascii_uppercase[:3], f([{}])]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "ABC", 1]});
  });
  it("collections: Counter, defaultdict, OrderedDict", async () => {
    const code = "from collections import Counter, defaultdict, OrderedDict\ndef main():\n    c = Counter(\"abracadabra\")\n    dd = defaultdict(list)\n    for k, v in [(\"a\", 1), (\"b\", 2), (\"a\", 3)]:\n        dd[k].append(v)\n    counts = defaultdict(int)\n    for w in \"x y x\".split():\n        counts[w] += 1\n    od = OrderedDict()\n    od[\"z\"] = 1\n    return {\"v\": [c.most_common(2), c[\"a\"], c[\"zz\"], dict(dd), dict(counts), list(od.keys()), isinstance(c, dict), sorted(Counter([1, 1, 2]).items())]}\n";
    expect(await runPython(code, {})).toEqual({"v": [[["a", 5], ["b", 2]], 5, 0, {"a": [1, 3], "b": [2]}, {"x": 2, "y": 1}, ["z"], true, [[1, 2], [2, 1]]]});
  });
  it("hashlib digests", async () => {
    const code = "import hashlib\ndef main():\n    return {\"v\": [hashlib.md5(b\"hello\").hexdigest(), hashlib.sha1(\"héllo\".encode()).hexdigest(), hashlib.sha256(b\"\").hexdigest(), hashlib.sha256(b\"a\" * 1000).hexdigest()]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["5d41402abc4b2a76b9719d911017c592", "35b5ea45c5e41f78b46a937cc74d41dfea920890", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"]});
  });
  it("requests explains there is no network", async () => {
    const code = "import requests\ndef main():\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ModuleNotFoundError: No module named 'requests': Kiln's Python sandbox has no network access; fetch the data with an HTTP Request node and pass it to this node (line 1)");
  });
  it("unknown modules list what is available", async () => {
    const code = "def main():\n    import pandas as pd\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ModuleNotFoundError: No module named 'pandas' (Kiln's Python sandbox provides: ");
  });
  it("from-import of a missing name", async () => {
    const code = "from json import nothing\ndef main():\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow("ImportError: cannot import name 'nothing' from 'json'");
  });
  it("regex translation edge cases", async () => {
    const code = "import re\ndef main():\n    return {\"v\": [re.findall(r\"\\d{4}\\-\\d{2}\", \"2024-05 x\"), re.findall(r\"[\\w\\-\\.]+@[\\w\\-]+\\.\\w+\", \"a.b-c@d-e.com, x@y.org\"), re.sub(r\"\\#|\\:\", \"\", \"a#b:c\"), re.findall(r\"^\\s*-\\s*(.+)$\", \"- one\\n  - two\\nthree\", re.M), re.split(r\"\\n{2,}\", \"a\\n\\n\\nb\\nc\"), re.findall(r\"(?s)<p>(.*?)</p>\", \"<p>a\\nb</p><p>c</p>\"), re.findall(r\"[^\\W\\d_]+\", \"ab12_cd\"), re.sub(r\"(?P<k>\\w+)=(?P<v>\\w+)\", r\"\\g<v>=\\g<k>\", \"a=1, b=2\"), re.findall(r\"\\$\\d+(?:\\.\\d\\d)?\", \"cost $12.50 or $3\"), re.search(r\"\\Aabc\\Z\", \"abc\") is not None, re.search(r\"\\Aabc\\Z\", \"abc\\n\") is None, re.findall(r\"\\bthe\\b\", \"the other the\"), re.findall(r\"```(?:json)?\\s*([\\s\\S]*?)```\", \"x ```json\\n{\\\"a\\\": 1}\\n``` y\"), re.match(r\"(\\d+)\\.(\\d+)\", \"3.14\").groups(), re.findall(r\"[\\u4e00-\\u9fff]\", \"中a文\"), re.sub(r\"[\\[\\]]\", \"\", \"[a]\"), re.findall(r\"a|\", \"ab\")]}\n";
    expect(await runPython(code, {})).toEqual({"v": [["2024-05"], ["a.b-c@d-e.com", "x@y.org"], "abc", ["one", "two"], ["a", "b\nc"], ["a\nb", "c"], ["ab", "cd"], "1=a, 2=b", ["$12.50", "$3"], true, true, ["the", "the"], ["{\"a\": 1}\n"], ["3", "14"], ["中", "文"], "a", ["a", "", ""]]});
  });
  it("functools, itertools and copy", async () => {
    const code = "import copy\nimport itertools\nfrom functools import partial, reduce\ndef main():\n    nested = {\"a\": [1, {\"b\": 2}]}\n    deep = copy.deepcopy(nested)\n    deep[\"a\"][1][\"b\"] = 99\n    shallow = copy.copy(nested)\n    shallow[\"x\"] = 1\n    pairs = [(\"a\", 1), (\"a\", 2), (\"b\", 3)]\n    add3 = partial(lambda a, b, c=0: a + b + c, 1, c=10)\n    return {\"v\": [nested, reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 0), add3(2), list(itertools.chain([1], (2, 3))), list(itertools.islice(range(10), 2, 8, 3)), [(k, [x[1] for x in g]) for k, g in itertools.groupby(pairs, key=lambda p: p[0])], list(itertools.product(\"ab\", [1, 2])), list(itertools.combinations([1, 2, 3], 2)), list(itertools.permutations(\"abc\", 2)), list(itertools.zip_longest([1, 2], \"a\", fillvalue=\"-\")), list(itertools.accumulate([1, 2, 3])), list(itertools.islice(itertools.count(5, 2), 3)), \"x\" in shallow and \"x\" not in nested]}\n";
    expect(await runPython(code, {})).toEqual({"v": [{"a": [1, {"b": 2}]}, 24, 0, 13, [1, 2, 3], [2, 5], [["a", [1, 2]], ["b", [3]]], [["a", 1], ["a", 2], ["b", 1], ["b", 2]], [[1, 2], [1, 3], [2, 3]], [["a", "b"], ["a", "c"], ["b", "a"], ["b", "c"], ["c", "a"], ["c", "b"]], [[1, "a"], [2, "-"]], [1, 3, 6], [5, 7, 9], true]});
  });
  it("uuid4 is a random version 4 UUID", async () => {
    const code = "import uuid\ndef main():\n    u = uuid.uuid4()\n    s = str(u)\n    return {\"len\": len(s), \"dashes\": s.count(\"-\"), \"version\": u.version, \"hex\": len(u.hex), \"parsed\": str(uuid.UUID(\"12345678123456781234567812345678\"))}\n";
    expect(await runPython(code, {})).toEqual({"len": 36, "dashes": 4, "version": 4, "hex": 32, "parsed": "12345678-1234-5678-1234-567812345678"});
  });
  it("urllib.parse and html helpers", async () => {
    const code = "import html\nimport urllib.parse\nfrom urllib.parse import quote, urlencode, urlparse, parse_qs\ndef main():\n    u = urlparse(\"https://user@Example.com:8080/a/b;p?x=1&y=%E4%B8%AD#frag\")\n    return {\"v\": [quote(\"a b/c?d=中\"), urllib.parse.quote_plus(\"a b&c\"), urllib.parse.unquote(\"%E4%B8%AD%20x\"), urlencode({\"q\": \"a b\", \"n\": 1, \"z\": \"中\"}), urlencode({\"t\": [\"a\", \"b\"]}, doseq=True), u.scheme, u.netloc, u.path, u.params, u.query, u.fragment, u.hostname, u.port, parse_qs(\"a=1&a=2&b=x+y\"), urllib.parse.urljoin(\"https://a.com/x/y\", \"../z\"), html.escape(\"<a href='x'>&</a>\"), html.unescape(\"&lt;p&gt; &amp; &#39;x&#x27; &quot;\")]}\n";
    expect(await runPython(code, {})).toEqual({"v": ["a%20b/c%3Fd%3D%E4%B8%AD", "a+b%26c", "中 x", "q=a+b&n=1&z=%E4%B8%AD", "t=a&t=b", "https", "user@Example.com:8080", "/a/b", "p", "x=1&y=%E4%B8%AD", "frag", "example.com", 8080, {"a": ["1", "2"], "b": ["x y"]}, "https://a.com/z", "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;", "<p> & 'x' \""]});
  });
});
