// The datetime module: date, datetime, timedelta, fixed-offset timezone, and zoneinfo's ZoneInfo
// (IANA zones from the runtime's Intl data, see tzdb.ts). The sandbox has no local zone: a naive
// now() is UTC.
import { arg, asInt, asNum, asStr } from "../args";
import { repr } from "../format";
import { recorded } from "../replay";
import { E, type Kwargs, PyBuiltin, PyNative, type Py, PySet, PyTuple, PyType, T, pyError, typeName } from "../values";
import { makeModule } from "./module";
import { abbreviationAt, knownZone, offsetAtInstant, offsetAtWall } from "./tzdb";

const US_PER_DAY = 86_400_000_000n;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [m <= 2 ? y + 1 : y, m, d];
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const p2 = (n: number) => String(n).padStart(2, "0");

// ---- types ------------------------------------------------------------------------------------

export interface Tz {
  offset: bigint;
  name: string | null;
  /** An IANA zone (zoneinfo.ZoneInfo): `offset` and `name` are then the zone's at the datetime's time. */
  zone?: string;
}
export interface DateTime {
  /** Wall-clock microseconds since 1970-01-01T00:00 (in the datetime's own zone). */
  us: bigint;
  tz: Tz | null;
  dateOnly: boolean;
}

export const timedeltaType = new PyType("timedelta", T.object, "datetime");
export const dateType = new PyType("date", T.object, "datetime");
export const datetimeType = new PyType("datetime", dateType, "datetime");
export const timezoneType = new PyType("timezone", T.object, "datetime");
const tzinfoType = new PyType("tzinfo", T.object, "datetime");
export const zoneInfoType = new PyType("ZoneInfo", tzinfoType, "zoneinfo");

const td = (us: bigint) => new PyNative<bigint>(timedeltaType, us, () => `\u0000td${us}`);
const tz = (offset: bigint, name: string | null = null) => new PyNative<Tz>(timezoneType, { offset, name }, () => `\u0000tz${offset}`);
export const UTC = tz(0n);
const US_PER_MS = 1000n;
const msOf = (us: bigint) => Number(floorDiv(us, US_PER_MS));

/** A zone's state at an instant (UTC microseconds). */
function zoneAtInstant(key: string, utcUs: bigint): Tz {
  const offset = offsetAtInstant(key, msOf(utcUs));
  return { offset: BigInt(offset) * US_PER_MS, name: abbreviationAt(key, msOf(utcUs), offset), zone: key };
}

/** A zone's state at a wall-clock time (fold=0). */
function zoneAtWall(key: string, wallUs: bigint): Tz {
  const offset = offsetAtWall(key, msOf(wallUs));
  let utc = msOf(wallUs) - offset;
  // A time the clock skips keeps the offset from before the jump, and that offset's name.
  if (offsetAtInstant(key, utc) !== offset) utc -= 86_400_000;
  return { offset: BigInt(offset) * US_PER_MS, name: abbreviationAt(key, utc, offset), zone: key };
}

/** The datetime at UTC microseconds `utcUs` in `zone` (its offset there, for a ZoneInfo). */
function fromUtc(utcUs: bigint, zone: Tz | null): PyNative<DateTime> {
  if (zone?.zone) {
    const at = zoneAtInstant(zone.zone, utcUs);
    return dt(utcUs + at.offset, at, false, true);
  }
  return dt(utcUs + (zone?.offset ?? 0n), zone);
}

/** A datetime; a ZoneInfo zone takes its offset at this wall time unless `resolved` says it has it. */
function dt(us: bigint, zone: Tz | null, dateOnly = false, resolved = false): PyNative<DateTime> {
  const days = Number(floorDiv(us, US_PER_DAY));
  if (days < -719162 || days > 2932896) throw pyError(E.OverflowError, "date value out of range");
  if (zone?.zone && !resolved && !dateOnly) zone = zoneAtWall(zone.zone, us);
  const key = () => (dateOnly ? `\u0000d${us}` : `\u0000dt${us - (zone?.offset ?? 0n)}${zone ? "" : "n"}`);
  return new PyNative<DateTime>(dateOnly ? dateType : datetimeType, { us, tz: zone, dateOnly }, key);
}

const isTd = (v: Py): v is PyNative<bigint> => v instanceof PyNative && v.type === timedeltaType;
const isDt = (v: Py): v is PyNative<DateTime> => v instanceof PyNative && (v.type === datetimeType || v.type === dateType);
const TD = (v: Py) => (v as PyNative<bigint>).value;
const DT = (v: Py) => (v as PyNative<DateTime>).value;

function fields(d: DateTime) {
  const days = Number(floorDiv(d.us, US_PER_DAY));
  const rem = Number(d.us - BigInt(days) * US_PER_DAY);
  const [year, month, day] = civilFromDays(days);
  const secs = Math.floor(rem / 1e6);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    microsecond: rem % 1e6,
    weekday: (((days % 7) + 7 + 3) % 7),
    yday: days - daysFromCivil(year, 1, 1) + 1,
  };
}

