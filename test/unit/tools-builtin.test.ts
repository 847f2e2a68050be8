// Built-in tools that need no storage or network: time, maths, json_process and text, called
// through the built-in source the registry uses.
import { describe, expect, it } from "vitest";
import type { TenantCtx } from "../../src/context";
import { BUILTIN_PROVIDERS, builtinProviderView, builtinSource } from "../../src/tools/builtin";
import { toolInputSchema } from "../../src/tools/registry";
import { TOOL_PARAMETER_TYPES } from "../../src/tools/types";

// Thursday 26 November 2026, 10:05:00 UTC.
const NOW = Date.UTC(2026, 10, 26, 10, 5, 0);
const ctx = { now: () => NOW, config: { SSRF_ALLOW_HOSTS: "" } } as unknown as TenantCtx;

async function run(provider: string, tool: string, args: Record<string, unknown>) {
  const resolved = await builtinSource.resolve(ctx, provider, tool);
  if (!resolved) throw new Error(`no tool ${provider}/${tool}`);
  return resolved.invoke(args, { signal: new AbortController().signal });
}
const text = async (provider: string, tool: string, args: Record<string, unknown>) => (await run(provider, tool, args)).text;

describe("built-in providers", () => {
  it("shows each provider as never deletable, named like Dify's, and authorized unless it needs a key (integration tests cover a key given)", async () => {
    const views = BUILTIN_PROVIDERS.map((p) => builtinProviderView(p));
    expect(views.map((v) => v.id)).toEqual(["time", "webscraper", "jina", "tavily", "firecrawl", "searxng", "duckduckgo", "wikipedia", "arxiv", "rookie_rss", "maths", "json_process", "text", "echarts", "md_exporter", "audio", "code", "mcp_sse", "mcp_config", "wecom", "knowledge"]);
    for (const v of views) {
      const needsKey = v.credentials_schema?.some((f) => f.required) ?? false;
      expect(v).toMatchObject({ id: v.name, type: "builtin", author: "Kiln", is_team_authorization: !needsKey, allow_delete: false, error: null });
      expect(v.tools.length).toBeGreaterThan(0);
      for (const t of v.tools) {
        for (const p of t.parameters) {
          expect(TOOL_PARAMETER_TYPES).toContain(p.type);
          expect(["llm", "form"]).toContain(p.form);
          expect(p.description.length).toBeGreaterThan(0);
        }
      }
    }
    const names = BUILTIN_PROVIDERS.flatMap((p) => p.tools.map((t) => `${p.name}/${t.definition.name}`));
    expect(names).toEqual(
      expect.arrayContaining([
        "time/current_time",
        "time/timezone_conversion",
        "time/localtime_to_timestamp",
        "time/timestamp_to_localtime",
        "time/weekday",
        "webscraper/webscraper",
        "jina/jina_reader",
        "maths/eval_expression",
        "json_process/parse",
        "json_process/insert",
        "json_process/replace",
        "json_process/delete",
        "knowledge/knowledge_search",
      ]),
    );
  });

  it("resolves Dify plugin ids and answers null for unknown providers and tools", async () => {
    expect((await builtinSource.resolve(ctx, "langgenius/time/time", "current_time"))?.tool.name).toBe("current_time");
    expect(await builtinSource.resolve(ctx, "time", "no_such_tool")).toBeNull();
    expect(await builtinSource.resolve(ctx, "nope", "current_time")).toBeNull();
  });

  it("keeps form parameters out of the schema a model fills in", async () => {
    const tool = (await builtinSource.resolve(ctx, "knowledge", "knowledge_search"))!.tool;
    const schema = toolInputSchema(tool) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(["query"]);
    expect(schema.required).toEqual(["query"]);
  });

  it("refuses a missing required argument and a value of the wrong type", async () => {
    await expect(run("maths", "eval_expression", {})).rejects.toThrow("eval_expression: expression is required");
    await expect(run("time", "weekday", { year: "next", month: 1, day: 1 })).rejects.toThrow("year must be a number");
    await expect(run("text", "change_case", { text: "a", case: "shouting" })).rejects.toThrow(/case must be one of upper, lower/);
  });
});

