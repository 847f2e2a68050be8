// The random module on Math.random (not reproducible: seed() is accepted and ignored).
import { arg, asInt, asNum } from "../args";
import { toArray } from "../ops";
import { recorded } from "../replay";
import { E, PyList, type Py, pyError } from "../values";
import { makeModule } from "./module";

/** Math.random, recorded so that a run replayed after a request draws the same numbers. */
const rand = () => recorded(Math.random);

function randBelow(n: bigint): bigint {
  if (n <= 0n) throw pyError(E.ValueError, "empty range for randrange()");
  if (n < 2n ** 52n) return BigInt(Math.floor(rand() * Number(n)));
  let r = 0n;
  for (let i = 0; i < n.toString(2).length; i += 30) r = (r << 30n) | BigInt(Math.floor(rand() * 2 ** 30));
  return r % n;
}

export function randomModule() {
  return makeModule("random", {
    random: () => rand(),
    seed: () => null,
    randint: (args) => {
      const a = asInt(args[0], "");
      const b = asInt(args[1], "");
      if (b < a) throw pyError(E.ValueError, `empty range in randrange(${a}, ${b + 1n})`);
      return a + randBelow(b - a + 1n);
    },
    randrange: (args) => {
      const ints = args.map((x) => asInt(x, ""));
      const [start, stop, step] = ints.length === 1 ? [0n, ints[0], 1n] : [ints[0], ints[1], ints[2] ?? 1n];
      const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
      return start + step * randBelow(n);
    },
    uniform: (args) => {
      const a = asNum(args[0], "a");
      const b = asNum(args[1], "b");
      return a + (b - a) * rand();
    },
    gauss: (args) => {
      const mu = asNum(args[0] ?? 0, "mu");
      const sigma = asNum(args[1] ?? 1, "sigma");
      const u = 1 - rand();
      return mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    },
    choice: (args) => {
      const items = toArray(args[0]);
      if (!items.length) throw pyError(E.IndexError, "Cannot choose from an empty sequence");
      return items[Math.floor(rand() * items.length)];
    },
    choices: (args, kw) => {
      const items = toArray(arg("choices", args, kw, 0, "population"));
      const k = Number(asInt(kw?.get("k") ?? 1n, ""));
      const weights = kw?.get("weights");
      const w = weights && weights !== null ? toArray(weights).map((x) => asNum(x, "weight")) : null;
      const total = w ? w.reduce((a, b) => a + b, 0) : 0;
      const out: Py[] = [];
      for (let i = 0; i < k; i++) {
        if (!w) out.push(items[Math.floor(rand() * items.length)]);
        else {
          let r = rand() * total;
          let j = 0;
          while (j < w.length - 1 && r >= w[j]) r -= w[j++];
          out.push(items[j]);
        }
      }
      return new PyList(out);
    },
    shuffle: (args) => {
      const l = args[0];
      if (!(l instanceof PyList)) throw pyError(E.TypeError, "shuffle() needs a list in Kiln's Python sandbox");
      for (let i = l.items.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [l.items[i], l.items[j]] = [l.items[j], l.items[i]];
      }
      return null;
    },
    sample: (args, kw) => {
      const items = toArray(arg("sample", args, kw, 0, "population"));
      const k = Number(asInt(arg("sample", args, kw, 1, "k"), ""));
      if (k < 0 || k > items.length) throw pyError(E.ValueError, "Sample larger than population or is negative");
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return new PyList(items.slice(0, k));
    },
  });
}
