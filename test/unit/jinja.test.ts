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
});
