// Python sandbox: the re module on a linear-time engine. Expected values were produced by CPython
// 3.11 running the same code, except where CPython itself backtracks for minutes (ReDoS patterns).
import { describe, expect, it } from "vitest";
import { runPython } from "../../src/workflow/sandbox/python";
import { SandboxError } from "../../src/workflow/sandbox/quickjs";

const run = async (body: string, limits = {}) => (await runPython(`import re\ndef main():\n${body}\n`, {}, limits)).v;

describe("Python sandbox: re without catastrophic backtracking", () => {
  it("answers patterns that backtrack exponentially in CPython (no match, found at once)", async () => {
    const v = await run(
      `    a = "a" * 40
    return {"v": [re.match(r"(a+)+$", a + "b"), re.search(r"(a|a)*b", a), re.search(r"(a|aa)*c", a), re.match(r"(\\w+\\s?)*$", "word " * 8 + "!"), re.search(r"(\\w+\\s?)*$", "word " * 8 + "!").span(), re.search(r"(\\w|\\d)+$", "1a" * 20 + "!"), re.fullmatch(r"(x+x+)+y", "x" * 40), re.findall(r"(a+)+b", a), re.sub(r"(a|aa)+c", "-", a) == a, re.split(r"(\\s*,\\s*)+$", "a , b ," + " " * 40 + "x")]}`,
    );
    expect(v).toEqual([null, null, null, null, [41, 41], null, null, [], true, ["a , b ,                                        x"]]);
  });

  it("runs lookaround and backreferences whose backtracking is bounded", async () => {
    const v = await run(
      `    return {"v": [re.findall(r"(?<=\\$)\\d+", "cost $12 or $3"), re.findall(r"\\d+(?= dollars)", "12 dollars 3 euros"), re.findall(r"(\\w)\\1", "aabbcd"), re.sub(r"(?P<c>\\w)(?P=c)", "*", "aabbcd"), re.findall(r"^(?!test_)\\w+", "main\\ntest_x\\nrun", re.M), re.findall(r"(?<!-)\\b\\d+", "-1 2 -3 4")]}`,
    );
    expect(v).toEqual([["12", "3"], ["12"], ["a", "b"], "**cd", ["main", "run"], ["2", "4"]]);
  });

  it("refuses lookaround or backreferences combined with nested repetition, with re.error", async () => {
    const v = await run(
      `    out = []
    for p in [r"(a+)+(?=b)", r"(?:\\d+)+(?!x)", r"(\\w+\\s?)*\\1", r"(a|b)*\\1"]:
        try:
            re.compile(p)
            out.append("compiled")
        except re.error as e:
            out.append("refuses" in str(e))
    return {"v": out}`,
    );
    expect(v).toEqual([true, true, true, true]);
  });

  it("refuses a backreference pattern on text too long for its polynomial worst case", async () => {
    const v = await run(
      `    try:
        re.findall(r"(\\w)\\1", "ab" * 20000)
    except re.error as e:
        return {"v": str(e)}`,
    );
    expect(v).toMatch(/at most \d+ characters, and the text has 40000/);
  });

  it("charges scanning to the time limit", async () => {
    const e = await runPython('import re\ndef main():\n    s = "ab " * 2000000\n    return {"n": len(re.findall(r"\\w+", s))}\n', {}, { timeoutMs: 200 }).catch((err) => err);
    expect(e).toBeInstanceOf(SandboxError);
    expect((e as SandboxError).reason).toBe("timeout");
  });
});

describe("Python sandbox: re semantics on RE2", () => {
  it("matches CPython on empty matches, groups, newlines, Unicode, flags, pos and endpos", async () => {
    const v = await run(
      `    m = re.match(r"(?P<k>\\w+)=(?P<v>\\w+)?", "key=")
    return {"v": [
        re.findall(r"x*", "abxd"), re.sub(r"x*", "-", "abxd"), re.split(r"x*", "axbc"), re.split(r"\\b", "a b"), re.subn(r"a|", "-", "ab"),
        [m.lastindex, m.lastgroup, m.groupdict(), m.groups("-"), m.span("v")],
        [re.match(r"((a))", "a").lastindex, re.match(r"(a)()", "a").lastindex, re.match(r"(a)(b)?", "a").lastindex],
        re.findall(r"^\\w+$", "ab\\ncd\\n"), re.findall(r"\\w+$", "ab\\ncd\\n"), re.sub(r"\\s+$", "", "a  \\nb  \\n\\n"), re.findall(r"(?m)\\w+$", "ab\\ncd\\n"), re.search(r"\\A\\d+\\Z", "12\\n") is None, re.findall(r"[^a]$", "ab\\ncd\\n"),
        re.findall(r"\\b\\w+\\b", "un café, 中文 x_1"), re.findall(r"\\bcafé\\b", "un café au lait"), re.findall(r"\\d+", "12 ٣٤"), re.findall(r"\\s+", "a\\u3000b\\xa0c"), re.findall(r"\\w+", "a²b", re.A),
        re.findall(r"(?i)straße", "STRASSE Straße"), re.findall(r"(?i:a)b", "AB Ab ab aB"), re.findall(r"""(?x) \\d+   # digits
            [a-z]""", "12a 3b"), re.findall(r".", "a\\nb"), re.findall(r".", "a\\nb", re.S),
        re.compile(r"\\d+").findall("a1b22c333", 2, 6), re.compile(r"\\d+$").search("12ab34", 0, 2).group(), re.compile("^a").search("ba", 1), re.compile(r"b").match("ab", 1).span(), re.fullmatch(r"a|ab", "ab").group(),
        [m.span() for m in re.finditer(r"", "a😀b")], re.search(r"😀(b)", "a😀b").span(1),
    ]}`,
    );
    expect(v).toEqual([["", "", "x", "", ""], "-a-b--d-", ["", "a", "", "b", "c", ""], ["", "a", " ", "b", ""], ["--b-", 3], [1, "k", { k: "key", v: null }, ["key", "-"], [-1, -1]], [1, 2, 1], [], ["cd"], "a  \nb", ["ab", "cd"], true, ["d", "\n"], ["un", "café", "中文", "x_1"], ["café"], ["12", "٣٤"], ["\u3000", "\xa0"], ["a", "b"], ["Straße"], ["Ab", "ab"], ["12a", "3b"], ["a", "b"], ["a", "\n", "b"], ["22"], "12", null, [1, 2], "ab", [[0, 0], [1, 1], [2, 2], [3, 3]], [2, 3]]);
  });
});
