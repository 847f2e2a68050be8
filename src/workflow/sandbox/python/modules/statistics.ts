// The statistics module's averages and spread: mean, fmean, median (low, high), mode, multimode,
// variance, pvariance, stdev and pstdev. Sums are exact (every int and float is a fraction) and
// rounded once, as CPython does, so results match it: an int result where the exact answer is a
// whole number of int data, a float otherwise.
import { binop, iterate, lt } from "../ops";
import { E, type Py, PyDict, PyList, PyType, pyError, typeName } from "../values";
import { makeModule } from "./module";

const statisticsError = new PyType("StatisticsError", E.ValueError, "statistics");

interface Frac {
  n: bigint;
  d: bigint;
}

const bitLength = (x: bigint) => (x === 0n ? 0 : x.toString(2).length);
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const frac = (n: bigint, d: bigint): Frac => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
};
const add = (a: Frac, b: Frac) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Frac, b: Frac) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, k: bigint) => frac(a.n, a.d * k);

/** A finite float's exact value as a fraction. */
function floatFrac(x: number): Frac {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp !== 0) mant |= 1n << 52n;
  const e = (exp === 0 ? 1 : exp) - 1075;
  const n = x < 0 ? -mant : mant;
  return e >= 0 ? frac(n << BigInt(e), 1n) : frac(n, 1n << BigInt(-e));
}

/** The float nearest a fraction (ties to even), as float(Fraction) gives it. */
function toFloat(f: Frac): number {
  if (f.n === 0n) return 0;
  const neg = f.n < 0n;
  const n = neg ? -f.n : f.n;
  const shift = 66 - (bitLength(n) - bitLength(f.d));
  const num = shift > 0 ? n << BigInt(shift) : n;
  const den = shift > 0 ? f.d : f.d << BigInt(-shift);
  let q = num / den;
  if (num % den !== 0n) q |= 1n; // sticky bit: the rounding of Number() then sees the rest
  const x = Number(q) * 2 ** -shift;
  return neg ? -x : x;
}

interface Data {
  values: Py[];
  fracs: Frac[] | null; // null when a value is not finite
  ints: boolean;
}

function data(v: Py, fname: string): Data {
  const values = [...iterate(v)];
  let ints = true;
  let finite = true;
  const fracs: Frac[] = [];
  for (const x of values) {
    if (typeof x === "bigint") fracs.push({ n: x, d: 1n });
    else if (typeof x === "boolean") fracs.push({ n: x ? 1n : 0n, d: 1n });
    else if (typeof x === "number") {
      ints = false;
      if (Number.isFinite(x)) fracs.push(floatFrac(x));
      else finite = false;
    } else throw pyError(E.TypeError, `can't convert type '${typeName(x)}' to numerator/denominator (in ${fname}())`);
  }
  return { values, fracs: finite ? fracs : null, ints };
}

/** An exact result as CPython converts it: int for int data when whole, else float. */
const result = (f: Frac, ints: boolean): Py => (ints && f.d === 1n ? f.n : toFloat(f));
const sum = (fracs: Frac[]) => fracs.reduce(add, { n: 0n, d: 1n });
const floatOf = (x: Py) => (typeof x === "bigint" ? Number(x) : typeof x === "boolean" ? Number(x) : (x as number));

function mean(d: Data): Py {
  if (d.values.length === 0) throw pyError(statisticsError, "mean requires at least one data point");
  if (!d.fracs) return d.values.map(floatOf).reduce((a, b) => a + b) / d.values.length;
  return result(div(sum(d.fracs), BigInt(d.values.length)), d.ints);
}

/**
 * The sum of squared deviations, exactly, and whether the result stays an int: from the exact
 * mean, or from the given centre with the data's own arithmetic (as CPython's _ss does then).
 */