describe("time", () => {
  it("answers the current time in UTC with Dify's default format", async () => {
    const r = await run("time", "current_time", {});
    expect(r.text).toBe("2026-11-26 10:05:00");
    expect(r.json?.[0]).toMatchObject({ timezone: "UTC", iso: "2026-11-26T10:05:00+00:00", timestamp: NOW / 1000, weekday: "Thursday" });
  });

  it("answers the time in another zone with strftime directives", async () => {
    expect(await text("time", "current_time", { timezone: "Asia/Tokyo" })).toBe("2026-11-26 19:05:00");
    expect(await text("time", "current_time", { timezone: "Asia/Kolkata", format: "%H:%M %z" })).toBe("15:35 +0530");
    expect(await text("time", "current_time", { timezone: "America/New_York", format: "%A %d %B %Y, %I:%M %p %Z %z (day %j) %%" })).toBe(
      "Thursday 26 November 2026, 05:05 AM EST -0500 (day 330) %",
    );
  });

  it("refuses an unknown time zone with a clear message", async () => {
    await expect(run("time", "current_time", { timezone: "Mars/Olympus_Mons" })).rejects.toThrow(/Invalid timezone: "Mars\/Olympus_Mons"/);
    await expect(
      run("time", "timezone_conversion", { current_time: "2026-01-01 00:00:00", current_timezone: "UTC", target_timezone: "Nowhere" }),
    ).rejects.toThrow(/Invalid timezone/);
  });

  it("converts a time between zones, across daylight saving time", async () => {
    const convert = (current_time: string, current_timezone: string, target_timezone: string) =>
      text("time", "timezone_conversion", { current_time, current_timezone, target_timezone });
    expect(await convert("2026-07-01 12:00:00", "Europe/Paris", "Asia/Tokyo")).toBe("2026-07-01 19:00:00");
    expect(await convert("2026-01-15 12:00:00", "Europe/Paris", "Asia/Tokyo")).toBe("2026-01-15 20:00:00");
    expect(await convert("2026-01-15 23:30", "America/Los_Angeles", "UTC")).toBe("2026-01-16 07:30:00");
    // 02:30 does not exist in Paris on 29 March 2026 (clocks jump from 02:00 to 03:00).
    expect(await convert("2026-03-29 02:30:00", "Europe/Paris", "UTC")).toBe("2026-03-29 01:30:00");
  });

  it("turns a local time into a Unix timestamp and back, in Asia/Shanghai unless told (expected values printed by CPython)", async () => {
    expect(await text("time", "localtime_to_timestamp", { localtime: "2024-1-1 0:0:0" })).toBe("1704038400");
    expect(await text("langgenius/time/time", "localtime_to_timestamp", { localtime: "2026-07-01 12:00:00", timezone: "America/New_York" })).toBe("1782921600");
    expect(await text("time", "timestamp_to_localtime", { timestamp: 1704038400 })).toBe("2024-01-01 00:00:00");
    expect(await text("time", "timestamp_to_localtime", { timestamp: "1704038400", timezone: "UTC" })).toBe("2023-12-31 16:00:00");
    expect(await text("time", "timestamp_to_localtime", { timestamp: 1.9 })).toBe("1970-01-01 08:00:01");
    expect(await text("time", "timestamp_to_localtime", { timestamp: -1.5, timezone: "UTC" })).toBe("1969-12-31 23:59:58");
    await expect(run("time", "localtime_to_timestamp", { localtime: "2024/1/1" })).rejects.toThrow("time data '2024/1/1' does not match format '%Y-%m-%d %H:%M:%S'");
    await expect(run("time", "localtime_to_timestamp", { localtime: "2024-02-30 00:00:00" })).rejects.toThrow("day is out of range for month");
    await expect(run("time", "localtime_to_timestamp", { localtime: "2024-01-01 24:00:00" })).rejects.toThrow("does not match format");
    await expect(run("time", "timestamp_to_localtime", { timestamp: 0, timezone: "Mars/Base" })).rejects.toThrow("Invalid timezone: 'Mars/Base'");
    await expect(run("time", "timestamp_to_localtime", { timestamp: 1e15 })).rejects.toThrow("year is out of range");
  });

  it("refuses a date that does not exist", async () => {
    const bad = { current_time: "2026-02-30 10:00:00", current_timezone: "UTC", target_timezone: "UTC" };
    await expect(run("time", "timezone_conversion", bad)).rejects.toThrow(/current_time must be a date and time/);
    await expect(run("time", "timezone_conversion", { ...bad, current_time: "tomorrow" })).rejects.toThrow(/current_time/);
  });

  it("answers the weekday of a date in Dify's words", async () => {
    expect(await text("time", "weekday", { year: 2026, month: 11, day: 26 })).toBe("November 26, 2026 is Thursday.");
    expect(await text("time", "weekday", { year: "2000", month: "2", day: "29" })).toBe("February 29, 2000 is Tuesday.");
    await expect(run("time", "weekday", { year: 2023, month: 2, day: 29 })).rejects.toThrow("Invalid date: year 2023, month 2, day 29");
    await expect(run("time", "weekday", { year: 2023, month: 13, day: 1 })).rejects.toThrow(/Invalid date/);
  });
});

