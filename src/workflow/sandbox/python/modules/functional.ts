// The functools, itertools and copy modules (the commonly used parts).
import { asInt } from "../args";
import { getAttr, getAttrOr, setAttr } from "../attributes";
import { NotImplemented, PyBoundMethod, PyClass, PyInstance, PyMethodDescriptor, special } from "../classes";
import { binop, eq, iterate, runtime, toArray, truthy } from "../ops";
import {
  E,
  type Kwargs,
  MAX_ITEMS,
  PyBuiltin,
  PyDict,
  PyIterator,
  PyList,
  PyNative,
  type Py,
  PySet,
  PyTuple,
  PyType,
  T,
  checkSize,
  chargeItems,
  hashKey,
  pyError,
} from "../values";
import { makeModule } from "./module";

const iterOf = (v: Py): Iterator<Py> => iterate(v)[Symbol.iterator]();

// ---- decorators --------------------------------------------------------------------------------

const WRAPPER_ASSIGNMENTS = ["__module__", "__name__", "__qualname__", "__doc__"];

/** functools.update_wrapper: the wrapper takes the wrapped function's name, docstring and attributes. */
function updateWrapper(wrapper: Py, wrapped: Py): Py {
  for (const name of WRAPPER_ASSIGNMENTS) {
    const v = getAttrOr(wrapped, name, undefined as unknown as Py);
    if (v !== undefined) setAttr(wrapper, name, v);
  }
  const extra = getAttrOr(wrapped, "__dict__", null);
  if (extra instanceof PyDict) for (const [k, v] of extra.map.values()) if (typeof k === "string") setAttr(wrapper, k, v);
  setAttr(wrapper, "__wrapped__", wrapped);
  return wrapper;
}

interface LruCache {
  fn: Py;
  maxsize: number;
  entries: Map<unknown, Py>;
  hits: number;
  misses: number;
}

/** The callable functools.lru_cache returns; it binds like a function when used on a method. */
const lruType = new PyType("_lru_cache_wrapper", T.object, "functools");
lruType.descrGet = (d, obj) => (obj === undefined ? d : new PyBoundMethod(obj, d));
const LRU = (self: Py) => (self as PyNative<LruCache>).value;
lruType.methods.set("__call__", (self, args, kwargs) => {
  const c = LRU(self);
  const keyItems = [...args];
  if (kwargs?.size) {
    keyItems.push(lruType);
    for (const [k, v] of kwargs) keyItems.push(k, v);
  }
  const key = hashKey(new PyTuple(keyItems));
  const hit = c.entries.get(key);
  if (hit !== undefined) {
    c.hits++;
    c.entries.delete(key);
    c.entries.set(key, hit);
    return hit;
  }
  c.misses++;
  const v = runtime.call(c.fn, args, kwargs);
  chargeItems(1 + args.length);
  c.entries.set(key, v);
  if (c.entries.size > c.maxsize) c.entries.delete(c.entries.keys().next().value);
  return v;
});
lruType.methods.set("cache_clear", (self) => {
  LRU(self).entries.clear();
  return null;
});
lruType.methods.set("cache_info", (self) => {
  const c = LRU(self);
  return new PyTuple([BigInt(c.hits), BigInt(c.misses), Number.isFinite(c.maxsize) ? BigInt(c.maxsize) : null, BigInt(c.entries.size)]);
});
for (const name of ["__name__", "__qualname__", "__doc__", "__module__"]) lruType.getters.set(name, (self) => getAttr(LRU(self).fn, name));

function lruCache(fn: Py, maxsize: Py): Py {
  const size = maxsize === null ? Number.POSITIVE_INFINITY : Math.max(0, Number(asInt(maxsize, "")));
  return new PyNative<LruCache>(lruType, { fn, maxsize: size, entries: new Map(), hits: 0, misses: 0 });
}

function isCallable(v: Py): boolean {
  return v instanceof PyBuiltin || (v !== null && typeof v === "object" && (v.cls === T.function || v instanceof PyType));
}

/** A property computed once per instance, then stored as an ordinary instance attribute. */
const cachedPropertyType = new PyType("cached_property", T.object, "functools");
cachedPropertyType.descrGet = (d, obj, _owner, name) => {
  if (obj === undefined) return d;
  const v = runtime.call((d as PyNative<Py>).value, [obj], null);
  if (obj instanceof PyInstance) obj.dict.set(name, v);
  return v;
};

const ORDER_FROM: Record<string, Record<string, (r: boolean, eqr: boolean) => boolean>> = {
  __lt__: { __gt__: (lt, e) => !lt && !e, __le__: (lt, e) => lt || e, __ge__: (lt) => !lt },
  __le__: { __ge__: (le, e) => !le || e, __lt__: (le, e) => le && !e, __gt__: (le) => !le },
  __gt__: { __lt__: (gt, e) => !gt && !e, __ge__: (gt, e) => gt || e, __le__: (gt) => !gt },
  __ge__: { __le__: (ge, e) => !ge || e, __gt__: (ge, e) => ge && !e, __lt__: (ge) => !ge },
};

