// The unicodedata module: normalize() and is_normalized() on the runtime's own normalizer,
// category() from its Unicode property escapes, decimal() and digit(), and combining() from the
// canonical combining classes of the Unicode Character Database (UnicodeData.txt, field 3),
// packed below. numeric(), name() and the other lookups are not provided: code that uses them
// fails with AttributeError rather than with a wrong answer.
import { arg, asStr } from "../args";
import { E, type Kwargs, type Py, pyError, typeName } from "../values";
import { makeModule } from "./module";

const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);

/** General categories, the most frequent first (Cn, unassigned, is what matches none). */
const CATEGORIES = ["Ll", "Lu", "Lo", "Nd", "Zs", "Po", "Mn", "Sm", "Pd", "Ps", "Pe", "Sc", "Sk", "So", "Cc", "Cf", "Lt", "Lm", "Mc", "Me", "Nl", "No", "Pc", "Pi", "Pf", "Zl", "Zp", "Cs", "Co"].map(
  (name) => [name, new RegExp(`^\\p{${name}}$`, "u")] as const,
);

/**
 * Non-zero canonical combining classes as ranges: `gap.length.class`, base 36, where gap is the
 * distance from the previous range's last code point (from 0 for the first).
 */
const COMBINING = "lc.k.6e,1.0.6g,1.3.64,1.0.6g,1.0.60,1.4.64,1.1.5m,1.3.64,1.1.5m,1.a.64,1.4.1,1.3.64,1.7.6e,1.0.6o,1.0.6e,1.2.64,1.2.6e,1.1.64,2.2.6e,1.3.64,1.0.6e,1.0.6g,1.1.64,1.0.6e,1.0.6h,1.1.6i,1.0.6h,1.1.6i,1.0.6h,1.c.6e,7o.4.6e,7e.0.64,1.3.6e,1.0.64,1.2.6e,1.0.66,1.0.64,1.5.6e,1.5.64,1.1.6e,1.0.64,1.1.6e,1.0.66,1.0.6c,1.0.6e,1.0.a,1.0.b,1.0.c,1.0.d,1.0.e,1.0.f,1.0.g,1.0.h,1.0.i,1.1.j,1.0.k,1.0.l,1.0.m,2.0.n,2.0.o,1.0.p,2.0.6e,1.0.64,2.0.i,21.7.6e,1.0.u,1.0.v,1.0.w,1d.0.r,1.0.s,1.0.t,1.0.u,1.0.v,1.0.w,1.0.x,1.0.y,1.1.6e,1.1.64,1.4.6e,1.0.64,1.1.6e,1.0.64,h.0.z,2u.6.6e,3.3.6e,1.0.64,1.0.6e,3.1.6e,2.0.64,1.1.6e,1.0.64,10.0.10,v.0.6e,1.0.64,1.1.6e,1.0.64,1.1.6e,1.2.64,1.0.6e,1.1.64,1.0.6e,1.0.64,1.2.6e,1.0.64,1.0.6e,1.0.64,1.0.6e,1.0.64,1.0.6e,1.0.64,1.1.6e,4h.6.6e,1.0.64,1.0.6e,a.0.64,p.3.6e,2.8.6e,2.2.6e,2.4.6e,18.2.64,1p.0.6e,1.2.64,1.3.6e,17.4.6e,1.4.64,1.d.6e,2.0.64,1.1.6e,1.0.64,1.1.6e,1.0.64,1.2.6e,1.2.64,1.0.r,1.0.s,1.0.t,1.2.6e,1.0.64,1.1.6e,1.1.64,1.4.6e,1p.0.7,h.0.9,4.0.6e,1.0.64,1.1.6e,2w.0.7,h.0.9,1d.0.6e,1q.0.7,h.0.9,33.0.7,h.0.9,33.0.7,h.0.9,3k.0.9,33.0.7,h.0.9,8.0.2c,1.0.2j,2u.0.7,h.0.9,32.1.9,h.0.9,3h.0.9,32.1.2v,1.0.9,e.3.2z,31.1.3a,1.0.9,e.3.3e,25.1.64,s.0.64,2.0.64,2.0.60,1k.0.3l,1.0.3m,2.0.3o,6.3.3m,3.0.3m,2.1.6e,1.0.9,2.1.6e,1r.0.64,35.0.7,2.1.9,2b.0.64,k0.2.6e,qd.1.9,v.0.9,4e.0.9,b.0.6e,5o.0.6c,40.0.66,1.0.6e,1.0.64,64.0.6e,1.0.64,20.0.9,l.7.6e,3.0.64,1d.4.6e,1.5.64,1.1.6e,1.0.64,2.1.64,1.1.6e,1.1.64,1.4.6e,1.0.64,1.3.6e,2u.0.7,g.0.9,13.0.6e,1.0.64,1.6.6e,1j.1.9,1n.0.7,c.1.9,1w.0.7,49.2.6e,2.0.1,1.4.64,1.1.6e,1.3.64,1.0.6e,2.6.1,5.0.64,7.0.6e,4.1.6e,5j.1.6e,1.0.64,1.6.6e,1.0.64,1.1.6e,1.0.6i,1.0.5y,1.0.64,1.0.5m,1.10.6e,1.0.6g,1.1.6c,1.0.64,1.0.62,1.0.6e,1.0.6h,1.0.64,1.0.6e,1.0.64,k1.1.6e,1.1.1,1.3.6e,1.2.1,1.1.6e,5.0.6e,4.1.1,1.0.6e,1.0.64,1.0.6e,1.1.1,1.3.64,1.0.6e,2db.2.6e,3y.0.9,2p.v.6e,ff.0.62,1.0.6c,1.0.6g,1.0.66,1.1.68,2y.1.8,n9x.0.6e,5.9.6e,x.1.6e,29.1.6e,7p.0.9,12.0.9,48.0.9,s.h.6e,1m.2.64,12.0.9,2o.0.7,d.0.9,6o.0.6e,2.1.6e,1.0.64,3.1.6e,6.1.6e,2.0.6e,1h.0.9,6v.0.9,fn5.0.q,le.6.6e,1.6.64,1.1.6e,r2.0.64,6b.0.64,46.4.6e,1ar.0.64,2.0.6e,15.0.6e,1.0.1,1.0.64,5.0.9,4m.0.6e,1.0.64,fy.3.6e,as.1.6e,4a.1.64,1.2.6e,1.0.64,1.0.6e,1.3.64,1e.0.6e,1.0.64,1.0.6e,1.0.64,5d.0.9,16.0.9,f.0.9,1m.0.9,1.0.7,1y.2.6e,1d.1.9,1r.0.7,25.0.9,a.0.7,2z.0.9,1.0.7,4z.0.7,1.0.9,29.1.7,h.0.9,p.6.6e,4.4.6e,5q.0.9,4.0.7,o.0.6e,2s.0.9,1.0.7,70.0.9,1.0.7,3j.0.9,3b.0.9,1.0.7,38.0.9,7i.0.9,1.0.7,77.1.9,5.0.7,4d.0.9,2c.0.9,j.0.9,2a.0.9,bq.0.9,77.0.7,2.1.9,2a.0.9,fa1.4.1,1o.6.6e,xm.1.6,f59.0.1,43r.1.60,1.2.1,4.0.6a,1.4.60,9.7.64,3.4.6e,1.1.64,v.3.6e,45.2.6e,2po.6.6e,2.g.6e,3.6.6e,2.1.6e,2.4.6e,7a.6.6e,ag.0.6e,1q.3.6e,15t.6.64,32.5.6e,1.0.7";