describe("maths", () => {
  const calc = (expression: string) => text("maths", "eval_expression", { expression });

  it("evaluates arithmetic, functions, units, matrices and several statements", async () => {
    expect(await calc("(2 + 3) * 4")).toBe("20");
    expect(await calc("sqrt(16) + 2^10")).toBe("1028");
    expect(await calc("0.1 + 0.2")).toBe("0.3");
    expect(await calc("12 inch to cm")).toBe("30.48 cm");
    expect(await calc("det([1, 2; 3, 4])")).toBe("-2");
    expect(await calc("f(x) = x^2 + 1; f(3)")).toBe("10");
    expect(await calc("a = 2\nb = a * 5\nb + 1")).toBe("2\n10\n11");
    expect((await run("maths", "eval_expression", { expression: "mean(1, 2, 3)" })).json).toEqual([{ expression: "mean(1, 2, 3)", result: "2" }]);
  });

  it("refuses functions that could change the shared instance or escape the parser", async () => {
    await expect(calc("import({evil: 1}, {override: true})")).rejects.toThrow("Function import is disabled");
    await expect(calc('createUnit("furlong", "220 yards")')).rejects.toThrow("Function createUnit is disabled");
    await expect(calc('config({number: "BigNumber"})')).rejects.toThrow("Function config is disabled");
    await expect(calc('evaluate("1 + 1")')).rejects.toThrow("Function evaluate is disabled");
    await expect(calc('parse("1 + 1")')).rejects.toThrow("Function parse is disabled");
    await expect(calc('simplify("2x + 3x")')).rejects.toThrow("Function simplify is disabled");
    await expect(calc('f = cos.constructor("return process")')).rejects.toThrow(/No access to/);
    await expect(calc('cos["constructor"]')).rejects.toThrow(/No access to/);
    await expect(calc("[].constructor")).rejects.toThrow(/No access to/);
    // The instance still works normally after those attempts.
    expect(await calc("1 + 1")).toBe("2");
  });

  it("refuses huge allocations and long expressions", async () => {
    await expect(calc("zeros(100000, 100000)")).rejects.toThrow(/zeros: more than 100000 elements/);
    await expect(calc("size(1:1e9)")).rejects.toThrow(/range: more than 100000 elements/);
    await expect(calc(`1${" + 1".repeat(600)}`)).rejects.toThrow(/too long/);
    expect(await calc("sum(1:100)")).toBe("5050");
  });

  it("keeps no state between calls and reports syntax errors", async () => {
    expect(await calc("secret = 42")).toBe("42");
    await expect(calc("secret")).rejects.toThrow(/Undefined symbol secret/);
    await expect(calc("2 +")).rejects.toThrow(/Could not evaluate "2 \+": Unexpected end of expression/);
  });
});

