// The time module, in UTC (the sandbox has no local zone). sleep() returns at once: a Worker
// must not block, and the time limit would count the wait anyway.
import { asNum, asStr } from "../args";
import { recorded } from "../replay";
import { E, PyNative, type Py, pyError } from "../values";
import { type DateTime, datetimeFields, makeDatetime, setupDatetime, strftime, strptime, structTime, structTimeType } from "./datetime";
import { makeModule } from "./module";

// recorded so that a run replayed after a request sees the same readings (see ../replay.ts)
const nowMs = () => recorded(() => Date.now());
const clockMs = () => recorded(() => performance.now());
const ST = (v: Py) => (v as PyNative<DateTime>).value;

function stSetup(): void {
  if (structTimeType.getters.size) return;
  const g = (name: string, f: (x: ReturnType<typeof datetimeFields>) => number) =>
    structTimeType.getters.set(name, (s) => BigInt(f(datetimeFields(ST(s)))));
  g("tm_year", (f) => f.year);
  g("tm_mon", (f) => f.month);
  g("tm_mday", (f) => f.day);
  g("tm_hour", (f) => f.hour);
  g("tm_min", (f) => f.minute);
  g("tm_sec", (f) => f.second);
  g("tm_wday", (f) => f.weekday);
  g("tm_yday", (f) => f.yday);
  g("tm_isdst", () => 0);
  structTimeType.methods.set("__repr__", (s) => {
    const f = datetimeFields(ST(s));
    return `time.struct_time(tm_year=${f.year}, tm_mon=${f.month}, tm_mday=${f.day}, tm_hour=${f.hour}, tm_min=${f.minute}, tm_sec=${f.second}, tm_wday=${f.weekday}, tm_yday=${f.yday}, tm_isdst=0)`;
  });
}

function timeArg(v: Py | undefined): DateTime {
  if (v === undefined || v === null) return ST(makeDatetime(BigInt(nowMs()) * 1000n, null));
  if (v instanceof PyNative && v.type === structTimeType) return ST(v);
  throw pyError(E.TypeError, "Tuple or struct_time argument required");
}

export function timeModule() {
  setupDatetime();
  stSetup();
  return makeModule(
    "time",
    {
      time: () => nowMs() / 1000,
      time_ns: () => BigInt(nowMs()) * 1_000_000n,
      perf_counter: () => clockMs() / 1000,
      monotonic: () => clockMs() / 1000,
      process_time: () => clockMs() / 1000,
      sleep: (args) => {
        if (asNum(args[0], "sleep length") < 0) throw pyError(E.ValueError, "sleep length must be non-negative");
        return null;
      },
      gmtime: (args) => structTime(ST(makeDatetime(BigInt(Math.floor(asNum(args[0] ?? nowMs() / 1000, "seconds") * 1e6)), null))),
      localtime: (args) => structTime(ST(makeDatetime(BigInt(Math.floor(asNum(args[0] ?? nowMs() / 1000, "seconds") * 1e6)), null))),
      strftime: (args) => strftime(timeArg(args[1]), asStr(args[0], "strftime() argument 1")),
      strptime: (args) => structTime(ST(strptime(asStr(args[0], "strptime() argument 1"), asStr(args[1] ?? "%a %b %d %H:%M:%S %Y", "strptime() argument 2")))),
      mktime: (args) => Number(timeArg(args[0]).us) / 1e6,
    },
    { timezone: 0n, altzone: 0n, daylight: 0n },
  );
}