function fromFields(y: number, m: number, d: number, h = 0, mi = 0, s = 0, us = 0): bigint {
  if (y < 1 || y > 9999) throw pyError(E.ValueError, `year ${y} is out of range`);
  if (m < 1 || m > 12) throw pyError(E.ValueError, "month must be in 1..12");
  if (d < 1 || d > daysInMonth(y, m)) throw pyError(E.ValueError, "day is out of range for month");
  if (h < 0 || h > 23) throw pyError(E.ValueError, "hour must be in 0..23");
  if (mi < 0 || mi > 59) throw pyError(E.ValueError, "minute must be in 0..59");
  if (s < 0 || s > 59) throw pyError(E.ValueError, "second must be in 0..59");
  if (us < 0 || us > 999999) throw pyError(E.ValueError, "microsecond must be in 0..999999");
  return BigInt(daysFromCivil(y, m, d)) * US_PER_DAY + BigInt(((h * 60 + mi) * 60 + s) * 1e6 + us);
}

// ---- formatting -------------------------------------------------------------------------------

function offsetText(off: bigint, sep: string): string {
  const sign = off < 0n ? "-" : "+";
  let a = off < 0n ? -off : off;
  const us = Number(a % 1_000_000n);
  a /= 1_000_000n;
  const s = Number(a % 60n);
  const m = Number((a / 60n) % 60n);
  const h = Number(a / 3600n);
  let out = `${sign}${p2(h)}${sep}${p2(m)}`;
  if (s || us) out += `${sep}${p2(s)}`;
  if (us) out += `.${String(us).padStart(6, "0")}`;
  return out;
}

function tzName(z: Tz): string {
  if (z.name !== null) return z.name;
  if (z.offset === 0n) return "UTC";
  return `UTC${offsetText(z.offset, ":")}`;
}

export function strftime(d: DateTime, fmt: string): string {
  const f = fields(d);
  return fmt.replace(/%(-?)([a-zA-Z%])/g, (m, flag: string, c: string) => {
    const pad = (n: number, w = 2) => (flag ? String(n) : String(n).padStart(w, "0"));
    switch (c) {
      case "Y":
        return String(f.year).padStart(4, "0");
      case "y":
        return p2(f.year % 100);
      case "m":
        return pad(f.month);
      case "d":
        return pad(f.day);
      case "e":
        return String(f.day).padStart(2, " ");
      case "H":
        return pad(f.hour);
      case "I":
        return pad(f.hour % 12 || 12);
      case "M":
        return pad(f.minute);
      case "S":
        return pad(f.second);
      case "f":
        return String(f.microsecond).padStart(6, "0");
      case "p":
        return f.hour < 12 ? "AM" : "PM";
      case "b":
      case "h":
        return MONTHS[f.month - 1].slice(0, 3);
      case "B":
        return MONTHS[f.month - 1];
      case "a":
        return DAYS[f.weekday].slice(0, 3);
      case "A":
        return DAYS[f.weekday];
      case "w":
        return String((f.weekday + 1) % 7);
      case "u":
        return String(f.weekday + 1);
      case "j":
        return pad(f.yday, 3);
      case "z":
        return d.tz ? offsetText(d.tz.offset, "") : "";
      case "Z":
        return d.tz ? tzName(d.tz) : "";
      case "c":
        return `${DAYS[f.weekday].slice(0, 3)} ${MONTHS[f.month - 1].slice(0, 3)} ${String(f.day).padStart(2, " ")} ${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)} ${f.year}`;
      case "x":
        return `${p2(f.month)}/${p2(f.day)}/${p2(f.year % 100)}`;
      case "X":
        return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
      case "D":
        return `${p2(f.month)}/${p2(f.day)}/${p2(f.year % 100)}`;
      case "F":
        return `${String(f.year).padStart(4, "0")}-${p2(f.month)}-${p2(f.day)}`;
      case "T":
        return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
      case "U": {
        const sundayFirst = (f.yday + 6 - ((f.weekday + 1) % 7)) / 7;
        return p2(Math.floor(sundayFirst));
      }
      case "W":
        return p2(Math.floor((f.yday + 6 - f.weekday) / 7));
      case "%":
        return "%";
      default:
        return m;
    }
  });
}

