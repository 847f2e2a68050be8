// The textwrap module's dedent and indent, as CPython computes them. wrap, fill and shorten are
// not provided (their word-splitting rules are long): code that uses them fails with
// AttributeError rather than with other line breaks than CPython's.
import { getAttr } from "../attributes";
import { iterate, runtime, truthy } from "../ops";
import { E, type Py, pyError, typeName } from "../values";
import { makeModule } from "./module";

const text = (fname: string, v: Py): string => {
  if (typeof v !== "string") throw pyError(E.TypeError, `${fname}() argument must be str, not ${typeName(v)}`);
  return v;
};

/** Removes the whitespace every non-blank line starts with; blank lines become empty. */
function dedent(source: string): string {
  const lines = source.split("\n").map((line) => (/^[ \t]+$/.test(line) ? "" : line));
  let margin: string | null = null;
  for (const line of lines) {
    const indent = /^([ \t]*)[^ \t]/.exec(line)?.[1];
    if (indent === undefined) continue;
    if (margin === null || margin.startsWith(indent)) margin = indent;
    else if (!indent.startsWith(margin)) {
      let i = 0;
      while (i < margin.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  const cut = margin ?? "";
  return (cut ? lines.map((line) => (line.startsWith(cut) ? line.slice(cut.length) : line)) : lines).join("\n");
}

export function textwrapModule() {
  return makeModule("textwrap", {
    dedent: ([source]) => dedent(text("dedent", source)),
    indent: ([source, prefix, predicate]) => {
      const pre = text("indent", prefix);
      const lines = runtime.call(getAttr(text("indent", source), "splitlines"), [true], null);
      let out = "";
      for (const line of iterate(lines)) {
        const s = line as string;
        const keep = predicate === undefined || predicate === null ? truthy(runtime.call(getAttr(s, "strip"), [], null)) : truthy(runtime.call(predicate, [s], null));
        out += keep ? pre + s : s;
      }
      return out;
    },
  });
}