describe("json_process", () => {
  const store = JSON.stringify({
    store: { book: [{ title: "Sayings", price: 8.95 }, { title: "Sword", price: 12.99 }, { title: "Moby Dick", price: 8.99 }], city: "Zürich" },
  });

  it("parses with JSONPath, answering one match on its own and several as a list", async () => {
    expect(await text("json_process", "parse", { content: store, json_filter: "$.store.book[0].title" })).toBe("Sayings");
    expect(await text("json_process", "parse", { content: store, json_filter: "$..book[?(@.price < 10)].title" })).toBe('["Sayings","Moby Dick"]');
    expect(await text("json_process", "parse", { content: store, json_filter: "$.store.book[1]" })).toBe('{"title":"Sword","price":12.99}');
    expect(await text("json_process", "parse", { content: store, json_filter: "$.nothing" })).toBe("[]");
    expect(await text("json_process", "parse", { content: JSON.parse(store), json_filter: "$.store.city", ensure_ascii: true })).toBe("Zürich");
    expect(await text("json_process", "parse", { content: store, json_filter: "$.store", ensure_ascii: true })).toContain('"Z\\u00fcrich"');
  });

  it("refuses invalid JSON and a query that is not a JSONPath", async () => {
    await expect(run("json_process", "parse", { content: "{nope", json_filter: "$.a" })).rejects.toThrow(/content is not valid JSON/);
    await expect(run("json_process", "parse", { content: "{}", json_filter: "a.b" })).rejects.toThrow(/json_filter must be a JSONPath starting with "\$"/);
  });

  it("never runs filter expressions as JavaScript", async () => {
    const g = globalThis as { pwned?: number };
    const attempts = [
      "$..book[?(globalThis.pwned = 1)]",
      "$..book[?(@.constructor.constructor('globalThis.pwned = 1; return true')())]",
      "$..book[?(@.price.constructor.constructor('globalThis.pwned = 1')())]",
      "$..book[?(Function('globalThis.pwned = 1')())]",
    ];
    for (const json_filter of attempts) {
      await expect(run("json_process", "parse", { content: store, json_filter }), json_filter).rejects.toThrow(/could not be evaluated/);
    }
    expect(g.pwned).toBeUndefined();
  });

  it("inserts into arrays and objects, and creates a missing path on request", async () => {
    const doc = JSON.stringify({ tags: ["a", "c"], user: { name: "Ada" } });
    expect(await text("json_process", "insert", { content: doc, query: "$.tags", new_value: "b", index: 1 })).toBe(
      '{"tags":["a","b","c"],"user":{"name":"Ada"}}',
    );
    expect(await text("json_process", "insert", { content: doc, query: "$.user", new_value: '{"age": 36}' })).toBe(
      '{"tags":["a","c"],"user":{"name":"Ada","age":36}}',
    );
    await expect(run("json_process", "insert", { content: doc, query: "$.user", new_value: "36" })).rejects.toThrow(/must be a JSON object/);
    await expect(run("json_process", "insert", { content: doc, query: "$.user.address.city", new_value: "London" })).rejects.toThrow(
      /matched nothing/,
    );
    expect(await text("json_process", "insert", { content: doc, query: "$.user.address.city", new_value: "London", create_path: true })).toBe(
      '{"tags":["a","c"],"user":{"name":"Ada","address":{"city":"London"}}}',
    );
    expect(await text("json_process", "insert", { content: doc, query: "$.tags", new_value: "42", value_decode: false })).toBe(
      '{"tags":["a","c","42"],"user":{"name":"Ada"}}',
    );
  });

  it("replaces values, keys and substrings", async () => {
    const doc = JSON.stringify({ a: { greeting: "hello world", n: 1 }, b: [{ greeting: "world peace" }] });
    expect(await text("json_process", "replace", { content: doc, query: "$.a.n", replace_model: "value", replace_value: "2" })).toBe(
      '{"a":{"greeting":"hello world","n":2},"b":[{"greeting":"world peace"}]}',
    );
    expect(await text("json_process", "replace", { content: doc, query: "$.a.greeting", replace_model: "key", replace_value: "salute" })).toBe(
      '{"a":{"salute":"hello world","n":1},"b":[{"greeting":"world peace"}]}',
    );
    expect(
      await text("json_process", "replace", { content: doc, query: "$..greeting", replace_model: "pattern", replace_pattern: "world", replace_value: "moon" }),
    ).toBe('{"a":{"greeting":"hello moon","n":1},"b":[{"greeting":"moon peace"}]}');
    await expect(run("json_process", "replace", { content: doc, query: "$.a", replace_model: "pattern", replace_value: "x" })).rejects.toThrow(
      /replace_pattern is required/,
    );
  });

  it("deletes every selected value, array items included", async () => {
    const doc = JSON.stringify({ items: [1, 2, 3, 4], keep: true, drop: "x" });
    expect(await text("json_process", "delete", { content: doc, query: "$.items[?(@ % 2 === 0)]" })).toBe('{"items":[1,3],"keep":true,"drop":"x"}');
    expect(await text("json_process", "delete", { content: doc, query: "$.drop" })).toBe('{"items":[1,2,3,4],"keep":true}');
    await expect(run("json_process", "delete", { content: doc, query: "$" })).rejects.toThrow(/whole document/);
  });
});

