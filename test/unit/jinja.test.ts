// Jinja2 as Dify renders it (src/workflow/jinja.ts): Python's whitespace defaults and Python's
// str() of printed values. Each expectation is what `jinja2.Template(source).render(**vars)`
// gives in Python.
import { describe, expect, it } from "vitest";
import { JinjaTemplate } from "../../src/workflow/jinja";

const render = (source: string, vars: Record<string, unknown> = {}) => new JinjaTemplate(source).render(vars);

describe("JinjaTemplate", () => {
  it("prints values as Python's str(): booleans, None, lists and dicts in their repr", () => {
    const vars = { yes: true, no: false, nothing: null, tags: ["a", "b"], scores: [1, 2.5, true, null], doc: { k: 1, s: "it's" } };
    expect(render("{{ yes }} {{ no }} {{ nothing }}", vars)).toBe("True False None");
    expect(render("{{ tags }}", vars)).toBe("['a', 'b']");
    expect(render("{{ scores }}", vars)).toBe("[1, 2.5, True, None]");
    // A string holding a single quote is shown in double quotes, as Python's repr does.
    expect(render("{{ doc }}", vars)).toBe(`{'k': 1, 's': "it's"}`);
    expect(render("{{ missing }}|{{ 2.0 }}|{{ 'x' }}", vars)).toBe("|2.0|x");
  });

  it("keeps the whitespace around block tags, as Jinja2 does without trim_blocks and lstrip_blocks", () => {
    expect(render("{% for i in items %}\n- {{ i }}\n{% endfor %}\n", { items: ["x", "y"] })).toBe("\n- x\n\n- y\n");
    expect(render("  {% if ok %}\nyes\n  {% endif %}\nend\n\n", { ok: true })).toBe("  \nyes\n  \nend\n");
  });

  it("drops one trailing newline of the template, as Jinja2 does", () => {
    expect(render("a\n")).toBe("a");
    expect(render("a\n\n")).toBe("a\n");
    expect(render("\na")).toBe("\na");
  });

  it("runs statements without printing them, and has Jinja2's literals and range()", () => {
    expect(render("{% set x = 1 %}{{ x }}")).toBe("1");
    expect(render("{{ range(3) | list }} {{ range(1, 7, 2) | list }}")).toBe("[0, 1, 2] [1, 3, 5]");
    expect(render("{{ true and True }} {{ none is none }}")).toBe("True True");
    expect(render("{{ tags | join(', ') }} {{ doc.k }} {{ doc['s'] }}", { tags: ["a", "b"], doc: { k: 1, s: "v" } })).toBe("a, b 1 v");
  });

  it("builds `~` concatenation and the string filter from str() too", () => {
    const vars = { yes: true, nothing: null, tags: ["a"], n: 2 };
    expect(render("{{ 'v=' ~ yes ~ '/' ~ nothing ~ '/' ~ missing ~ '/' ~ tags ~ '/' ~ n ~ 2.0 }}", vars)).toBe("v=True/None//['a']/22.0");
    expect(render("{{ yes | string }} {{ nothing | string }} {{ tags | string }} {{ (yes | string) | length }}", vars)).toBe("True None ['a'] 4");
    expect(render("{{ 1 + 2 }} {{ 'a' + 'b' }}")).toBe("3 ab");
  });
  it("joins items as str() prints them, adds as Python does, and writes line endings as \\n", () => {
    const items = [{ t: "a", n: 1 }, null, true, 1.0, [1, "x"], "s"];
    // 1.0 reaches the template as the number 1 (JSON has one number type), and prints as 1
    expect(render("{{ items | join(', ') }}", { items })).toBe("{'t': 'a', 'n': 1}, None, True, 1, [1, 'x'], s");
    const users = [{ name: "Ann", meta: { age: 30 } }, { name: "Bo", meta: { age: 4 } }];
    expect(render("{{ users | join(' / ', attribute='name') }}|{{ users | join(attribute='meta.age') }}", { users })).toBe("Ann / Bo|304");
    expect(render("{{ d | join('-') }}|{{ 'abc' | join('.') }}|{{ [] | join(',') }}", { d: { x: 1, y: 2 } })).toBe("x-y|a.b.c|");
    expect(render("{{ index + 1 }}/{{ 1.5 + 2 }}/{{ True + 1 }}/{{ 'a' + 'b' }}/{{ [1] + [2, 3] }}/{{ ('x', 'y') + ('z', 'w') }}", { index: 2 })).toBe(
      "3/3.5/2/ab/[1, 2, 3]/('x', 'y', 'z', 'w')",
    );
    expect(render("line one\r\nline two\r{{ x }}\r\n", { x: "end" })).toBe("line one\nline two\nend");
    // what Jinja2 refuses to add, with Python's messages
    expect(() => render("{{ index + 1 }}", { index: "" })).toThrow('can only concatenate str (not "int") to str');
    expect(() => render("{{ items + 'x' }}", { items: ["a"] })).toThrow('can only concatenate list (not "str") to list');
    expect(() => render("{{ n + 'x' }}", { n: 3 })).toThrow("unsupported operand type(s) for +: 'int' and 'str'");
    expect(() => render("{{ d + d }}", { d: { a: 1 } })).toThrow("unsupported operand type(s) for +: 'dict' and 'dict'");
    expect(() => render("{{ none + 1 }}")).toThrow("unsupported operand type(s) for +: 'NoneType' and 'int'");
  });
  it("applies Jinja2's built-in filters with Jinja2's results (round, sum, escape, truncate, format, batch, select, map, dictsort, tojson…)", () => {
    // each expected string is what jinja2 3.1 rendered from the same template and variables
    const vars = {"s": "Hello World  ", "n": 3.14159, "i": 42, "neg": -7, "l": [3, 1, 2, 1], "ls": ["b", "a", "c"], "d": {"b": 2, "a": 1}, "objs": [{"name": "x", "v": 2}, {"name": "y", "v": 1}, {"name": "x", "v": 3}], "none": null, "t": true, "html": "<b>Hi</b> & <i>you</i>", "long": "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word ", "empty": "", "el": []};
    const cases: [string, string][] = [
[
"{{ s|upper }}|{{ s|lower }}|{{ s|title }}|{{ s|capitalize }}|{{ s|trim }}|{{ s|length }}",
"HELLO WORLD  |hello world  |Hello World  |Hello world  |Hello World|13"
],
[
"{{ n|round }}|{{ n|round(2) }}|{{ n|round(1, 'floor') }}|{{ n|int }}|{{ i|float }}|{{ neg|abs }}",
"3.0|3.14|3.1|3|42.0|7"
],
[
"{{ l|sum }}|{{ l|min }}|{{ l|max }}|{{ l|sort }}|{{ l|unique|list }}|{{ l|reverse|list }}|{{ l|first }}|{{ l|last }}",
"7|1|3|[1, 1, 2, 3]|[3, 1, 2]|[1, 2, 1, 3]|3|1"
],
[
"{{ ls|sort(reverse=true) }}|{{ ls|join }}|{{ ls|length }}|{{ ls|map('upper')|list }}",
"['c', 'b', 'a']|bac|3|['B', 'A', 'C']"
],
[
"{{ objs|map(attribute='name')|list }}|{{ objs|sum(attribute='v') }}|{{ objs|sort(attribute='v')|map(attribute='v')|list }}",
"['x', 'y', 'x']|6|[1, 2, 3]"
],
[
"{{ objs|selectattr('name', 'equalto', 'x')|list|length }}|{{ objs|rejectattr('v', 'gt', 1)|list }}",
"2|[{'name': 'y', 'v': 1}]"
],
[
"{{ d|dictsort }}|{% for k, v in d.items() %}{{ k }}{{ v }}{% endfor %}|{{ d.keys()|list }}|{{ d|length }}",
"[('a', 1), ('b', 2)]|b2a1|['b', 'a']|2"
],
[
"{{ none|default('dflt') }}|{{ empty|default('e') }}|{{ empty|default('e', true) }}|{{ missing|default('m') }}",
"None||e|m"
],
[
"{{ html|e }}|{{ html|striptags }}|{{ html|escape }}",
"&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;i&gt;you&lt;/i&gt;|Hi & you|&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;i&gt;you&lt;/i&gt;"
],
[
"{{ long|truncate(20) }}|{{ long|wordcount }}|{{ s|replace('l', 'L') }}|{{ s|center(20) }}|",
"word word word...|30|HeLLo WorLd  |   Hello World      |"
],
[
"{{ '%s-%d'|format('a', 3) }}|{{ 'x'|string }}|{{ i|string }}|{{ t }}|{{ none }}",
"a-3|x|42|True|None"
],
[
"{{ d|tojson }}|{{ objs|tojson }}|{{ ls|tojson }}|{{ 'é\"<'|tojson }}",
"{\"a\": 1, \"b\": 2}|[{\"name\": \"x\", \"v\": 2}, {\"name\": \"y\", \"v\": 1}, {\"name\": \"x\", \"v\": 3}]|[\"b\", \"a\", \"c\"]|\"\\u00e9\\\"\\u003c\""
],
[
"{{ l|batch(3)|list }}|{{ l|slice(2)|list }}",
"[[3, 1, 2], [1]]|[[3, 1], [2, 1]]"
],
[
"{{ i // 5 }}|{{ i % 5 }}|{{ i / 5 }}|{{ 2 ** 10 }}|{{ i > 40 and n < 4 }}|{{ 'a' in ls }}|{{ 3 in l }}",
"8|2|8.4|1024|True|True|True"
],
[
"{% for x in l %}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}",
"1TrueFalse4;2FalseFalse4;3FalseFalse4;4FalseTrue4;"
],
[
"{% set ns = namespace(c=0) %}{% for x in l %}{% set ns.c = ns.c + x %}{% endfor %}{{ ns.c }}",
"7"
],
[
"{{ long|wordwrap(25) }}",
"word word word word word\nword word word word word\nword word word word word\nword word word word word\nword word word word word\nword word word word word"
],
[
"{{ s|indent(2) }}|{{ 'a\nb'|indent(2, true) }}",
"Hello World  |  a\n  b"
],
[
"{{ ls|select('equalto','a')|list }}|{{ l|select('odd')|list }}|{{ l|reject('odd')|list }}",
"['a']|[3, 1, 1]|[2]"
],
[
"{{ n|round(0) }}|{{ 2.5|round }}|{{ 3.5|round }}|{{ -2.5|round }}|{{ 10/4 }}|{{ 7 // 2 }}|{{ 0.1 + 0.2 }}",
"3.0|2.0|4.0|-2.0|2.5|3|0.30000000000000004"
],
[
"{{ s[0] }}|{{ s[:5] }}|{{ s[-3:] }}|{{ ls[1:] }}|{{ l[::-1] }}",
"H|Hello|d  |['a', 'c']|[1, 2, 1, 3]"
],
[
"{{ i|filesizeformat }}|{{ 123456789|filesizeformat }}|{{ 'a b'|urlencode }}|{{ 'hello world'|title }}",
"42 Bytes|123.5 MB|a%20b|Hello World"
],
[
"{{ l|map('string')|join(',') }}|{{ objs|map(attribute='v')|sum }}|{{ [1,2]|list + [3] }}",
"3,1,2,1|6|[1, 2, 3]"
],
[
"{{ d['a'] }}|{{ d.a }}|{{ d.get('z', 0) }}|{{ objs[0].name }}|{{ objs[0]['v'] }}",
"1|1|0|x|2"
],
[
"{{ l|batch(3, 0)|list }}|{{ l|slice(3, 'x')|list }}|{{ '%5.2f|%-4s|%03d|%r|%x'|format(3.14159, 'ab', 7, 'q', 255) }}|{{ d|tojson(indent=2) }}",
"[[3, 1, 2], [1, 0, 0]]|[[3, 1], [2, 'x'], [1, 'x']]| 3.14|ab  |007|'q'|ff|{\n  \"a\": 1,\n  \"b\": 2\n}"
],
[
"{{ objs|max(attribute='v') }}|{{ ls|min }}|{{ 'ÀB'|lower }}|{{ 1234567|filesizeformat(true) }}|{{ 1|filesizeformat }}|{{ s|truncate(8, true) }}|{{ s|truncate(5, false, '>', 0) }}",
"{'name': 'x', 'v': 3}|a|àb|1.2 MiB|1 Byte|Hello World  |Hell>"
]
];
    for (const [source, expected] of cases) expect(render(source, vars), source).toBe(expected);
    expect(render("{{ {'a b': 'x/y z', 'k': 1}|urlencode }}|{{ 'a/b c'|urlencode }}|{{ '\u007f\u00e9'|tojson }}")).toBe("a+b=x%2Fy+z&k=1|a/b%20c|\"\\u007f\\u00e9\"");
  });
});
