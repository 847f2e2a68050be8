// The math module.
import { asInt, asNum } from "../args";
import { toInt } from "../builtins";
import { iterate } from "../ops";
import { E, type Py, PyTuple, pyError } from "../values";
import { makeModule } from "./module";

const num = (v: Py) => asNum(v, "must be real number, not");
const domain = (x: number) => {
  if (Number.isNaN(x)) throw pyError(E.ValueError, "math domain error");
  return x;
};
const f1 = (fn: (x: number) => number) => (args: Py[]) => {
  const x = num(args[0]);
  const r = fn(x);
  if (Number.isNaN(r) && !Number.isNaN(x)) throw pyError(E.ValueError, "math domain error");
  return r;
};

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function floorCeil(v: Py, fn: (x: number) => number): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return toInt(fn(num(v)));
}

export function mathModule() {
  return makeModule(
    "math",
    {
      floor: (args) => floorCeil(args[0], Math.floor),
      ceil: (args) => floorCeil(args[0], Math.ceil),
      trunc: (args) => floorCeil(args[0], Math.trunc),
      sqrt: f1((x) => {
        if (x < 0) throw pyError(E.ValueError, "math domain error");
        return Math.sqrt(x);
      }),
      isqrt: (args) => {
        const n = asInt(args[0], "");
        if (n < 0n) throw pyError(E.ValueError, "isqrt() argument must be nonnegative");
        if (n < 2n) return n;
        let x = BigInt(Math.floor(Math.sqrt(Number(n))));
        while (x * x > n) x--;
        while ((x + 1n) * (x + 1n) <= n) x++;
        return x;
      },
      pow: (args) => num(args[0]) ** num(args[1]),
      exp: f1(Math.exp),
      log: (args) => {
        const x = args[0];
        const ln = (v: Py) => {
          if (typeof v === "bigint" && v > 0n && !Number.isFinite(Number(v))) {
            const s = v.toString();
            return Math.log(Number(`0.${s}`)) + s.length * Math.LN10;
          }
          const n = num(v);
          if (n <= 0) throw pyError(E.ValueError, "math domain error");
          return Math.log(n);
        };
        return args.length > 1 ? ln(x) / ln(args[1]) : ln(x);
      },
      log10: f1((x) => {
        if (x <= 0) throw pyError(E.ValueError, "math domain error");
        return Math.log10(x);
      }),
      log2: f1((x) => {
        if (x <= 0) throw pyError(E.ValueError, "math domain error");
        return Math.log2(x);
      }),
      log1p: f1(Math.log1p),
      fabs: f1(Math.abs),
      sin: f1(Math.sin),
      cos: f1(Math.cos),
      tan: f1(Math.tan),
      asin: f1(Math.asin),
      acos: f1(Math.acos),
      atan: f1(Math.atan),
      atan2: (args) => Math.atan2(num(args[0]), num(args[1])),
      sinh: f1(Math.sinh),
      cosh: f1(Math.cosh),
      tanh: f1(Math.tanh),
      hypot: (args) => Math.hypot(...args.map(num)),
      degrees: f1((x) => (x * 180) / Math.PI),
      radians: f1((x) => (x * Math.PI) / 180),
      isnan: (args) => Number.isNaN(num(args[0])),
      isinf: (args) => {
        const x = num(args[0]);
        return !Number.isFinite(x) && !Number.isNaN(x);
      },
      isfinite: (args) => Number.isFinite(num(args[0])),
      isclose: (args, kw) => {
        const a = num(args[0]);
        const b = num(args[1]);
        const rel = num(kw?.get("rel_tol") ?? 1e-9);
        const abs = num(kw?.get("abs_tol") ?? 0);
        if (a === b) return true;
        return Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);
      },
      gcd: (args) => args.reduce<bigint>((acc, v) => gcd(acc, asInt(v, "")), 0n),
      lcm: (args) =>
        args.reduce<bigint>((acc, v) => {
          const b = asInt(v, "");
          if (acc === 0n || b === 0n) return 0n;
          const r = (acc * b) / gcd(acc, b);
          return r < 0n ? -r : r;
        }, 1n),
      factorial: (args) => {
        const n = asInt(args[0], "");
        if (n < 0n) throw pyError(E.ValueError, "factorial() not defined for negative values");
        if (n > 5000n) throw pyError(E.OverflowError, "factorial() argument too large for Kiln's Python sandbox");
        let r = 1n;
        for (let i = 2n; i <= n; i++) r *= i;
        return r;
      },
      comb: (args) => {
        const n = asInt(args[0], "");
        let k = asInt(args[1], "");
        if (k > n) return 0n;
        if (k > n - k) k = n - k;
        let r = 1n;
        for (let i = 0n; i < k; i++) r = (r * (n - i)) / (i + 1n);
        return r;
      },
      perm: (args) => {
        const n = asInt(args[0], "");
        const k = args[1] === undefined || args[1] === null ? n : asInt(args[1], "");
        if (k > n) return 0n;
        let r = 1n;
        for (let i = 0n; i < k; i++) r *= n - i;
        return r;
      },
      copysign: (args) => {
        const a = Math.abs(num(args[0]));
        const b = num(args[1]);
        return b < 0 || Object.is(b, -0) ? -a : a;
      },
      fmod: (args) => domain(num(args[0]) % num(args[1])),
      modf: (args) => {
        const x = num(args[0]);
        const i = Math.trunc(x);
        return new PyTuple([x - i, i]);
      },
      fsum: (args) => {
        let sum = 0;
        let c = 0;
        for (const v of iterate(args[0])) {
          const x = num(v);
          const t = sum + x;
          c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
          sum = t;
        }
        return sum + c;
      },
      prod: (args) => {
        let acc: Py = 1n;
        for (const v of iterate(args[0])) acc = typeof acc === "bigint" && typeof v === "bigint" ? acc * v : num(acc) * num(v);
        return acc;
      },
    },
    { pi: Math.PI, e: Math.E, tau: 2 * Math.PI, inf: Number.POSITIVE_INFINITY, nan: Number.NaN },
  );
}