describe("text", () => {
  it("counts words, characters and lines, Chinese included", async () => {
    const r = await run("text", "word_count", { text: "Hello, world!\nSecond line here." });
    expect(r.json?.[0]).toEqual({ words: 5, characters: 31, characters_no_spaces: 27, lines: 2 });
    expect(r.text).toBe("5 words, 31 characters (27 without spaces), 2 lines");
    const zh = (await run("text", "word_count", { text: "我喜欢学习中文" })).json?.[0] as { words: number; characters: number };
    expect(zh.characters).toBe(7);
    expect(zh.words).toBeGreaterThan(1);
  });

  it("extracts regex matches and capture groups", async () => {
    const sample = "Invoice 2026-01-15 paid; invoice 2026-02-01 due.";
    expect(await text("text", "regex_extract", { text: sample, pattern: "\\d{4}-\\d{2}-\\d{2}" })).toBe("2026-01-15\n2026-02-01");
    const r = await run("text", "regex_extract", { text: sample, pattern: "invoice (?<date>\\S+) (\\w+)", flags: "i" });
    expect(r.text).toBe("2026-01-15\tpaid\n2026-02-01\tdue");
    expect(r.json?.[0]).toMatchObject({ match: "Invoice 2026-01-15 paid", index: 0, named: { date: "2026-01-15" } });
    expect(await text("text", "regex_extract", { text: sample, pattern: "refund" })).toBe("No matches.");
  });

  it("answers patterns that backtrack exponentially on a backtracking engine, on a linear one", async () => {
    for (const pattern of ["(a+)+$", "(a|a)*b", "(a|aa)*c", "(\\w|\\d)+$", "^(\\w+\\s?)*$"]) {
      expect(await text("text", "regex_extract", { text: `${"a".repeat(40)}!`, pattern })).toBe("No matches.");
    }
  });

  it("runs lookaround and backreferences with bounded backtracking", async () => {
    expect(await text("text", "regex_extract", { text: "12 dollars 3 euros", pattern: "\\d+(?= dollars)" })).toBe("12");
    expect(await text("text", "regex_extract", { text: "cost $12 or $3", pattern: "(?<=\\$)\\d+" })).toBe("12\n3");
    expect(await text("text", "regex_extract", { text: "aabbcd", pattern: "(?<c>\\w)\\k<c>" })).toBe("a\nb");
    expect(await text("text", "regex_extract", { text: "x = [\u4e2d\u6587]", pattern: "[\\u4e00-\\u9fff]+" })).toBe("\u4e2d\u6587");
  });

  it("refuses a bad regex, unknown flags, explosive patterns and huge inputs", async () => {
    await expect(run("text", "regex_extract", { text: "x", pattern: "(unclosed" })).rejects.toThrow(/not a valid regular expression/);
    await expect(run("text", "regex_extract", { text: "x", pattern: "x", flags: "gy" })).rejects.toThrow(/flags may only contain/);
    await expect(run("text", "regex_extract", { text: "aaaa", pattern: "(a+)+(?=b)" })).rejects.toThrow(/repeats a group that itself repeats/);
    await expect(run("text", "regex_extract", { text: "ab".repeat(20_000), pattern: "(\\w)\\1" })).rejects.toThrow(/at most \d+ characters of text/);
    await expect(run("text", "regex_extract", { text: "x".repeat(1_000_001), pattern: "x" })).rejects.toThrow(/text is too long/);
  });

  it("changes case", async () => {
    const change = (value: string, mode: string) => text("text", "change_case", { text: value, case: mode });
    expect(await change("Hello World", "upper")).toBe("HELLO WORLD");
    expect(await change("Hello World", "lower")).toBe("hello world");
    expect(await change("the QUICK brown fox's tail", "title")).toBe("The Quick Brown Fox's Tail");
    expect(await change("HELLO THERE. HOW ARE YOU?", "sentence")).toBe("Hello there. How are you?");
    expect(await change("parseHTMLText v2-final", "snake")).toBe("parse_html_text_v2_final");
    expect(await change("Hello World Again", "kebab")).toBe("hello-world-again");
    expect(await change("hello_world again", "camel")).toBe("helloWorldAgain");
  });

  it("splits text at a separator, with escapes for line breaks and tabs", async () => {
    expect(await text("text", "split_text", { text: "a\nb\n\nc" })).toBe('["a","b","","c"]');
    const r = await run("text", "split_text", { text: " a , b ,, c ", separator: ",", trim: true, remove_empty: true });
    expect(r.json).toEqual([{ parts: ["a", "b", "c"], count: 3 }]);
    expect(await text("text", "split_text", { text: "x\ty", separator: "\\t" })).toBe('["x","y"]');
  });
});

