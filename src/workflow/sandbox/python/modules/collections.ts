// The collections module: OrderedDict (a dict), defaultdict and Counter (dicts with a flag).
import { updateDict } from "../methods";
import { iterate, lt } from "../ops";
import { asInt } from "../args";
import { counterType, defaultDictType, PyDict, type Py, PyList, PyTuple, T } from "../values";
import { makeModule } from "./module";

function countInto(d: PyDict, src: Py): void {
  if (src instanceof PyDict) {
    for (const [k, v] of src.map.values()) d.set(k, addCount(d.get(k), v));
    return;
  }
  for (const x of iterate(src)) d.set(x, addCount(d.get(x), 1n));
}

function addCount(cur: Py | undefined, n: Py): Py {
  if (cur === undefined) return n;
  if (typeof cur === "bigint" && typeof n === "bigint") return cur + n;
  return Number(cur) + Number(n);
}

counterType.methods.set("most_common", (self, args) => {
  const entries = [...(self as PyDict).map.values()].map(([k, v]) => new PyTuple([k, v]));
  entries.sort((a, b) => (lt(b.items[1], a.items[1]) ? -1 : lt(a.items[1], b.items[1]) ? 1 : 0));
  const n = args[0] === undefined || args[0] === null ? entries.length : Number(asInt(args[0], ""));
  return new PyList(entries.slice(0, Math.max(0, n)));
});
counterType.methods.set("update", (self, args, kw) => {
  if (args[0] !== undefined) countInto(self as PyDict, args[0]);
  if (kw) for (const [k, v] of kw) (self as PyDict).set(k, addCount((self as PyDict).get(k), v));
  return null;
});
counterType.methods.set("elements", (self) => {
  const out: Py[] = [];
  for (const [k, v] of (self as PyDict).map.values()) for (let i = 0n; i < BigInt(v as bigint); i++) out.push(k);
  return new PyList(out);
});
counterType.methods.set("total", (self) => {
  let t: Py = 0n;
  for (const [, v] of (self as PyDict).map.values()) t = addCount(t, v);
  return t;
});

export function collectionsModule() {
  counterType.call = (args, kw) => {
    const d = new PyDict();
    d.counter = true;
    if (args[0] !== undefined) countInto(d, args[0]);
    if (kw) for (const [k, v] of kw) d.set(k, v);
    return d;
  };
  defaultDictType.call = (args, kw) => {
    const d = new PyDict();
    d.defaultFactory = args[0] ?? null;
    updateDict(d, args.slice(1), kw);
    return d;
  };
  return makeModule("collections", {}, { Counter: counterType, defaultdict: defaultDictType, OrderedDict: T.dict });
}