/** functools.total_ordering: the other comparisons from __eq__ and one of __lt__/__le__/__gt__/__ge__. */
function totalOrdering(cls: Py): Py {
  if (!(cls instanceof PyClass)) throw pyError(E.TypeError, "total_ordering expects a class");
  const root = ["__lt__", "__le__", "__gt__", "__ge__"].find((n) => cls.dict.has(n)) ?? ["__lt__", "__le__", "__gt__", "__ge__"].find((n) => cls.lookup(n) !== undefined);
  if (!root) throw pyError(E.ValueError, "must define at least one ordering operation: < > <= >=");
  for (const [name, derive] of Object.entries(ORDER_FROM[root])) {
    if (cls.lookup(name) !== undefined) continue;
    cls.setAttr(
      name,
      new PyMethodDescriptor(name, (args) => {
        const [self, other] = args;
        const r = runtime.call(getAttr(self, root), [other], null);
        if (r === NotImplemented) return r;
        return derive(truthy(r), special(self, "__eq__") ? eq(self, other) : self === other);
      }),
    );
  }
  return cls;
}

export function functoolsModule() {
  const mod = makeModule("functools", {
    reduce: (args) => {
      const [f, seq] = args;
      const it = iterOf(seq);
      let acc: Py;
      if (args.length > 2) acc = args[2];
      else {
        const first = it.next();
        if (first.done) throw pyError(E.TypeError, "reduce() of empty iterable with no initial value");
        acc = first.value;
      }
      for (let r = it.next(); !r.done; r = it.next()) acc = runtime.call(f, [acc, r.value], null);
      return acc;
    },
    partial: (args, kw) => {
      const [f, ...bound] = args;
      return new PyBuiltin("partial", (more, moreKw) => {
        const merged: Kwargs = kw || moreKw ? new Map([...(kw ?? []), ...(moreKw ?? [])]) : null;
        return runtime.call(f, [...bound, ...more], merged);
      });
    },
    wraps: (args) => {
      const wrapped = args[0];
      return new PyBuiltin("wraps", (w) => updateWrapper(w[0], wrapped));
    },
    update_wrapper: (args) => updateWrapper(args[0], args[1]),
    lru_cache: (args, kw) => {
      const first = args[0] ?? kw?.get("maxsize") ?? 128n;
      // @lru_cache on a function, or @lru_cache(maxsize=…) returning the decorator
      if (isCallable(first)) return lruCache(first, 128n);
      return new PyBuiltin("lru_cache", (f) => lruCache(f[0], first));
    },
    cache: (args) => lruCache(args[0], null),
    total_ordering: (args) => totalOrdering(args[0]),
  });
  cachedPropertyType.call = (args) => new PyNative<Py>(cachedPropertyType, args[0]);
  mod.attrs.set("cached_property", cachedPropertyType);
  return mod;
}

function* product(pools: Py[][], repeat: number): Generator<Py> {
  const all: Py[][] = [];
  for (let r = 0; r < repeat; r++) all.push(...pools);
  if (all.some((p) => !p.length)) return;
  const idx = all.map(() => 0);
  for (;;) {
    runtime.tick();
    yield new PyTuple(idx.map((i, k) => all[k][i]));
    let k = all.length - 1;
    while (k >= 0 && ++idx[k] === all[k].length) idx[k--] = 0;
    if (k < 0) return;
  }
}

function* combinations(pool: Py[], r: number): Generator<Py> {
  const n = pool.length;
  if (r > n) return;
  const idx = Array.from({ length: r }, (_, i) => i);
  for (;;) {
    runtime.tick();
    yield new PyTuple(idx.map((i) => pool[i]));
    let i = r - 1;
    while (i >= 0 && idx[i] === i + n - r) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < r; j++) idx[j] = idx[j - 1] + 1;
  }
}

function* permutations(pool: Py[], r: number, prefix: Py[] = [], used: boolean[] = pool.map(() => false)): Generator<Py> {
  if (prefix.length === r) {
    runtime.tick();
    yield new PyTuple(prefix.slice());
    return;
  }
  for (let i = 0; i < pool.length; i++) {
    if (used[i]) continue;
    used[i] = true;
    prefix.push(pool[i]);
    yield* permutations(pool, r, prefix, used);
    prefix.pop();
    used[i] = false;
  }
}

