// Tree-walking evaluator. Control flow inside a function returns signals instead of throwing;
// Python exceptions are thrown as PyException objects; limits throw SandboxError, which no
// Python `except` clause can catch.
import { SandboxError } from "../quickjs";
import type { Comprehension, Expr, FunctionInfo, Module, Stmt } from "./ast";
import { delAttr, functionAttrs, getAttr, setAttr } from "./attributes";
import { PyBoundMethod, PyClass, PyInstance, PySuper, bind, callSpecial, isUserObject, makeClass, special } from "./classes";
import { formatValue, repr, str } from "./format";
import { GeneratorFrame, generator } from "./generators";
import { MODULE_NAMES, loadModule } from "./modules/registry";
import { replay } from "./replay";
import { binop, compare, contains, delItem, eq, getItem, iterate, ne, runtime, setItem, toArray, truthy, unary, userInplace } from "./ops";
import {
  E,
  type Kwargs,
  MAX_ITEMS,
  MAX_STR,
  PyBuiltin,
  PyDict,
  PyException,
  PyIterator,
  PyList,
  PyModule,
  PyNative,
  PyObject,
  type Py,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  T,
  checkSize,
  memoryError,
  pyError,
  typeName,
  typeOf,
} from "./values";

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Signal = 0 | 1 | 2 | 3;
/** A statement run by the generator-aware executor: yields Python values, returns its signal. */
type Run = Generator<Py, Signal, Py>;

/** Runs a statement outside a generator body, where it cannot yield. */
function drive(run: Run): Signal {
  const r = run.next();
  if (!r.done) throw pyError(E.RuntimeError, "'yield' outside a generator function");
  return r.value;
}

export class PyFunction extends PyObject {
  /** Attributes assigned to the function (`wrapper.calls = 0`, functools.wraps). */
  dict: Map<string, Py> | null = null;
  constructor(
    readonly info: FunctionInfo,
    readonly defaults: (Py | undefined)[],
    readonly closure: Scope,
    readonly qualname: string,
    /** The body of the class the function is defined in, for zero-argument super(). */
    readonly classScope: Scope | null,
  ) {
    super();
  }
  get cls(): PyType {
    return T.function;
  }
  get name(): string {
    return this.info.name;
  }
}

functionAttrs.get = (f, name) => {
  if (!(f instanceof PyFunction)) return undefined;
  const own = f.dict?.get(name);
  if (own !== undefined) return own;
  switch (name) {
    case "__name__":
      return f.info.name;
    case "__qualname__":
      return f.qualname;
    case "__doc__":
      return f.info.docstring;
    case "__module__":
      return "__main__";
    case "__dict__":
      return PyDict.from(f.dict ?? []);
  }
  return undefined;
};
functionAttrs.set = (f, name, value) => {
  if (!(f instanceof PyFunction)) return false;
  if (name === "__dict__" || name === "__class__") throw pyError(E.TypeError, `Kiln's Python sandbox cannot assign ${name}`);
  f.dict ??= new Map();
  if (value !== undefined) f.dict.set(name, value);
  else if (!f.dict.delete(name)) throw pyError(E.AttributeError, `'function' object has no attribute '${name}'`);
  return true;
};

export class Scope {
  readonly vars: Map<string, Py>;
  ret: Py = null;
  /** The function this scope is a call of. */
  func: PyFunction | null = null;
  /** The qualified name of the function or class body ("" at module level). */
  qualname = "";
  /** In a class body: the class, once created (the `__class__` cell of zero-argument super()). */
  classCell: PyClass | null = null;
  constructor(
    readonly fn: FunctionInfo | null,
    readonly parent: Scope | null,
    readonly globals: Map<string, Py>,
  ) {
    this.vars = fn ? new Map() : globals;
  }
}

export interface Budget {
  maxSteps: number;
  deadline: number;
  timeoutMs: number;
  maxDepth: number;
}

const compInfos = new WeakMap<object, FunctionInfo>();

export class Interpreter {
  private steps = 0;
  private depth = 0;
  /** Exceptions being handled, innermost last (for bare `raise` and __context__). */
  private handling: PyException[] = [];

  constructor(
    private readonly builtins: Map<string, Py>,
    private readonly budget: Budget,
  ) {
    runtime.call = (f, args, kwargs) => this.call(f, args, kwargs);
    runtime.tick = () => this.tick();
  }

  /** Steps taken so far; a replayed run's next attempt gets only what is left. */
  get stepsTaken(): number {
    return this.steps;
  }

  tick(): void {
    const s = ++this.steps;
    if (s > this.budget.maxSteps) throw this.timeout();
    if ((s & 4095) === 0 && Date.now() > this.budget.deadline) throw this.timeout();
  }

  private timeout(): SandboxError {
    this.steps = Number.POSITIVE_INFINITY;
    return new SandboxError("timeout", `Code execution exceeded the time limit of ${this.budget.timeoutMs} ms`);
  }

  runModule(mod: Module, globals: Map<string, Py>): void {
    const scope = new Scope(null, null, globals);
    this.execBlock(mod.body, scope);
  }

  // ---- statements -----------------------------------------------------------------------------

  execBlock(body: Stmt[], scope: Scope): Signal {
    for (let i = 0; i < body.length; i++) {
      const sig = this.exec(body[i], scope);
      if (sig !== NORMAL) return sig;
    }
    return NORMAL;
  }