let combiningRanges: Int32Array | null = null;
function combiningClass(cp: number): number {
  if (!combiningRanges) {
    const fields = COMBINING.split(",");
    combiningRanges = new Int32Array(fields.length * 3);
    let end = 0;
    fields.forEach((f, i) => {
      const [gap, length, cls] = f.split(".").map((x) => Number.parseInt(x, 36));
      const start = end + gap;
      end = start + length;
      combiningRanges!.set([start, end, cls], i * 3);
    });
  }
  let lo = 0;
  let hi = combiningRanges.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < combiningRanges[mid * 3]) hi = mid - 1;
    else if (cp > combiningRanges[mid * 3 + 1]) lo = mid + 1;
    else return combiningRanges[mid * 3 + 2];
  }
  return 0;
}

/** Digits that are not decimal digits (superscripts, circled and parenthesised digits…): [first, count, value of first]. */
const OTHER_DIGITS = [
  [0xb2, 2, 2], [0xb9, 1, 1], [0x1369, 9, 1], [0x19da, 1, 1], [0x2070, 1, 0], [0x2074, 6, 4], [0x2080, 10, 0], [0x2460, 9, 1],
  [0x2474, 9, 1], [0x2488, 9, 1], [0x24ea, 1, 0], [0x24f5, 9, 1], [0x24ff, 1, 0], [0x2776, 9, 1], [0x2780, 9, 1], [0x278a, 9, 1],
  [0x10a40, 4, 1], [0x10e60, 9, 1], [0x11052, 9, 1], [0x1f100, 1, 0], [0x1f101, 10, 0],
] as const;

