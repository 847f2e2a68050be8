// A logging module whose loggers accept every call and write nowhere (like print()).
import { PyBuiltin, PyNative, type Py, PyType, T } from "../values";
import { makeModule } from "./module";

const loggerType = new PyType("Logger", T.object, "logging");
for (const m of ["debug", "info", "warning", "warn", "error", "exception", "critical", "log", "setLevel", "addHandler", "removeHandler", "setFormatter"]) {
  loggerType.methods.set(m, () => null);
}
loggerType.methods.set("isEnabledFor", () => false);

export function loggingModule() {
  const root = new PyNative(loggerType, null);
  const noop = () => null;
  const levels: Record<string, Py> = { DEBUG: 10n, INFO: 20n, WARNING: 30n, WARN: 30n, ERROR: 40n, CRITICAL: 50n, NOTSET: 0n };
  const mod = makeModule(
    "logging",
    {
      getLogger: () => root,
      basicConfig: noop,
      debug: noop,
      info: noop,
      warning: noop,
      error: noop,
      exception: noop,
      critical: noop,
    },
    levels,
  );
  mod.attrs.set("Logger", loggerType);
  // handlers and formatters are accepted and ignored, like the loggers they are attached to
  for (const name of ["StreamHandler", "FileHandler", "Formatter"]) mod.attrs.set(name, new PyBuiltin(name, () => root));
  return mod;
}
