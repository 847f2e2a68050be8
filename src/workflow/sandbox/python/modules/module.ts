// Helper to declare a module from native functions and constants.
import { type NativeFn, PyBuiltin, PyModule, type Py } from "../values";

export function makeModule(name: string, fns: Record<string, NativeFn>, consts: Record<string, Py> = {}): PyModule {
  const attrs = new Map<string, Py>();
  for (const [k, f] of Object.entries(fns)) attrs.set(k, new PyBuiltin(k, f));
  for (const [k, v] of Object.entries(consts)) attrs.set(k, v);
  return new PyModule(name, attrs);
}