  private exec(s: Stmt, scope: Scope): Signal {
    this.tick();
    try {
      return this.execInner(s, scope);
    } catch (e) {
      throw this.failure(e, s.line);
    }
  }

  /** What a statement that threw raises: Python exceptions get its line, JavaScript failures become Python ones. */
  private failure(e: unknown, line: number): unknown {
    if (e instanceof PyException) {
      if (e.line === undefined) e.line = line;
    } else if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const r = pyError(E.RecursionError, "maximum recursion depth exceeded");
      r.line = line;
      return r;
    } else if (e instanceof RangeError && /BigInt|Invalid string length|Invalid array length/i.test(e.message)) {
      return memoryError();
    } else if (e instanceof TypeError) {
      // a native function called with missing or wrong arguments that it does not check itself
      const r = pyError(E.TypeError, `invalid arguments (${e.message})`);
      r.line = line;
      return r;
    }
    return e;
  }

  // ---- generator bodies -----------------------------------------------------------------------
  // A generator function's body runs as a JavaScript generator that yields the Python values.
  // Only statements the parser marked as containing a yield take this path; the others run on
  // the synchronous executor, so a generator costs little more than a function.

  private *execGenBlock(body: Stmt[], scope: Scope): Run {
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      const sig = s.yields ? yield* this.execGen(s, scope) : this.exec(s, scope);
      if (sig !== NORMAL) return sig;
    }
    return NORMAL;
  }

  private *execGen(s: Stmt, scope: Scope): Run {
    this.tick();
    try {
      return yield* this.execGenInner(s, scope);
    } catch (e) {
      throw this.failure(e, s.line);
    }
  }

  private *execGenInner(s: Stmt, scope: Scope): Run {
    switch (s.k) {
      case "Expr":
        if (s.value.k === "Yield") yield* this.yieldValue(s.value, scope);
        return NORMAL;
      case "Assign": {
        if (s.value.k !== "Yield") return this.execInner(s, scope);
        const v = yield* this.yieldValue(s.value, scope);
        for (const t of s.targets) this.assign(t, v, scope);
        return NORMAL;
      }
      case "If":
        return yield* this.execGenBlock(truthy(this.eval(s.test, scope)) ? s.body : s.orelse, scope);
      case "For": {
        const iterable = this.eval(s.iter, scope);
        for (const item of iterate(iterable)) {
          this.tick();
          this.assign(s.target, item, scope);
          const sig = yield* this.execGenBlock(s.body, scope);
          if (sig === BREAK) return NORMAL;
          if (sig === RETURN) return sig;
        }
        return yield* this.execGenBlock(s.orelse, scope);
      }
      case "While":
        while (truthy(this.eval(s.test, scope))) {
          this.tick();
          const sig = yield* this.execGenBlock(s.body, scope);
          if (sig === BREAK) return NORMAL;
          if (sig === RETURN) return sig;
        }
        return yield* this.execGenBlock(s.orelse, scope);
      case "Try":
        return yield* this.execTry(s, scope);
      case "With":
        return yield* this.execWith(s, scope, 0);
      default:
        return this.execInner(s, scope);
    }
  }

  /** `yield v` evaluates to the value sent in; `yield from it` to the return value of the generator it delegates to. */
  private *yieldValue(e: Extract<Expr, { k: "Yield" }>, scope: Scope): Generator<Py, Py, Py> {
    const v = e.value ? this.eval(e.value, scope) : null;
    if (!e.isFrom) return yield v;
    if (v instanceof PyIterator && v.it instanceof GeneratorFrame) return yield* v.it;
    for (const x of iterate(v)) {
      this.tick();
      yield x;
    }
    return null;
  }

  private *generatorBody(body: Stmt[], scope: Scope): Generator<Py, Py, Py> {
    try {
      const sig = yield* this.execGenBlock(body, scope);
      return sig === RETURN ? scope.ret : null;
    } catch (e) {
      if (!(e instanceof PyException) || !e.type.isSubclassOf(E.StopIteration)) throw e;
      // PEP 479: a StopIteration escaping a generator would silently end the consumer's loop
      const r = pyError(E.RuntimeError, "generator raised StopIteration");
      r.cause = e;
      throw r;
    }
  }

  /** One resumption of a generator: a Python frame, with the exceptions its own except clauses are handling. */
  private resumeFrame<R>(frame: GeneratorFrame, step: () => R): R {
    this.enterFrame();
    const mark = this.handling.length;
    for (const e of frame.handling) this.handling.push(e);
    try {
      return step();
    } finally {
      frame.handling = this.handling.splice(mark);
      this.depth--;
    }
  }

  private enterFrame(): void {
    if (++this.depth > this.budget.maxDepth) {
      this.depth--;
      throw pyError(E.RecursionError, "maximum recursion depth exceeded");
    }
  }

  private execInner(s: Stmt, scope: Scope): Signal {
    switch (s.k) {
      case "Expr":
        this.eval(s.value, scope);
        return NORMAL;
      case "Assign": {
        const v = this.eval(s.value, scope);
        for (const t of s.targets) this.assign(t, v, scope);
        return NORMAL;
      }
      case "AugAssign":
        return this.augAssign(s.target, s.op, s.value, scope);
      case "AnnAssign":
        if (scope.fn?.isClass && s.target.k === "Name") this.annotate(s.target.id, s.annotation, scope);
        if (s.value) this.assign(s.target, this.eval(s.value, scope), scope);
        return NORMAL;
      case "If":
        if (truthy(this.eval(s.test, scope))) return this.execBlock(s.body, scope);
        return this.execBlock(s.orelse, scope);
      case "For": {
        const iterable = this.eval(s.iter, scope);
        for (const item of iterate(iterable)) {
          this.tick();
          this.assign(s.target, item, scope);
          const sig = this.execBlock(s.body, scope);
          if (sig === BREAK) return NORMAL;
          if (sig === RETURN) return sig;
        }
        return this.execBlock(s.orelse, scope);
      }
      case "While":
        while (truthy(this.eval(s.test, scope))) {
          this.tick();
          const sig = this.execBlock(s.body, scope);
          if (sig === BREAK) return NORMAL;
          if (sig === RETURN) return sig;
        }
        return this.execBlock(s.orelse, scope);
      case "Break":
        return BREAK;
      case "Continue":
        return CONTINUE;
      case "Pass":
        return NORMAL;
      case "Return":
        scope.ret = s.value ? this.eval(s.value, scope) : null;
        return RETURN;
      case "FunctionDef": {
        const decorators = s.decorators.map((d) => this.eval(d, scope));
        this.store(s.fn.name, this.decorate(decorators, this.makeFunction(s.fn, scope)), scope);
        return NORMAL;
      }
      case "ClassDef":
        return this.classDef(s, scope);
      case "With":
        return drive(this.execWith(s, scope, 0));
      case "Raise":
        throw this.raise(s.exc, s.cause, scope);
      case "Try":
        return drive(this.execTry(s, scope));
      case "Assert":
        if (!truthy(this.eval(s.test, scope))) {
          throw new PyException(E.AssertionError, s.msg ? [this.eval(s.msg, scope)] : []);
        }
        return NORMAL;
      case "Delete":
        for (const t of s.targets) this.delete(t, scope);
        return NORMAL;
      case "Global":
      case "Nonlocal":
        return NORMAL;
      case "Import":
        for (const { name, asname } of s.names) {
          const mod = this.importModule(name);
          // `import a.b` binds the package `a`; `import a.b as c` binds the submodule
          this.store(asname ?? name.split(".")[0], asname ? mod : this.importModule(name.split(".")[0]), scope);
        }
        return NORMAL;
      case "ImportFrom": {
        const mod = this.importModule(s.module);
        for (const { name, asname } of s.names) {
          if (name === "*") {
            for (const [k, v] of mod.attrs) if (!k.startsWith("_")) this.store(k, v, scope);
            continue;
          }
          const v = mod.attrs.get(name);
          if (v === undefined) throw pyError(E.ImportError, `cannot import name '${name}' from '${s.module}'`);
          this.store(asname ?? name, v, scope);
        }
        return NORMAL;
      }
    }
  }

  private decorate(decorators: Py[], v: Py): Py {
    for (let i = decorators.length - 1; i >= 0; i--) v = this.call(decorators[i], [v], null);
    return v;
  }

  private classDef(s: Extract<Stmt, { k: "ClassDef" }>, scope: Scope): Signal {
    const decorators = s.decorators.map((d) => this.eval(d, scope));
    const bases = this.evalElts(s.bases, scope);
    for (const kw of s.keywords) {
      // metaclass=ABCMeta is accepted (abc.ABC works the same); other class keywords are not
      const v = kw.name === null ? null : this.eval(kw.value, scope);
      if (kw.name !== "metaclass" || !(v instanceof PyType) || v.module !== "abc") {
        throw pyError(E.TypeError, `Kiln's Python sandbox does not support class keyword arguments (${kw.name ?? "**"}=...) other than metaclass=ABCMeta`);
      }
    }
    const qualname = this.qualnameIn(scope, s.name);
    const body = new Scope(s.info, scope, scope.globals);
    body.qualname = qualname;
    body.vars.set("__module__", "__main__");
    body.vars.set("__qualname__", qualname);
    if (s.info.docstring !== null) body.vars.set("__doc__", s.info.docstring);
    this.enterFrame();
    try {
      this.execBlock(s.info.body, body);
    } finally {
      this.depth--;
    }
    const cls = makeClass(s.name, qualname, bases, body.vars);
    body.classCell = cls;
    this.store(s.name, this.decorate(decorators, cls), scope);
    return NORMAL;
  }

  /** `name: annotation` in a class body is recorded in `__annotations__` (dataclasses read it). */
  private annotate(name: string, annotation: Expr, scope: Scope): void {
    let annotations = scope.vars.get("__annotations__");
    if (!(annotations instanceof PyDict)) {
      annotations = new PyDict();
      scope.vars.set("__annotations__", annotations);
    }
    (annotations as PyDict).set(name, this.eval(annotation, scope));
  }

  /** The qualified name of a function or class defined in scope, as CPython's __qualname__. */
  private qualnameIn(scope: Scope, name: string): string {
    let s: Scope | null = scope;
    while (s?.fn?.name === "<comprehension>") s = s.parent;
    if (!s?.fn) return name;
    return s.fn.isClass ? `${s.qualname}.${name}` : `${s.qualname}.<locals>.${name}`;
  }

  /** Runs in a generator body (yielding at its yields) and, driven to completion, everywhere else. */
  private *execWith(s: Extract<Stmt, { k: "With" }>, scope: Scope, i: number): Run {
    if (i === s.items.length) return yield* this.execGenBlock(s.body, scope);
    const item = s.items[i];
    const manager = this.eval(item.context, scope);
    const enter = this.contextMethod(manager, "__enter__");
    const exit = this.contextMethod(manager, "__exit__");
    const value = this.call(enter, [], null);
    let sig: Signal;
    try {
      if (item.target) this.assign(item.target, value, scope);
      sig = yield* this.execWith(s, scope, i + 1);
    } catch (e) {
      // limits (SandboxError) end the run without running __exit__: no Python may run after them
      if (!(e instanceof PyException)) throw e;
      if (e.line === undefined) e.line = s.line;
      this.handling.push(e);
      let suppress: boolean;
      try {
        suppress = truthy(this.call(exit, [e.type, e, null], null));
      } finally {
        this.handling.pop();
      }
      if (!suppress) throw e;
      return NORMAL;
    }
    this.call(exit, [null, null, null], null);
    return sig;
  }

  private contextMethod(manager: Py, name: string): Py {
    const m = special(manager, name);
    if (m !== undefined && m !== null) return bind(m, manager, typeOf(manager), name);
    const native = manager instanceof PyNative ? manager.type.lookupMethod(name) : undefined;
    if (native) return new PyBuiltin(name, (args, kwargs) => native(manager, args, kwargs));
    throw pyError(E.TypeError, `'${typeName(manager)}' object does not support the context manager protocol`);
  }

  private importModule(name: string): PyModule {
    const mod = loadModule(name);
    if (mod) return mod;
    const top = name.split(".")[0];
    if (top === "requests" || top === "httpx" || name === "urllib.request" || top === "urllib3" || top === "aiohttp") {
      // with network access only the requests module makes HTTP requests
      throw pyError(
        E.ModuleNotFoundError,
        replay.current
          ? `No module named '${name}': Kiln's Python sandbox makes HTTP requests with the requests module only`
          : `No module named '${name}': Kiln's Python sandbox has no network access; fetch the data with an HTTP Request node and pass it to this node`,
      );
    }
    throw pyError(
      E.ModuleNotFoundError,
      `No module named '${name}' (Kiln's Python sandbox provides: ${MODULE_NAMES.join(", ")})`,
    );
  }

  private raise(excExpr: Expr | null, causeExpr: Expr | null, scope: Scope): PyException {
    if (!excExpr) {
      const current = this.handling[this.handling.length - 1];
      if (!current) return pyError(E.RuntimeError, "No active exception to reraise");
      return current;
    }
    const e = this.toException(this.eval(excExpr, scope));
    if (causeExpr) {
      const c = this.eval(causeExpr, scope);
      e.cause = c === null ? null : this.toException(c);
    }
    const ctx = this.handling[this.handling.length - 1];
    if (ctx && ctx !== e) e.context = ctx;
    e.line = undefined;
    return e;
  }

  private toException(v: Py): PyException {
    if (v instanceof PyException) return v;
    if (v instanceof PyType && v.isSubclassOf(E.BaseException)) return this.call(v, [], null) as PyException;
    throw pyError(E.TypeError, "exceptions must derive from BaseException");
  }

  /** Runs in a generator body (yielding at its yields) and, driven to completion, everywhere else. */
  private *execTry(s: Extract<Stmt, { k: "Try" }>, scope: Scope): Run {
    let sig: Signal = NORMAL;
    try {
      let raised = false;
      try {
        sig = yield* this.execGenBlock(s.body, scope);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        raised = true;
        const handler = s.handlers.find((h) => h.type === null || this.matches(e, this.eval(h.type, scope)));
        if (!handler) throw e;
        this.handling.push(e);
        try {
          if (handler.name) this.store(handler.name, e, scope);
          sig = yield* this.execGenBlock(handler.body, scope);
        } finally {
          this.handling.pop();
          if (handler.name) this.unbind(handler.name, scope);
        }
      }
      if (!raised && sig === NORMAL) sig = yield* this.execGenBlock(s.orelse, scope);
    } finally {
      if (s.finalbody.length) {
        const saved = scope.ret;
        const fsig = yield* this.execGenBlock(s.finalbody, scope);
        if (fsig !== NORMAL) {
          // a return/break in `finally` replaces the pending outcome, as in Python
          // biome-ignore lint/correctness/noUnsafeFinally: Python semantics
          return fsig;
        }
        scope.ret = saved;
      }
    }
    return sig;
  }

  private matches(e: PyException, t: Py): boolean {
    if (t instanceof PyTuple) return t.items.some((x) => this.matches(e, x));
    if (t instanceof PyType) {
      if (!t.isSubclassOf(E.BaseException)) throw pyError(E.TypeError, "catching classes that do not inherit from BaseException is not allowed");
      return e.type.isSubclassOf(t);
    }
    throw pyError(E.TypeError, "catching classes that do not inherit from BaseException is not allowed");
  }

  private augAssign(target: Expr, op: string, valueExpr: Expr, scope: Scope): Signal {
    if (target.k === "Name") {
      const cur = this.lookup(target.id, scope);
      const v = this.eval(valueExpr, scope);
      this.store(target.id, this.inplace(op, cur, v), scope);
    } else if (target.k === "Subscript") {
      const o = this.eval(target.value, scope);
      const k = this.eval(target.index, scope);
      const v = this.eval(valueExpr, scope);
      setItem(o, k, this.inplace(op, getItem(o, k), v));
    } else if (target.k === "Attribute") {
      const o = this.eval(target.value, scope);
      const v = this.eval(valueExpr, scope);
      setAttr(o, target.attr, this.inplace(op, getAttr(o, target.attr), v));
    }
    return NORMAL;
  }

  private inplace(op: string, a: Py, b: Py): Py {
    const own = userInplace(op, a, b);
    if (own !== undefined) return own;
    if (op === "+" && a instanceof PyList) {
      const add = toArray(b);
      checkSize(a.items.length + add.length, MAX_ITEMS);
      for (const x of add) a.items.push(x);
      return a;
    }
    if (op === "*" && a instanceof PyList && (typeof b === "bigint" || typeof b === "boolean")) {
      const r = binop(op, a, b) as PyList;
      a.items = r.items;
      return a;
    }
    if (a instanceof PySet && b instanceof PySet && (op === "|" || op === "&" || op === "-" || op === "^")) {
      const r = binop(op, a, b) as PySet;
      a.map.clear();
      for (const [h, v] of r.map) a.map.set(h, v);
      return a;
    }
    if (op === "|" && a instanceof PyDict && b instanceof PyDict) {
      for (const [k, v] of b.map.values()) a.set(k, v);
      return a;
    }
    return binop(op, a, b);
  }

  // ---- names ----------------------------------------------------------------------------------

  private lookup(name: string, scope: Scope): Py {
    const fn = scope.fn;
    if (fn) {
      if (fn.isClass) {
        // a class body reads its namespace, then enclosing functions, then globals
        const v = fn.globals.has(name) ? undefined : scope.vars.get(name);
        if (v !== undefined) return v;
      } else if (fn.locals.has(name)) {
        const v = scope.vars.get(name);
        if (v === undefined) throw pyError(E.UnboundLocalError, `cannot access local variable '${name}' where it is not associated with a value`);
        return v;
      }
      if (!fn.globals.has(name)) {
        for (let s = scope.parent; s?.fn; s = s.parent) {
          if (!s.fn.isClass && s.fn.locals.has(name)) {
            const v = s.vars.get(name);
            if (v === undefined) throw pyError(E.NameError, `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
            return v;
          }
        }
      }
    }
    const g = scope.globals.get(name);
    if (g !== undefined) return g;
    const b = this.builtins.get(name);
    if (b !== undefined) return b;
    throw pyError(E.NameError, `name '${name}' is not defined`);
  }

  private store(name: string, v: Py, scope: Scope): void {
    const fn = scope.fn;
    if (!fn || fn.locals.has(name)) {
      scope.vars.set(name, v);
      return;
    }
    if (fn.nonlocals.has(name)) {
      for (let s = scope.parent; s?.fn; s = s.parent) {
        if (!s.fn.isClass && s.fn.locals.has(name)) {
          s.vars.set(name, v);
          return;
        }
      }
      throw pyError(E.NameError, `no binding for nonlocal '${name}' found`);
    }
    scope.globals.set(name, v);
  }

  private unbind(name: string, scope: Scope): void {
    const fn = scope.fn;
    if (!fn || fn.locals.has(name)) {
      if (!scope.vars.delete(name)) throw pyError(E.NameError, `name '${name}' is not defined`);
      return;
    }
    if (fn.nonlocals.has(name)) {
      for (let s = scope.parent; s?.fn; s = s.parent) if (s.fn.locals.has(name)) s.vars.delete(name);
      return;
    }
    if (!scope.globals.delete(name)) throw pyError(E.NameError, `name '${name}' is not defined`);
  }

  private assign(t: Expr, v: Py, scope: Scope): void {
    switch (t.k) {
      case "Name":
        this.store(t.id, v, scope);
        return;
      case "Subscript":
        setItem(this.eval(t.value, scope), this.eval(t.index, scope), v);
        return;
      case "Attribute":
        setAttr(this.eval(t.value, scope), t.attr, v);
        return;
      case "Tuple":
      case "List": {
        const items = v instanceof PyList || v instanceof PyTuple ? v.items : toArray(v);
        const star = t.elts.findIndex((e) => e.k === "Starred");
        if (star < 0) {
          if (items.length !== t.elts.length) {
            if (items.length > t.elts.length) throw pyError(E.ValueError, `too many values to unpack (expected ${t.elts.length})`);
            throw pyError(E.ValueError, `not enough values to unpack (expected ${t.elts.length}, got ${items.length})`);
          }
          for (let i = 0; i < items.length; i++) this.assign(t.elts[i], items[i], scope);
          return;
        }
        const after = t.elts.length - star - 1;
        if (items.length < t.elts.length - 1) {
          throw pyError(E.ValueError, `not enough values to unpack (expected at least ${t.elts.length - 1}, got ${items.length})`);
        }
        for (let i = 0; i < star; i++) this.assign(t.elts[i], items[i], scope);
        this.assign((t.elts[star] as Extract<Expr, { k: "Starred" }>).value, new PyList(items.slice(star, items.length - after)), scope);
        for (let i = 0; i < after; i++) this.assign(t.elts[star + 1 + i], items[items.length - after + i], scope);
        return;
      }
      default:
        throw pyError(E.TypeError, "cannot assign to expression");
    }
  }

  private delete(t: Expr, scope: Scope): void {
    switch (t.k) {
      case "Name":
        this.unbind(t.id, scope);
        return;
      case "Subscript":
        delItem(this.eval(t.value, scope), this.eval(t.index, scope));
        return;
      case "Tuple":
      case "List":
        for (const e of t.elts) this.delete(e, scope);
        return;
      case "Attribute":
        delAttr(this.eval(t.value, scope), t.attr);
        return;
      default:
        throw pyError(E.TypeError, "cannot delete expression");
    }
  }

  // ---- expressions ----------------------------------------------------------------------------

  eval(e: Expr, scope: Scope): Py {
    try {
      return this.evalInner(e, scope);
    } catch (err) {
      // CPython reports the line where the failing expression starts, not the statement's
      if (err instanceof PyException && err.line === undefined) err.line = startLine(e);
      throw err;
    }
  }

  private evalInner(e: Expr, scope: Scope): Py {
    switch (e.k) {
      case "Const":
        return e.value;
      case "Name":
        return this.lookup(e.id, scope);
      case "BinOp":
        return binop(e.op, this.eval(e.left, scope), this.eval(e.right, scope));
      case "Compare": {
        let left = this.eval(e.left, scope);
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.eval(e.comparators[i], scope);
          if (!this.compareOp(e.ops[i], left, right)) return false;
          left = right;
        }
        return true;
      }
      case "BoolOp": {
        let v: Py = null;
        for (const x of e.values) {
          v = this.eval(x, scope);
          if (e.op === "and" ? !truthy(v) : truthy(v)) return v;
        }
        return v;
      }
      case "UnaryOp":
        return unary(e.op, this.eval(e.operand, scope));
      case "Call":
        return this.evalCall(e, scope);
      case "Attribute":
        return getAttr(this.eval(e.value, scope), e.attr);
      case "Subscript":
        return getItem(this.eval(e.value, scope), this.eval(e.index, scope));
      case "Slice":
        return new PySlice(
          e.lower ? this.eval(e.lower, scope) : null,
          e.upper ? this.eval(e.upper, scope) : null,
          e.step ? this.eval(e.step, scope) : null,
        );
      case "FString": {
        let out = "";
        for (const p of e.parts) {
          if (typeof p === "string") out += p;
          else {
            let v = this.eval(p.expr, scope);
            if (p.conv === "r" || p.conv === "a") v = repr(v);
            else if (p.conv === "s") v = str(v);
            const spec = p.spec ? this.fstringSpec(p.spec, scope) : "";
            out += formatValue(v, spec);
          }
          if (out.length > MAX_STR) throw memoryError();
        }
        return out;
      }
      case "List":
        return new PyList(this.evalElts(e.elts, scope));
      case "Tuple":
        return new PyTuple(this.evalElts(e.elts, scope));
      case "Set": {
        const s = new PySet();
        for (const x of this.evalElts(e.elts, scope)) s.add(x);
        return s;
      }
      case "Dict": {
        const d = new PyDict();
        for (let i = 0; i < e.keys.length; i++) {
          const k = e.keys[i];
          if (k === null) {
            const src = this.eval(e.values[i], scope);
            if (!(src instanceof PyDict)) throw pyError(E.TypeError, `'${typeName(src)}' object is not a mapping`);
            for (const [kk, vv] of src.map.values()) d.set(kk, vv);
          } else {
            const kv = this.eval(k, scope);
            d.set(kv, this.eval(e.values[i], scope));
          }
        }
        return d;
      }
      case "IfExp":
        return truthy(this.eval(e.test, scope)) ? this.eval(e.body, scope) : this.eval(e.orelse, scope);
      case "Lambda":
        return this.makeFunction(e.fn, scope);
      case "ListComp": {
        const out: Py[] = [];
        this.comprehend(e, e.gens, scope, (s) => {
          if (out.length >= MAX_ITEMS) throw memoryError();
          out.push(this.eval(e.elt, s));
        });
        return new PyList(out);
      }
      case "SetComp": {
        const out = new PySet();
        this.comprehend(e, e.gens, scope, (s) => out.add(this.eval(e.elt, s)));
        return out;
      }
      case "DictComp": {
        const out = new PyDict();
        this.comprehend(e, e.gens, scope, (s) => {
          const k = this.eval(e.key, s);
          out.set(k, this.eval(e.value, s));
        });
        return out;
      }
      case "GeneratorExp":
        return this.generator(e, scope);
      case "Starred":
        throw pyError(E.TypeError, "can't use starred expression here");
      case "Yield":
        throw pyError(E.RuntimeError, "'yield' outside a generator function");
      case "NamedExpr": {
        const v = this.eval(e.value, scope);
        let s = scope;
        // a walrus inside a comprehension binds in the enclosing function
        while (s.fn?.name === "<comprehension>" && s.parent) s = s.parent;
        this.store(e.target, v, s);
        return v;
      }
    }
  }

  private fstringSpec(parts: (string | { expr: Expr; conv: string | null; spec: unknown })[], scope: Scope): string {
    let spec = "";
    for (const p of parts) spec += typeof p === "string" ? p : formatValue(this.eval(p.expr, scope), "");
    return spec;
  }

  private compareOp(op: string, a: Py, b: Py): boolean {
    switch (op) {
      case "==":
        return eq(a, b);
      case "!=":
        return ne(a, b);
      case "<":
        return compare(a, b, op) < 0;
      case "<=":
        return compare(a, b, op) <= 0;
      case ">":
        return compare(a, b, op) > 0;
      case ">=":
        return compare(a, b, op) >= 0;
      case "in":
        return contains(b, a);
      case "not in":
        return !contains(b, a);
      case "is":
        return a === b || (typeof a === "bigint" && a === b);
      case "is not":
        return !(a === b);
    }
    throw pyError(E.TypeError, `unknown comparison ${op}`);
  }

  private evalElts(elts: Expr[], scope: Scope): Py[] {
    const out: Py[] = [];
    for (const x of elts) {
      if (x.k === "Starred") {
        for (const v of iterate(this.eval(x.value, scope))) out.push(v);
        checkSize(out.length, MAX_ITEMS);
      } else out.push(this.eval(x, scope));
    }
    return out;
  }

  private compScope(node: object, gens: Comprehension[], scope: Scope): Scope {
    let info = compInfos.get(node);
    if (!info) {
      const locals = new Set<string>();
      const collect = (t: Expr) => {
        if (t.k === "Name") locals.add(t.id);
        else if (t.k === "Tuple" || t.k === "List") t.elts.forEach(collect);
        else if (t.k === "Starred") collect(t.value);
      };
      for (const g of gens) collect(g.target);
      info = { name: "<comprehension>", params: [], body: [], locals, globals: new Set(), nonlocals: new Set(), docstring: null };
      compInfos.set(node, info);
    }
    return new Scope(info, scope, scope.globals);
  }

  private comprehend(node: object, gens: Comprehension[], scope: Scope, emit: (s: Scope) => void): void {
    const inner = this.compScope(node, gens, scope);
    const first = this.eval(gens[0].iter, scope);
    const loop = (i: number, iterable: Py) => {
      const g = gens[i];
      for (const item of iterate(iterable)) {
        this.tick();
        this.assign(g.target, item, inner);
        let ok = true;
        for (const cond of g.ifs) {
          if (!truthy(this.eval(cond, inner))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (i + 1 < gens.length) loop(i + 1, this.eval(gens[i + 1].iter, inner));
        else emit(inner);
      }
    };
    loop(0, first);
  }

  private generator(e: Extract<Expr, { elt: Expr }>, scope: Scope): PyIterator {
    const inner = this.compScope(e, e.gens, scope);
    const first = this.eval(e.gens[0].iter, scope);
    const self = this;
    function* loop(i: number, iterable: Py): Generator<Py> {
      const g = e.gens[i];
      for (const item of iterate(iterable)) {
        self.tick();
        self.assign(g.target, item, inner);
        let ok = true;
        for (const cond of g.ifs) {
          if (!truthy(self.eval(cond, inner))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (i + 1 < e.gens.length) yield* loop(i + 1, self.eval(e.gens[i + 1].iter, inner));
        else yield self.eval(e.elt, inner);
      }
    }
    return new PyIterator(loop(0, first), true);
  }

  // ---- calls ----------------------------------------------------------------------------------

  private makeFunction(info: FunctionInfo, scope: Scope): PyFunction {
    const defaults = info.params.map((p) => (p.default ? this.eval(p.default, scope) : undefined));
    const classScope = scope.fn?.isClass ? scope : (scope.func?.classScope ?? null);
    return new PyFunction(info, defaults, scope, this.qualnameIn(scope, info.name), classScope);
  }

  private evalCall(e: Extract<Expr, { k: "Call" }>, scope: Scope): Py {
    let args: Py[];
    if (e.args.length === 0) args = [];
    else args = this.evalElts(e.args, scope);
    let kwargs: Kwargs = null;
    if (e.keywords.length) {
      kwargs = new Map();
      for (const kw of e.keywords) {
        const v = this.eval(kw.value, scope);
        if (kw.name !== null) kwargs.set(kw.name, v);
        else {
          if (!(v instanceof PyDict)) throw pyError(E.TypeError, `argument after ** must be a mapping, not ${typeName(v)}`);
          for (const [k, x] of v.map.values()) {
            if (typeof k !== "string") throw pyError(E.TypeError, "keywords must be strings");
            if (kwargs.has(k)) throw pyError(E.TypeError, `got multiple values for keyword argument '${k}'`);
            kwargs.set(k, x);
          }
        }
      }
    }
    if (e.func.k === "Attribute") {
      const obj = this.eval(e.func.value, scope);
      if (obj instanceof PyInstance && obj.type instanceof PyClass) {
        // obj.method(...) without creating a bound method
        const name = e.func.attr;
        const d = obj.type.lookup(name);
        if (d instanceof PyFunction && !obj.dict.has(name)) {
          this.tick();
          return this.callFunction(d, [obj, ...args], kwargs);
        }
        return this.call(getAttr(obj, name), args, kwargs);
      }
      if (!(obj instanceof PyModule) && !(obj instanceof PyType) && !(obj instanceof PyException)) {
        const m = typeOf(obj).lookupMethod(e.func.attr);
        if (m && !e.func.attr.startsWith("__")) {
          this.tick();
          return m(obj, args, kwargs);
        }
      }
      return this.call(getAttr(obj, e.func.attr), args, kwargs);
    }
    const f = this.eval(e.func, scope);
    if (f === this.builtins.get("super") && e.func.k === "Name" && !args.length && !kwargs) return this.zeroArgSuper(scope);
    if (!args.length && !kwargs && (f === this.builtins.get("locals") || f === this.builtins.get("vars"))) return this.namespace(scope, false);
    if (!args.length && !kwargs && f === this.builtins.get("globals")) return this.namespace(scope, true);
    return this.call(f, args, kwargs);
  }

  /**
   * locals() / vars() / globals(): a copy of the namespace as a dict. CPython's globals() is the
   * module's live dict; here writing to it does not define a name (code tests names, it rarely
   * defines them this way).
   */
  private namespace(scope: Scope, global: boolean): PyDict {
    const d = new PyDict();
    for (const [k, v] of global ? scope.globals : scope.vars) d.set(k, v);
    return d;
  }

  /** `super()` in a method: the class the method is defined in and the method's first argument. */
  private zeroArgSuper(scope: Scope): PySuper {
    let s: Scope | null = scope;
    while (s?.fn?.name === "<comprehension>") s = s.parent;
    const f = s?.func;
    if (!s || !f) throw pyError(E.RuntimeError, "super(): no arguments");
    const first = f.info.params[0];
    if (!first) throw pyError(E.RuntimeError, "super(): no arguments");
    const cls = f.classScope?.classCell;
    if (!cls) throw pyError(E.RuntimeError, "super(): __class__ cell not found");
    let self = s.vars.get(first.name);
    if (first.kind === "vararg" && self instanceof PyTuple) self = self.items[0];
    if (self === undefined) throw pyError(E.RuntimeError, "super(): arg[0] deleted");
    if (!(self instanceof PyType ? self.isSubclassOf(cls) : typeOf(self).isSubclassOf(cls))) {
      throw pyError(E.TypeError, "super(type, obj): obj must be an instance or subtype of type");
    }
    return new PySuper(cls, self);
  }

  call(f: Py, args: Py[], kwargs: Kwargs): Py {
    if (f instanceof PyFunction) return this.callFunction(f, args, kwargs);
    if (f instanceof PyBuiltin) {
      this.tick();
      return f.fn(args, kwargs);
    }
    if (f instanceof PyType && f.call) {
      this.tick();
      return f.call(args, kwargs);
    }
    if (f instanceof PyBoundMethod) return this.call(f.fn, [f.self, ...args], kwargs);
    if (isUserObject(f)) {
      const m = special(f, "__call__");
      if (m !== undefined && m !== null) return callSpecial(f as PyObject, m, args, "__call__", kwargs);
    } else if (f instanceof PyNative) {
      const m = f.type.lookupMethod("__call__");
      if (m) {
        this.tick();
        return m(f, args, kwargs);
      }
    }
    throw pyError(E.TypeError, `'${typeName(f)}' object is not callable`);
  }

  private callFunction(f: PyFunction, args: Py[], kwargs: Kwargs): Py {
    this.enterFrame();
    try {
      this.tick();
      const info = f.info;
      const scope = new Scope(info, f.closure, f.closure.globals);
      scope.func = f;
      scope.qualname = f.qualname;
      this.bind(f, args, kwargs, scope.vars);
      if (info.isGenerator) return generator(this.generatorBody(info.body, scope), (frame, step) => this.resumeFrame(frame, step));
      const sig = this.execBlock(info.body, scope);
      return sig === RETURN ? scope.ret : null;
    } finally {
      this.depth--;
    }
  }

  private bind(f: PyFunction, args: Py[], kwargs: Kwargs, vars: Map<string, Py>): void {
    const params = f.info.params;
    const name = f.qualname;
    let ai = 0;
    let positional = 0;
    let kwargParam: string | null = null;
    for (const p of params) {
      if (p.kind === "pos") {
        positional++;
        if (ai < args.length) vars.set(p.name, args[ai++]);
      } else if (p.kind === "vararg") {
        vars.set(p.name, new PyTuple(args.slice(ai)));
        ai = args.length;
      } else if (p.kind === "kwarg") kwargParam = p.name;
    }
    if (ai < args.length) {
      const given = args.length;
      const required = params.filter((p, i) => p.kind === "pos" && f.defaults[i] === undefined).length;
      const takes = required === positional ? `${positional}` : `from ${required} to ${positional}`;
      throw pyError(E.TypeError, `${name}() takes ${takes} positional argument${takes === "1" ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`);
    }
    let extra: PyDict | null = null;
    if (kwargParam) {
      extra = new PyDict();
      vars.set(kwargParam, extra);
    }
    if (kwargs) {
      for (const [k, v] of kwargs) {
        const p = params.find((x) => x.name === k && (x.kind === "pos" || x.kind === "kwonly"));
        if (p) {
          if (vars.has(k)) throw pyError(E.TypeError, `${name}() got multiple values for argument '${k}'`);
          vars.set(k, v);
        } else if (extra) extra.set(k, v);
        else throw pyError(E.TypeError, `${name}() got an unexpected keyword argument '${k}'`);
      }
    }
    const missingPos: string[] = [];
    const missingKw: string[] = [];
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if ((p.kind === "pos" || p.kind === "kwonly") && !vars.has(p.name)) {
        const d = f.defaults[i];
        if (d !== undefined) vars.set(p.name, d);
        else (p.kind === "pos" ? missingPos : missingKw).push(p.name);
      }
    }
    if (missingPos.length || missingKw.length) {
      const list = missingPos.length ? missingPos : missingKw;
      const kind = missingPos.length ? "positional" : "keyword-only";
      const names = list.map((n) => `'${n}'`);
      const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      throw pyError(E.TypeError, `${name}() missing ${list.length} required ${kind} argument${list.length === 1 ? "" : "s"}: ${joined}`);
    }
  }
}

function startLine(e: Expr): number {
  switch (e.k) {
    case "BinOp":
    case "Compare":
      return startLine(e.left);
    case "Call":
      return startLine(e.func);
    case "Attribute":
    case "Subscript":
      return startLine(e.value);
    case "BoolOp":
      return startLine(e.values[0]);
    case "IfExp":
      return startLine(e.body);
    default:
      return e.line;
  }
}


export { PySet };