export function itertoolsModule() {
  const gen = (g: Generator<Py>) => new PyIterator(g);
  return makeModule("itertools", {
    chain: (args) => gen((function* () { for (const a of args) yield* iterate(a); })()),
    islice: (args) => {
      const ints = args.slice(1).map((x) => (x === null ? null : Number(asInt(x, ""))));
      const [start, stop, step] = ints.length === 1 ? [0, ints[0], 1] : [ints[0] ?? 0, ints[1], ints[2] ?? 1];
      const it = iterOf(args[0]);
      return gen((function* () {
        for (let i = 0; stop === null || i < stop; i++) {
          const r = it.next();
          if (r.done) return;
          if (i >= start && (i - start) % step === 0) yield r.value;
        }
      })());
    },
    groupby: (args, kw) => {
      const items = toArray(args[0]);
      const key = args[1] ?? kw?.get("key") ?? null;
      const out: Py[] = [];
      let cur: Py[] = [];
      let curKey: Py = null;
      items.forEach((x, i) => {
        const k = key === null ? x : runtime.call(key, [x], null);
        if (i > 0 && !eq(k, curKey)) {
          out.push(new PyTuple([curKey, new PyList(cur)]));
          cur = [];
        }
        curKey = k;
        cur.push(x);
      });
      if (items.length) out.push(new PyTuple([curKey, new PyList(cur)]));
      return gen(out[Symbol.iterator]() as Generator<Py>);
    },
    product: (args, kw) => gen(product(args.map(toArray), Number(asInt(kw?.get("repeat") ?? 1n, "")))),
    combinations: (args) => gen(combinations(toArray(args[0]), Number(asInt(args[1], "")))),
    permutations: (args) => {
      const pool = toArray(args[0]);
      return gen(permutations(pool, args[1] === undefined || args[1] === null ? pool.length : Number(asInt(args[1], ""))));
    },
    zip_longest: (args, kw) => {
      const fill = kw?.get("fillvalue") ?? null;
      const its = args.map(iterOf);
      return gen((function* () {
        for (;;) {
          let live = false;
          const row = its.map((it) => {
            const r = it.next();
            if (r.done) return fill;
            live = true;
            return r.value;
          });
          if (!live) return;
          yield new PyTuple(row);
        }
      })());
    },
    count: (args) => {
      let n = args[0] ?? 0n;
      const step = args[1] ?? 1n;
      return gen((function* () {
        for (;;) {
          runtime.tick();
          yield n;
          n = typeof n === "bigint" && typeof step === "bigint" ? n + step : Number(n) + Number(step);
        }
      })());
    },
    accumulate: (args) => {
      const f = args[1] ?? null;
      const it = iterOf(args[0]);
      return gen((function* () {
        let first = true;
        let acc: Py = null;
        for (let r = it.next(); !r.done; r = it.next()) {
          acc = first ? r.value : f === null ? binop("+", acc, r.value) : runtime.call(f, [acc, r.value], null);
          first = false;
          yield acc;
        }
      })());
    },
  });
}


function deepcopy(v: Py, memo: Map<object, Py>): Py {
  if (v === null || typeof v !== "object") return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (v instanceof PyList) {
    const out = new PyList([]);
    memo.set(v, out);
    checkSize(v.items.length, MAX_ITEMS);
    for (const x of v.items) out.items.push(deepcopy(x, memo));
    return out;
  }
  if (v instanceof PyDict) {
    const out = new PyDict();
    out.defaultFactory = v.defaultFactory;
    out.counter = v.counter;
    memo.set(v, out);
    for (const [k, x] of v.map.values()) out.set(k, deepcopy(x, memo));
    return out;
  }
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepcopy(x, memo)));
  if (v instanceof PyInstance && v.type instanceof PyClass) {
    const out = new PyInstance(v.type);
    memo.set(v, out);
    for (const [k, x] of v.dict.map.values()) out.dict.set(k, deepcopy(x, memo));
    return out;
  }
  if (v instanceof PySet) {
    const out = new PySet(v.frozen);
    for (const x of v.values()) out.add(x);
    return out;
  }
  return v;
}

export function copyModule() {
  return makeModule("copy", {
    deepcopy: (args) => deepcopy(args[0], new Map()),
    copy: (args) => {
      const v = args[0];
      if (v instanceof PyList) return new PyList(v.items.slice());
      if (v instanceof PyDict) {
        const out = new PyDict();
        out.defaultFactory = v.defaultFactory;
        out.counter = v.counter;
        for (const [k, x] of v.map.values()) out.set(k, x);
        return out;
      }
      if (v instanceof PySet && !v.frozen) {
        const out = new PySet();
        for (const x of v.values()) out.add(x);
        return out;
      }
      if (v instanceof PyInstance && v.type instanceof PyClass) {
        const out = new PyInstance(v.type);
        for (const [k, x] of v.dict.map.values()) out.dict.set(k, x);
        return out;
      }
      return v;
    },
  });
}