describe("echarts (Dify's langgenius/echarts plugin)", () => {
  // Expected texts were printed by the plugin's own code (tools/bar.py, line.py, pie.py) in CPython.
  it("answers a bar chart as the plugin's ```echarts block: all-digit data stays ints", async () => {
    const out = await text("langgenius/echarts/echarts", "bar_chart", { title: "销量", x_axis: "一月;二月;三月", data: "5;20;36" });
    expect(out).toBe(
      '```echarts\n{\n  "title": {\n    "left": "center",\n    "text": "销量"\n  },\n  "tooltip": {\n    "trigger": "axis",\n    "axisPointer": {\n      "type": "cross"\n    }\n  },\n  "xAxis": {\n    "type": "category",\n    "data": [\n      "一月",\n      "二月",\n      "三月"\n    ]\n  },\n  "yAxis": {\n    "type": "value"\n  },\n  "series": [\n    {\n      "data": [\n        5,\n        20,\n        36\n      ],\n      "type": "bar",\n      "smooth": true\n    }\n  ]\n}\n```',
    );
  });

  it("reads other data as Python floats, written with their .0 as json.dumps writes them", async () => {
    const out = await text("echarts", "line_chart", { title: "Temp", x_axis: "a;b;c", data: " 1.5;-2;3e2" });
    expect(out).toContain('"data": [\n        1.5,\n        -2.0,\n        300.0\n      ],\n      "type": "line"');
  });

  it("pairs pie slices with categories as zip() does, up to the shorter list", async () => {
    const out = await text("echarts", "pie_chart", { title: "Share", categories: "x;y;z", data: "1;2" });
    expect(out).toBe(
      '```echarts\n{\n  "title": {\n    "left": "center",\n    "text": "Share"\n  },\n  "tooltip": {\n    "trigger": "item"\n  },\n  "legend": {\n    "orient": "vertical",\n    "left": "left"\n  },\n  "series": [\n    {\n      "type": "pie",\n      "data": [\n        {\n          "value": 1,\n          "name": "x"\n        },\n        {\n          "value": 2,\n          "name": "y"\n        }\n      ]\n    }\n  ]\n}\n```',
    );
    const floats = await text("echarts", "pie_chart", { title: "Share", categories: "x;y", data: "0.25;1_000" });
    expect(floats).toContain('"value": 0.25');
    expect(floats).toContain('"value": 1000.0');
  });

  it("refuses data that is not numbers, as float() does, and a missing required field", async () => {
    await expect(run("echarts", "bar_chart", { title: "t", x_axis: "a;b", data: "1;two" })).rejects.toThrow("could not convert string to float: 'two'");
    await expect(run("echarts", "bar_chart", { title: "t", x_axis: "a;b", data: "1;;2" })).rejects.toThrow("could not convert string to float: ''");
    await expect(run("echarts", "bar_chart", { title: "t", x_axis: "a", data: "nan" })).rejects.toThrow("cannot be charted");
    await expect(run("echarts", "pie_chart", { title: "t", data: "1" })).rejects.toThrow("categories is required");
  });
});