function isoformat(d: DateTime, sep = "T", timespec = "auto"): string {
  const f = fields(d);
  const date = `${String(f.year).padStart(4, "0")}-${p2(f.month)}-${p2(f.day)}`;
  if (d.dateOnly) return date;
  let time = `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
  if (timespec === "hours") time = p2(f.hour);
  else if (timespec === "minutes") time = `${p2(f.hour)}:${p2(f.minute)}`;
  else if (timespec === "milliseconds") time += `.${String(Math.floor(f.microsecond / 1000)).padStart(3, "0")}`;
  else if (timespec === "microseconds" || (timespec === "auto" && f.microsecond)) time += `.${String(f.microsecond).padStart(6, "0")}`;
  return `${date}${sep}${time}${d.tz ? offsetText(d.tz.offset, ":") : ""}`;
}

function tdStr(us: bigint): string {
  const days = floorDiv(us, US_PER_DAY);
  const rem = us - days * US_PER_DAY;
  const secs = Number(rem / 1_000_000n);
  const micro = Number(rem % 1_000_000n);
  let out = `${Math.floor(secs / 3600)}:${p2(Math.floor((secs % 3600) / 60))}:${p2(secs % 60)}`;
  if (micro) out += `.${String(micro).padStart(6, "0")}`;
  if (days) out = `${days} day${days === 1n || days === -1n ? "" : "s"}, ${out}`;
  return out;
}

function tdParts(us: bigint): [bigint, bigint, bigint] {
  const days = floorDiv(us, US_PER_DAY);
  const rem = us - days * US_PER_DAY;
  return [days, rem / 1_000_000n, rem % 1_000_000n];
}

function tdRepr(us: bigint): string {
  const [d, s, u] = tdParts(us);
  const parts: string[] = [];
  if (d) parts.push(`days=${d}`);
  if (s) parts.push(`seconds=${s}`);
  if (u) parts.push(`microseconds=${u}`);
  return `datetime.timedelta(${parts.length ? parts.join(", ") : "0"})`;
}

function tzRepr(z: Tz): string {
  if (z.zone) return `zoneinfo.ZoneInfo(key=${repr(z.zone)})`;
  if (z.offset === 0n && z.name === null) return "datetime.timezone.utc";
  return `datetime.timezone(${tdRepr(z.offset)}${z.name !== null ? `, ${repr(z.name)}` : ""})`;
}

function dtRepr(d: DateTime): string {
  const f = fields(d);
  if (d.dateOnly) return `datetime.date(${f.year}, ${f.month}, ${f.day})`;
  const parts = [f.year, f.month, f.day, f.hour, f.minute];
  if (f.second || f.microsecond) parts.push(f.second);
  if (f.microsecond) parts.push(f.microsecond);
  return `datetime.datetime(${parts.join(", ")}${d.tz ? `, tzinfo=${tzRepr(d.tz)}` : ""})`;
}

// ---- parsing ----------------------------------------------------------------------------------

function parseOffset(text: string): bigint {
  if (text === "Z" || text === "z") return 0n;
  const m = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) throw pyError(E.ValueError, `Invalid offset: ${text}`);
  const us = ((BigInt(m[2]) * 60n + BigInt(m[3])) * 60n + BigInt(m[4] ?? "0")) * 1_000_000n + BigInt((m[5] ?? "").padEnd(6, "0") || "0");
  return m[1] === "-" ? -us : us;
}

export function strptime(text: string, fmt: string, dateOnly = false): PyNative<DateTime> {
  const groups: string[] = [];
  let re = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === "%" && i + 1 < fmt.length) {
      let d = fmt[++i];
      if (d === "-" && i + 1 < fmt.length) d = fmt[++i];
      const add = (name: string, pattern: string) => {
        groups.push(name);
        re += `(${pattern})`;
      };
      switch (d) {
        case "Y": add("Y", "\\d{4}"); break;
        case "y": add("y", "\\d{2}"); break;
        case "m": add("m", "1[0-2]|0[1-9]|[1-9]"); break;
        case "d": add("d", "3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]"); break;
        case "H": add("H", "2[0-3]|[0-1]\\d|\\d"); break;
        case "I": add("I", "1[0-2]|0[1-9]|[1-9]"); break;
        case "M": add("M", "[0-5]\\d|\\d"); break;
        case "S": add("S", "6[0-1]|[0-5]\\d|\\d"); break;
        case "f": add("f", "\\d{1,6}"); break;
        case "p": add("p", "AM|PM|am|pm"); break;
        case "b": case "h": add("b", MONTHS.map((x) => x.slice(0, 3)).join("|")); break;
        case "B": add("B", MONTHS.join("|")); break;
        case "a": add("a", DAYS.map((x) => x.slice(0, 3)).join("|")); break;
        case "A": add("A", DAYS.join("|")); break;
        case "j": add("j", "36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]"); break;
        case "z": add("z", "[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z|z"); break;
        case "Z": add("Z", "UTC|GMT|utc|gmt"); break;
        case "%": re += "%"; break;
        default:
          throw pyError(E.ValueError, `'${d}' is a bad directive in format '${fmt}'`);
      }
    } else if (/\s/.test(c)) re += "\\s+";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const m = new RegExp(`^(?:${re})`, "i").exec(text);
  if (!m) throw pyError(E.ValueError, `time data ${repr(text)} does not match format ${repr(fmt)}`);
  if (m[0].length !== text.length) throw pyError(E.ValueError, `unconverted data remains: ${text.slice(m[0].length)}`);
  let Y = 1900, mo = 1, d = 1, H = 0, M = 0, S = 0, us = 0;
  let pm: boolean | null = null;
  let zone: Tz | null = null;
  let yday: number | null = null;
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1).toLowerCase();
  groups.forEach((g, idx) => {
    const v = m[idx + 1];
    switch (g) {
      case "Y": Y = Number(v); break;
      case "y": Y = Number(v) + (Number(v) < 69 ? 2000 : 1900); break;
      case "m": mo = Number(v); break;
      case "d": d = Number(v); break;
      case "H": H = Number(v); break;
      case "I": H = Number(v) % 12; pm ??= false; break;
      case "M": M = Number(v); break;
      case "S": S = Number(v); break;
      case "f": us = Number(v.padEnd(6, "0")); break;
      case "p": pm = v.toUpperCase() === "PM"; break;
      case "b": mo = MONTHS.findIndex((x) => x.slice(0, 3) === cap(v)) + 1; break;
      case "B": mo = MONTHS.indexOf(cap(v)) + 1; break;
      case "j": yday = Number(v); break;
      case "z": zone = { offset: parseOffset(v), name: null }; break;
      case "Z": if (v.toUpperCase() === "UTC" || v.toUpperCase() === "GMT") zone ??= null; break;
    }
  });
  if (pm !== null && groups.includes("p") && groups.includes("I") && pm) H += 12;
  let base = fromFields(Y, mo, d, H, M, S, us);
  if (yday !== null) base = fromFields(Y, 1, 1, H, M, S, us) + BigInt(yday - 1) * US_PER_DAY;
  return dt(base, zone, dateOnly);
}

function fromIso(text: string, dateOnly: boolean): PyNative<DateTime> {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/.exec(text);
  if (!m || (dateOnly && m[4] !== undefined)) throw pyError(E.ValueError, `Invalid isoformat string: ${repr(text)}`);
  const us = m[7] ? Number(m[7].slice(0, 6).padEnd(6, "0")) : 0;
  const v = fromFields(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), us);
  let zone: Tz | null = null;
  if (m[8]) {
    const off = m[8] === "Z" ? 0n : parseOffset(m[8].length === 3 ? `${m[8]}:00` : m[8]);
    zone = { offset: off, name: null };
  }
  return dt(v, zone, dateOnly);
}

// ---- constructors -----------------------------------------------------------------------------

const toNum = (v: Py, what: string) => asNum(v, what);
function kwInt(fname: string, args: Py[], kw: Kwargs, i: number, name: string, dflt?: bigint): number {
  const v = arg(fname, args, kw, i, name, dflt);
  if (typeof v !== "bigint" && typeof v !== "boolean") throw pyError(E.TypeError, `'${typeName(v)}' object cannot be interpreted as an integer`);
  return Number(v);
}

function tzArg(v: Py | undefined): Tz | null {
  if (v === undefined || v === null) return null;
  if (v instanceof PyNative && (v.type === timezoneType || v.type === zoneInfoType)) return v.value as Tz;
  throw pyError(E.TypeError, `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(v)}'`);
}