const DECIMAL = /^\p{Nd}$/u;

/** The one code point of a unicodedata function's argument. */
function character(fname: string, v: Py): string {
  if (typeof v !== "string") throw pyError(E.TypeError, `${fname}() argument must be a unicode character, not ${typeName(v)}`);
  const chars = [...v];
  if (chars.length !== 1) throw pyError(E.TypeError, `${fname}() argument must be a unicode character, not str`);
  return chars[0];
}

/** A decimal digit's value: decimal digits are encoded in runs of 0 to 9. */
function decimalValue(c: string): number | null {
  if (!DECIMAL.test(c)) return null;
  let cp = c.codePointAt(0)!;
  let start = cp;
  while (start > 0 && DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  cp -= start;
  return cp % 10;
}

function digitValue(c: string): number | null {
  const d = decimalValue(c);
  if (d !== null) return d;
  const cp = c.codePointAt(0)!;
  for (const [first, count, value] of OTHER_DIGITS) if (cp >= first && cp < first + count) return value + cp - first;
  return null;
}

function form(fname: string, args: Py[], kwargs: Kwargs): [string, string] {
  const f = asStr(arg(fname, args, kwargs, 0, "form"), `${fname}() argument 1`);
  const s = asStr(arg(fname, args, kwargs, 1, "unistr"), `${fname}() argument 2`);
  if (!FORMS.has(f)) throw pyError(E.ValueError, "invalid normalization form");
  return [f, s];
}

export function unicodedataModule() {
  return makeModule("unicodedata", {
    normalize: (args, kwargs) => {
      const [f, s] = form("normalize", args, kwargs);
      return s.normalize(f);
    },
    is_normalized: (args, kwargs) => {
      const [f, s] = form("is_normalized", args, kwargs);
      return s.normalize(f) === s;
    },
    category: (args) => {
      const c = character("category", args[0]);
      for (const [name, re] of CATEGORIES) if (re.test(c)) return name;
      return "Cn";
    },
    combining: (args) => BigInt(combiningClass(character("combining", args[0]).codePointAt(0)!)),
    decimal: (args, kwargs) => {
      const d = decimalValue(character("decimal", args[0]));
      if (d !== null) return BigInt(d);
      if (args.length < 2 && !kwargs?.has("default")) throw pyError(E.ValueError, "not a decimal");
      return arg("decimal", args, kwargs, 1, "default");
    },
    digit: (args, kwargs) => {
      const d = digitValue(character("digit", args[0]));
      if (d !== null) return BigInt(d);
      if (args.length < 2 && !kwargs?.has("default")) throw pyError(E.ValueError, "not a digit");
      return arg("digit", args, kwargs, 1, "default");
    },
  });
}
