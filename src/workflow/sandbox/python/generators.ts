// Generator objects. The body of a generator function runs as a JavaScript generator
// (Interpreter.execGenBlock); a GeneratorFrame resumes it for next(), send(), throw() and close().
import { PyException, PyIterator, type Py, PyType, E, T, pyError } from "./values";
import { runtime } from "./ops";

/** Runs one resumption of a frame as a Python call (recursion limit, exceptions being handled). */
export type Resume = <R>(frame: GeneratorFrame, step: () => R) => R;

export class GeneratorFrame implements Iterator<Py, Py, Py> {
  /** The exceptions the body's except clauses are handling while it is suspended. */
  handling: PyException[] = [];
  private started = false;
  private running = false;

  constructor(
    private readonly body: Generator<Py, Py, Py>,
    private readonly resume: Resume,
  ) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(value: Py = null): IteratorResult<Py, Py> {
    if (!this.started && value !== null) throw pyError(E.TypeError, "can't send non-None value to a just-started generator");
    return this.step(() => this.body.next(value));
  }

  throw(e: unknown): IteratorResult<Py, Py> {
    return this.step(() => this.body.throw(e));
  }

  // No return(): a for-loop that breaks out of a generator leaves it suspended, as in Python.

  close(): void {
    let r: IteratorResult<Py, Py>;
    try {
      r = this.throw(new PyException(E.GeneratorExit, []));
    } catch (e) {
      if (e instanceof PyException && (e.type.isSubclassOf(E.GeneratorExit) || e.type.isSubclassOf(E.StopIteration))) return;
      throw e;
    }
    if (!r.done) throw pyError(E.RuntimeError, "generator ignored GeneratorExit");
  }

  private step(run: () => IteratorResult<Py, Py>): IteratorResult<Py, Py> {
    if (this.running) throw pyError(E.ValueError, "generator already executing");
    this.started = true;
    this.running = true;
    try {
      const r = this.resume(this, run);
      return r.done ? { done: true, value: r.value ?? null } : r;
    } finally {
      this.running = false;
    }
  }
}

export function generator(body: Generator<Py, Py, Py>, resume: Resume): PyIterator {
  return new PyIterator(new GeneratorFrame(body, resume), true);
}

/** The value a finished generator returned, as StopIteration carries it. */
export function stopIteration(value: Py | undefined): PyException {
  return new PyException(E.StopIteration, value === undefined || value === null ? [] : [value]);
}

function outcome(r: IteratorResult<Py, Py>): Py {
  if (r.done) throw stopIteration(r.value);
  return r.value;
}

function frameOf(self: Py, method: string): GeneratorFrame {
  if (self instanceof PyIterator && self.it instanceof GeneratorFrame) return self.it;
  throw pyError(E.TypeError, `Kiln's Python sandbox supports ${method}() on generators of generator functions only`);
}

function toException(v: Py): PyException {
  if (v instanceof PyException) return v;
  if (v instanceof PyType && v.isSubclassOf(E.BaseException)) return runtime.call(v, [], null) as PyException;
  throw pyError(E.TypeError, "exceptions must derive from BaseException");
}

T.generator.methods.set("send", (self, args) => outcome(frameOf(self, "send").next(args[0] ?? null)));
T.generator.methods.set("throw", (self, args) => outcome(frameOf(self, "throw").throw(toException(args[0]))));
T.generator.methods.set("close", (self) => {
  if (self instanceof PyIterator && !(self.it instanceof GeneratorFrame)) self.it.return?.();
  else frameOf(self, "close").close();
  return null;
});