describe("code (Dify's built-in code interpreter)", () => {
  it("runs Python as a script and answers what it printed, as CPython prints it", async () => {
    const code = [
      "import json",
      "def area(r):",
      "    return 3.0 * r * r",
      "print('a', 1, [1, 'x'], {'k': None}, sep='|', end='!\\n')",
      "print()",
      "print(area(2), True, (1,))",
      "print('to stderr', file=None)",
      "print(json.dumps({'ok': True}))",
    ].join("\n");
    // Expected: CPython 3 running the same code.
    expect(await text("code", "simple_code", { language: "python3", code })).toBe(
      "a|1|[1, 'x']|{'k': None}!\n\n12.0 True (1,)\nto stderr\n" + '{"ok": true}\n',
    );
    expect(await text("code", "simple_code", { language: "python3", code: "x = 1 + 1" })).toBe("");
  });

  it("runs JavaScript as a script and answers what console.log printed", async () => {
    const code = "const xs = [1, 2, 3];\nconsole.log('sum', xs.reduce((a, b) => a + b, 0));\nconsole.log({ n: xs.length }, xs, null, undefined);";
    expect(await text("langgenius/code/code", "simple_code", { language: "javascript", code })).toBe('sum 6\n{"n":3} [1,2,3] null undefined\n');
  });

  it("fails with the sandbox's error: a raised exception, a syntax error, no network, an endless loop, an unknown language", async () => {
    await expect(run("code", "simple_code", { language: "python3", code: "print('before')\nraise ValueError('nope')" })).rejects.toThrow(
      "ValueError: nope (line 2)",
    );
    await expect(run("code", "simple_code", { language: "javascript", code: "let = ;" })).rejects.toThrow("SyntaxError");
    await expect(run("code", "simple_code", { language: "python3", code: "import requests" })).rejects.toThrow("No module named 'requests'");
    await expect(run("code", "simple_code", { language: "javascript", code: "fetch('https://example.com')" })).rejects.toThrow("'fetch' is not defined");
    await expect(run("code", "simple_code", { language: "javascript", code: "while (true) {}" })).rejects.toThrow("time limit");
    await expect(run("code", "simple_code", { language: "python3", code: "while True:\n    pass" })).rejects.toThrow("time limit");
    await expect(run("code", "simple_code", { language: "ruby", code: "puts 1" })).rejects.toThrow("must be one of python3, javascript");
  });

  it("stops a script that prints past the output limit", async () => {
    await expect(run("code", "simple_code", { language: "python3", code: "while True:\n    print('x' * 100000)" })).rejects.toThrow(
      "printed output passed the limit",
    );
  });
});