function squares(d: Data, centre: Py | undefined): { ss: Frac; ints: boolean } {
  if (centre === undefined || centre === null) {
    const fracs = d.fracs!;
    const m = div(sum(fracs), BigInt(fracs.length));
    return { ss: fracs.reduce((acc, x) => add(acc, mul(sub(x, m), sub(x, m))), { n: 0n, d: 1n }), ints: d.ints };
  }
  const squared = data(
    new PyList(
      d.values.map((x) => {
        const dev = binop("-", x, centre);
        return binop("*", dev, dev);
      }),
    ),
    "variance",
  );
  return { ss: squared.fracs ? sum(squared.fracs) : { n: 0n, d: 0n }, ints: squared.ints };
}

/** The variance as an exact fraction (NaN for data that is not finite), and its result type. */
function spread(d: Data, centre: Py | undefined, sample: boolean, fname: string): { value: Frac | number; ints: boolean } {
  const n = d.values.length;
  if (n < (sample ? 2 : 1)) throw pyError(statisticsError, `${fname} requires at least ${sample ? "two data points" : "one data point"}`);
  if (!d.fracs) return { value: Number.NaN, ints: false };
  const { ss, ints } = squares(d, centre);
  if (ss.d === 0n) return { value: Number.NaN, ints: false };
  return { value: div(ss, BigInt(sample ? n - 1 : n)), ints };
}

const asResult = (r: { value: Frac | number; ints: boolean }) => (typeof r.value === "number" ? r.value : result(r.value, r.ints));
const root = (r: { value: Frac | number }) => Math.sqrt(typeof r.value === "number" ? r.value : toFloat(r.value));

function sorted(d: Data): Py[] {
  if (d.values.length === 0) throw pyError(statisticsError, "no median for empty data");
  return [...d.values].sort((a, b) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
}

function counts(values: Py[]): [Py, number][] {
  const seen = new PyDict();
  const order: [Py, number][] = [];
  for (const v of values) {
    const at = seen.get(v);
    if (at === undefined) {
      seen.set(v, BigInt(order.length));
      order.push([v, 1]);
    } else order[Number(at)][1]++;
  }
  return order;
}

export function statisticsModule() {
  return makeModule(
    "statistics",
    {
      mean: ([v]) => mean(data(v, "mean")),
      fmean: ([v]) => {
        const d = data(v, "fmean");
        if (d.values.length === 0) throw pyError(statisticsError, "fmean requires at least one data point");
        const total = d.fracs ? toFloat(sum(d.fracs)) : d.values.map(floatOf).reduce((a, b) => a + b);
        return total / d.values.length;
      },
      median: ([v]) => {
        const s = sorted(data(v, "median"));
        const i = Math.floor(s.length / 2);
        return s.length % 2 ? s[i] : binop("/", binop("+", s[i - 1], s[i]), 2n);
      },
      median_low: ([v]) => {
        const s = sorted(data(v, "median_low"));
        return s[s.length % 2 ? Math.floor(s.length / 2) : s.length / 2 - 1];
      },
      median_high: ([v]) => {
        const s = sorted(data(v, "median_high"));
        return s[Math.floor(s.length / 2)];
      },
      mode: ([v]) => {
        const c = counts([...iterate(v)]);
        if (c.length === 0) throw pyError(statisticsError, "no mode for empty data");
        return c.reduce((best, x) => (x[1] > best[1] ? x : best))[0];
      },
      multimode: ([v]) => {
        const c = counts([...iterate(v)]);
        const top = Math.max(0, ...c.map((x) => x[1]));
        return new PyList(c.filter((x) => x[1] === top).map((x) => x[0]));
      },
      variance: ([v, xbar]) => asResult(spread(data(v, "variance"), xbar, true, "variance")),
      pvariance: ([v, mu]) => asResult(spread(data(v, "pvariance"), mu, false, "pvariance")),
      stdev: ([v, xbar]) => root(spread(data(v, "stdev"), xbar, true, "stdev")),
      pstdev: ([v, mu]) => root(spread(data(v, "pstdev"), mu, false, "pstdev")),
    },
    { StatisticsError: statisticsError },
  );
}