function nowUs(): bigint {
  return BigInt(recorded(() => Date.now())) * 1000n;
}

function fromTimestamp(ts: Py, zone: Tz | null): PyNative<DateTime> {
  const x = toNum(ts, "timestamp");
  const us = BigInt(Math.round(x * 1e6));
  return fromUtc(us, zone);
}

function utcUs(d: DateTime): bigint {
  return d.us - (d.tz?.offset ?? 0n);
}

function checkComparable(a: DateTime, b: DateTime, op: string): void {
  if (!!a.tz !== !!b.tz) {
    throw pyError(E.TypeError, op === "-" ? "can't subtract offset-naive and offset-aware datetimes" : "can't compare offset-naive and offset-aware datetimes");
  }
}

function setup(): void {
  if (datetimeType.call) return;
  setupZoneInfo();
  // timedelta
  timedeltaType.call = (args, kw) => {
    const names = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
    const scale = [86_400e6, 1e6, 1, 1e3, 60e6, 3600e6, 604_800e6];
    let exact = 0n;
    let approx = 0;
    names.forEach((n, i) => {
      const v = i < args.length ? args[i] : kw?.get(n);
      if (v === undefined) return;
      if (typeof v === "bigint" || typeof v === "boolean") exact += BigInt(v) * BigInt(scale[i]);
      else if (typeof v === "number") approx += v * scale[i];
      else throw pyError(E.TypeError, `unsupported type for timedelta ${n} component: ${typeName(v)}`);
    });
    if (kw) for (const k of kw.keys()) if (!names.includes(k)) throw pyError(E.TypeError, `'${k}' is an invalid keyword argument for __new__()`);
    if (approx) {
      const r = Math.round(approx);
      const diff = approx - Math.floor(approx);
      exact += BigInt(diff === 0.5 && Math.floor(approx) % 2 === 0 ? Math.floor(approx) : r);
    }
    if (exact / US_PER_DAY > 999_999_999n || exact / US_PER_DAY < -999_999_999n) throw pyError(E.OverflowError, "days out of range");
    return td(exact);
  };
  const tdm = timedeltaType.methods;
  timedeltaType.getters.set("days", (s) => tdParts(TD(s))[0]);
  timedeltaType.getters.set("seconds", (s) => tdParts(TD(s))[1]);
  timedeltaType.getters.set("microseconds", (s) => tdParts(TD(s))[2]);
  tdm.set("total_seconds", (s) => Number(TD(s)) / 1e6);
  tdm.set("__str__", (s) => tdStr(TD(s)));
  tdm.set("__repr__", (s) => tdRepr(TD(s)));
  tdm.set("__bool__", (s) => TD(s) !== 0n);
  tdm.set("__eq__", (s, [o]) => isTd(o) && TD(o) === TD(s));
  tdm.set("__cmp__", (s, [o]) => {
    if (!isTd(o)) throw pyError(E.TypeError, `'<' not supported between instances of 'datetime.timedelta' and '${typeName(o)}'`);
    return TD(s) < TD(o) ? -1n : TD(s) > TD(o) ? 1n : 0n;
  });
  tdm.set("__neg__", (s) => td(-TD(s)));
  tdm.set("__pos__", (s) => s);
  tdm.set("__+__", (s, [o]) => (isTd(o) ? td(TD(s) + TD(o)) : (undefined as unknown as Py)));
  tdm.set("__r+__", (s, [o]) => (isTd(o) ? td(TD(s) + TD(o)) : (undefined as unknown as Py)));
  tdm.set("__-__", (s, [o]) => (isTd(o) ? td(TD(s) - TD(o)) : (undefined as unknown as Py)));
  const mul = (s: Py, o: Py): Py => {
    if (typeof o === "bigint" || typeof o === "boolean") return td(TD(s) * BigInt(o));
    if (typeof o === "number") return td(BigInt(Math.round(Number(TD(s)) * o)));
    return undefined as unknown as Py;
  };
  tdm.set("__*__", (s, [o]) => mul(s, o));
  tdm.set("__r*__", (s, [o]) => mul(s, o));
  tdm.set("__/__", (s, [o]) => {
    if (isTd(o)) {
      if (TD(o) === 0n) throw pyError(E.ZeroDivisionError, "division by zero");
      return Number(TD(s)) / Number(TD(o));
    }
    if (typeof o === "bigint" || typeof o === "number") {
      if (Number(o) === 0) throw pyError(E.ZeroDivisionError, "division by zero");
      return td(BigInt(Math.round(Number(TD(s)) / Number(o))));
    }
    return undefined as unknown as Py;
  });
  tdm.set("__//__", (s, [o]) => {
    if (isTd(o)) {
      if (TD(o) === 0n) throw pyError(E.ZeroDivisionError, "integer division or modulo by zero");
      return floorDiv(TD(s), TD(o));
    }
    if (typeof o === "bigint") {
      if (o === 0n) throw pyError(E.ZeroDivisionError, "integer division or modulo by zero");
      return td(floorDiv(TD(s), o));
    }
    return undefined as unknown as Py;
  });
  tdm.set("__abs__", (s) => td(TD(s) < 0n ? -TD(s) : TD(s)));
  timedeltaType.attrs.set("max", td(999_999_999n * US_PER_DAY + US_PER_DAY - 1n));
  timedeltaType.attrs.set("min", td(-999_999_999n * US_PER_DAY));
  timedeltaType.attrs.set("resolution", td(1n));

  // timezone
  timezoneType.call = (args, kw) => {
    const off = arg("timezone", args, kw, 0, "offset");
    if (!isTd(off)) throw pyError(E.TypeError, `timezone() argument 1 must be datetime.timedelta, not ${typeName(off)}`);
    if (TD(off) <= -US_PER_DAY || TD(off) >= US_PER_DAY) throw pyError(E.ValueError, "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).");
    const name = arg("timezone", args, kw, 1, "name", null);
    return tz(TD(off), name === null ? null : asStr(name, "name"));
  };
  timezoneType.attrs.set("utc", UTC);
  const tzOf = (s: Py) => (s as PyNative<Tz>).value;
  timezoneType.methods.set("__str__", (s) => tzName(tzOf(s)));
  timezoneType.methods.set("__repr__", (s) => tzRepr(tzOf(s)));
  timezoneType.methods.set("__eq__", (s, [o]) => o instanceof PyNative && o.type === timezoneType && tzOf(o).offset === tzOf(s).offset);
  timezoneType.methods.set("utcoffset", (s) => td(tzOf(s).offset));
  timezoneType.methods.set("tzname", (s) => tzName(tzOf(s)));
  timezoneType.methods.set("dst", () => null);

  // date and datetime
  dateType.call = (args, kw) => dt(fromFields(kwInt("date", args, kw, 0, "year"), kwInt("date", args, kw, 1, "month"), kwInt("date", args, kw, 2, "day")), null, true);
  datetimeType.call = (args, kw) => {
    const g = (i: number, n: string, d?: bigint) => kwInt("datetime", args, kw, i, n, d);
    const v = fromFields(g(0, "year"), g(1, "month"), g(2, "day"), g(3, "hour", 0n), g(4, "minute", 0n), g(5, "second", 0n), g(6, "microsecond", 0n));
    return dt(v, tzArg(args[7] ?? kw?.get("tzinfo")));
  };
  const da = dateType.attrs;
  const dta = datetimeType.attrs;
  const fn = (name: string, f: (args: Py[], kw: Kwargs) => Py) => new PyBuiltin(name, f);
  dta.set("now", fn("now", (args, kw) => {
    return fromUtc(nowUs(), tzArg(args[0] ?? kw?.get("tz")));
  }));
  dta.set("utcnow", fn("utcnow", () => dt(nowUs(), null)));
  dta.set("today", fn("today", () => dt(nowUs(), null)));
  dta.set("fromtimestamp", fn("fromtimestamp", (args, kw) => fromTimestamp(arg("fromtimestamp", args, kw, 0, "timestamp"), tzArg(args[1] ?? kw?.get("tz")))));
  dta.set("utcfromtimestamp", fn("utcfromtimestamp", (args) => fromTimestamp(args[0], null)));
  dta.set("strptime", fn("strptime", (args) => strptime(asStr(args[0], "strptime() argument 1"), asStr(args[1], "strptime() argument 2"))));
  dta.set("fromisoformat", fn("fromisoformat", (args) => fromIso(asStr(args[0], "fromisoformat: argument"), false)));
  dta.set("combine", fn("combine", (args) => {
    const d = args[0];
    if (!isDt(d)) throw pyError(E.TypeError, "combine() argument 1 must be datetime.date");
    const t = args[1];
    const tv = t instanceof PyNative && t.type === timeType ? (t.value as { us: bigint; tz: Tz | null }) : { us: 0n, tz: null };
    return dt(floorDiv(DT(d).us, US_PER_DAY) * US_PER_DAY + tv.us, tv.tz);
  }));
  dta.set("min", dt(fromFields(1, 1, 1), null));
  dta.set("max", dt(fromFields(9999, 12, 31, 23, 59, 59, 999999), null));
  da.set("today", fn("today", () => dt(floorDiv(nowUs(), US_PER_DAY) * US_PER_DAY, null, true)));
  da.set("fromisoformat", fn("fromisoformat", (args) => fromIso(asStr(args[0], "fromisoformat: argument"), true)));
  da.set("fromtimestamp", fn("fromtimestamp", (args) => {
    const v = DT(fromTimestamp(args[0], null));
    return dt(floorDiv(v.us, US_PER_DAY) * US_PER_DAY, null, true);
  }));

  const g = (name: string, f: (d: ReturnType<typeof fields>, v: DateTime) => Py, onDatetime = false) =>
    (onDatetime ? datetimeType : dateType).getters.set(name, (s) => f(fields(DT(s)), DT(s)));
  g("year", (f) => BigInt(f.year));
  g("month", (f) => BigInt(f.month));
  g("day", (f) => BigInt(f.day));
  g("hour", (f) => BigInt(f.hour), true);
  g("minute", (f) => BigInt(f.minute), true);
  g("second", (f) => BigInt(f.second), true);
  g("microsecond", (f) => BigInt(f.microsecond), true);
  g("tzinfo", (_f, v) => (v.tz ? (v.tz.zone ? zoneInfo(v.tz.zone) : v.tz.offset === 0n && v.tz.name === null ? UTC : tz(v.tz.offset, v.tz.name)) : null), true);

  const m = dateType.methods;
  m.set("strftime", (s, args) => strftime(DT(s), asStr(args[0], "strftime() argument 1")));
  m.set("__format__", (s, args) => (args[0] ? strftime(DT(s), args[0] as string) : isoformat(DT(s), " ")));
  m.set("isoformat", (s, args, kw) => isoformat(DT(s), String(arg("isoformat", args, kw, 0, "sep", "T")), String(arg("isoformat", args, kw, 1, "timespec", "auto"))));
  m.set("__str__", (s) => isoformat(DT(s), " "));
  m.set("__repr__", (s) => dtRepr(DT(s)));
  m.set("weekday", (s) => BigInt(fields(DT(s)).weekday));
  m.set("isoweekday", (s) => BigInt(fields(DT(s)).weekday + 1));
  m.set("isocalendar", (s) => {
    const f = fields(DT(s));
    const days = daysFromCivil(f.year, f.month, f.day);
    const thursday = days - f.weekday + 3;
    const [ty] = civilFromDays(thursday);
    const week = Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
    return new PyTuple([BigInt(ty), BigInt(week), BigInt(f.weekday + 1)]);
  });
  m.set("toordinal", (s) => BigInt(daysFromCivil(fields(DT(s)).year, fields(DT(s)).month, fields(DT(s)).day) + 719163));
  m.set("timetuple", (s) => structTime(DT(s)));
  m.set("ctime", (s) => strftime(DT(s), "%c"));
  m.set("date", (s) => dt(floorDiv(DT(s).us, US_PER_DAY) * US_PER_DAY, null, true));
  m.set("time", (s) => {
    const v = DT(s);
    return new PyNative(timeType, { us: v.us - floorDiv(v.us, US_PER_DAY) * US_PER_DAY, tz: null });
  });
  m.set("timestamp", (s) => Number(utcUs(DT(s))) / 1e6);
  m.set("utcoffset", (s) => (DT(s).tz ? td(DT(s).tz!.offset) : null));
  m.set("tzname", (s) => (DT(s).tz ? tzName(DT(s).tz!) : null));
  m.set("dst", (s) => (DT(s).tz?.zone ? td(dstOf(DT(s).tz!, DT(s))) : null));
  m.set("astimezone", (s, args, kw) => {
    const v = DT(s);
    return fromUtc(utcUs(v), tzArg(args[0] ?? kw?.get("tz")) ?? { offset: 0n, name: null });
  });
  m.set("replace", (s, args, kw) => {
    const v = DT(s);
    const f = fields(v);
    const names = v.dateOnly ? ["year", "month", "day"] : ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"];
    const cur: Record<string, number> = { ...f };
    let zone = v.tz;
    names.forEach((n, i) => {
      const x = i < args.length ? args[i] : kw?.get(n);
      if (x === undefined) return;
      if (n === "tzinfo") zone = tzArg(x);
      else cur[n] = Number(asInt(x, ""));
    });
    if (kw) for (const k of kw.keys()) if (!names.includes(k)) throw pyError(E.TypeError, `'${k}' is an invalid keyword argument for replace()`);
    return dt(fromFields(cur.year, cur.month, cur.day, cur.hour, cur.minute, cur.second, cur.microsecond), zone, v.dateOnly);
  });
  m.set("__eq__", (s, [o]) => {
    if (!isDt(o) || DT(o).dateOnly !== DT(s).dateOnly) return false;
    if (!!DT(o).tz !== !!DT(s).tz) return false;
    return utcUs(DT(o)) === utcUs(DT(s));
  });
  m.set("__cmp__", (s, [o]) => {
    if (!isDt(o) || DT(o).dateOnly !== DT(s).dateOnly) throw pyError(E.TypeError, `'<' not supported between instances of '${DT(s).dateOnly ? "datetime.date" : "datetime.datetime"}' and '${typeName(o)}'`);
    checkComparable(DT(s), DT(o), "<");
    const a = utcUs(DT(s));
    const b = utcUs(DT(o));
    return a < b ? -1n : a > b ? 1n : 0n;
  });
  m.set("__+__", (s, [o]) => {
    if (!isTd(o)) return undefined as unknown as Py;
    const v = DT(s);
    const delta = v.dateOnly ? floorDiv(TD(o), US_PER_DAY) * US_PER_DAY : TD(o);
    return dt(v.us + delta, v.tz, v.dateOnly);
  });
  m.set("__r+__", (s, [o]) => {
    if (!isTd(o)) return undefined as unknown as Py;
    return dt(DT(s).us + TD(o), DT(s).tz, DT(s).dateOnly);
  });
  m.set("__-__", (s, [o]) => {
    const v = DT(s);
    if (isTd(o)) {
      const delta = v.dateOnly ? floorDiv(TD(o), US_PER_DAY) * US_PER_DAY : TD(o);
      return dt(v.us - delta, v.tz, v.dateOnly);
    }
    if (isDt(o) && DT(o).dateOnly === v.dateOnly) {
      checkComparable(v, DT(o), "-");
      // Two datetimes of the same ZoneInfo subtract as wall times, as Python does for one tzinfo.
      if (v.tz?.zone && v.tz.zone === DT(o).tz?.zone) return td(v.us - DT(o).us);
      return td(utcUs(v) - utcUs(DT(o)));
    }
    return undefined as unknown as Py;
  });

  timeType.methods.set("__str__", (s) => {
    const v = (s as PyNative<{ us: bigint }>).value;
    const f = fields({ us: v.us, tz: null, dateOnly: false });
    return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}${f.microsecond ? `.${String(f.microsecond).padStart(6, "0")}` : ""}`;
  });
  timeType.methods.set("strftime", (s, args) => strftime({ us: (s as PyNative<{ us: bigint }>).value.us, tz: null, dateOnly: false }, asStr(args[0], "format")));
  for (const n of ["hour", "minute", "second", "microsecond"] as const) {
    timeType.getters.set(n, (s) => BigInt(fields({ us: (s as PyNative<{ us: bigint }>).value.us, tz: null, dateOnly: false })[n]));
  }
  timeType.call = (args, kw) => {
    const gi = (i: number, n: string) => kwInt("time", args, kw, i, n, 0n);
    const us = fromFields(1970, 1, 1, gi(0, "hour"), gi(1, "minute"), gi(2, "second"), gi(3, "microsecond"));
    return new PyNative(timeType, { us, tz: tzArg(args[4] ?? kw?.get("tzinfo")) }, () => `\u0000time${us}`);
  };
  timeType.methods.set("__eq__", (s, [o]) => o instanceof PyNative && o.type === timeType && (o.value as { us: bigint }).us === (s as PyNative<{ us: bigint }>).value.us);
  timeType.methods.set("__cmp__", (s, [o]) => {
    const a = (s as PyNative<{ us: bigint }>).value.us;
    const b = (o as PyNative<{ us: bigint }>).value.us;
    return a < b ? -1n : a > b ? 1n : 0n;
  });
}

const timeType = new PyType("time", T.object, "datetime");

/** A ZoneInfo object for an IANA key (the datetimes that carry it resolve its offset). */
export function zoneInfo(key: string): PyNative<Tz> {
  return new PyNative<Tz>(zoneInfoType, { offset: 0n, name: null, zone: key }, () => `\u0000zone${key}`);
}

/** A zone's daylight saving at a datetime: its offset over the standard one (the smaller of January's and July's). */
function dstOf(z: Tz, d: DateTime): bigint {
  const year = fields(d).year;
  const jan = offsetAtInstant(z.zone!, Date.UTC(year, 0, 1));
  const jul = offsetAtInstant(z.zone!, Date.UTC(year, 6, 1));
  return z.offset - BigInt(Math.min(jan, jul)) * US_PER_MS;
}

/** ZoneInfo's methods take the datetime whose offset they give (None: no offset). */
function setupZoneInfo(): void {
  const keyOf = (s: Py) => (s as PyNative<Tz>).value.zone!;
  const at = (s: Py, d: Py | undefined): Tz | null => {
    if (d === undefined || d === null) return null;
    if (!isDt(d)) throw pyError(E.TypeError, `utcoffset() argument must be a datetime instance or None, not ${typeName(d)}`);
    return zoneAtWall(keyOf(s), DT(d).us);
  };
  const zm = zoneInfoType.methods;
  zm.set("__str__", (s) => keyOf(s));
  zm.set("__repr__", (s) => `zoneinfo.ZoneInfo(key=${repr(keyOf(s))})`);
  zm.set("__eq__", (s, [o]) => o instanceof PyNative && o.type === zoneInfoType && keyOf(o) === keyOf(s));
  zm.set("utcoffset", (s, [d]) => {
    const z = at(s, d);
    return z ? td(z.offset) : null;
  });
  zm.set("tzname", (s, [d]) => at(s, d)?.name ?? null);
  zm.set("dst", (s, [d]) => {
    const z = at(s, d);
    return z ? td(dstOf(z, DT(d as Py))) : null;
  });
  zoneInfoType.getters.set("key", (s) => keyOf(s));
  zoneInfoType.call = (args, kw) => {
    const key = asStr(arg("ZoneInfo", args, kw, 0, "key"), "key");
    if (!key || key.startsWith("/") || key.split("/").some((part) => part === ".." || part === ".")) {
      throw pyError(E.ValueError, `ZoneInfo keys must be normalized relative paths, got: ${key}`);
    }
    if (!knownZone(key)) throw pyError(E.ZoneInfoNotFoundError, `No time zone found with key ${key}`);
    return zoneInfo(key);
  };
}

/** The zoneinfo module: ZoneInfo over the runtime's zone data. */
export function zoneinfoModule() {
  setup();
  return makeModule(
    "zoneinfo",
    {
      available_timezones: () => {
        const out = new PySet();
        for (const key of [...Intl.supportedValuesOf("timeZone"), "UTC"]) out.add(key);
        return out;
      },
    },
    { ZoneInfo: zoneInfoType, ZoneInfoNotFoundError: E.ZoneInfoNotFoundError },
  );
}

export const structTimeType = new PyType("struct_time", T.object, "time");
export function structTime(d: DateTime): PyNative<DateTime> {
  return new PyNative(structTimeType, d);
}


export function datetimeModule() {
  setup();
  return makeModule(
    "datetime",
    {},
    { datetime: datetimeType, date: dateType, timedelta: timedeltaType, timezone: timezoneType, time: timeType, tzinfo: tzinfoType, UTC, MINYEAR: 1n, MAXYEAR: 9999n },
  );
}

export { setup as setupDatetime, fields as datetimeFields, dt as makeDatetime };
