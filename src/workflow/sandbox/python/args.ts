// Argument helpers for natively implemented functions and methods.
import { E, type Kwargs, type Py, pyError, typeName } from "./values";

/** The i-th argument, by position or by keyword, or the default (undefined = required). */
export function arg(fname: string, args: Py[], kwargs: Kwargs, i: number, name: string, dflt?: Py): Py {
  if (i < args.length) return args[i];
  const k = kwargs?.get(name);
  if (k !== undefined) return k;
  if (dflt === undefined) throw pyError(E.TypeError, `${fname}() missing required argument '${name}' (pos ${i + 1})`);
  return dflt;
}

export function maxArgs(fname: string, args: Py[], n: number): void {
  if (args.length > n) throw pyError(E.TypeError, `${fname}() takes at most ${n} argument${n === 1 ? "" : "s"} (${args.length} given)`);
}

export function noKwargs(fname: string, kwargs: Kwargs): void {
  if (kwargs?.size) throw pyError(E.TypeError, `${fname}() takes no keyword arguments`);
}

export function asStr(v: Py, what: string): string {
  if (typeof v !== "string") throw pyError(E.TypeError, `${what} must be str, not ${typeName(v)}`);
  return v;
}

export function asInt(v: Py, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  throw pyError(E.TypeError, `'${typeName(v)}' object cannot be interpreted as an integer${what ? "" : ""}`);
}

export function asNum(v: Py, what: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw pyError(E.TypeError, `${what} must be real number, not ${typeName(v)}`);
}
