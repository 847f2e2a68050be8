// IANA time zones for Python's zoneinfo, from the runtime's own time zone data (Intl): the UTC
// offset a zone has at an instant or at a wall-clock time (PEP 495's fold=0 choice in a gap or an
// overlap), and its abbreviation for tzname()/%Z.
const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether `key` names a zone the runtime knows (exactly as spelled, or an alias of one). */
export function knownZone(key: string): boolean {
  if (!key || key.startsWith("/") || key.includes("..")) return false;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: key }).resolvedOptions().timeZone;
    // Zone files are found by exact name (on Linux), so another spelling of a name is not one.
    return resolved === key || resolved.toLowerCase() !== key.toLowerCase();
  } catch {
    return false;
  }
}

function wallFormat(key: string): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: key, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formats.set(key, f);
  }
  return f;
}

/** The zone's offset from UTC, in milliseconds, at the instant `utcMs`. */
export function offsetAtInstant(key: string, utcMs: number): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of wallFormat(key).formatToParts(new Date(whole))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - whole;
}

/**
 * The offset a wall-clock time has in the zone. Where the clock is set back, the time happens
 * twice: the first (the offset before the change) is taken; where it jumps forward, the time never
 * happens: the offset before the jump is taken, as Python does for fold=0.
 */
export function offsetAtWall(key: string, wallMs: number): number {
  const day = 86_400_000;
  const before = offsetAtInstant(key, wallMs - day);
  const after = offsetAtInstant(key, wallMs + day);
  if (before === after) return before;
  const fits = (o: number) => offsetAtInstant(key, wallMs - o) === o;
  if (fits(before)) return before;
  if (fits(after)) return after;
  return before;
}

// Names the runtime's locales leave as "GMT+8" where the zone database has letters.
const ABBREVIATIONS: Record<string, string> = {
  "Asia/Shanghai": "CST",
  "Asia/Chongqing": "CST",
  "Asia/Chungking": "CST",
  "Asia/Harbin": "CST",
  PRC: "CST",
  "Asia/Taipei": "CST",
  ROC: "CST",
  "Asia/Macau": "CST",
  "Asia/Macao": "CST",
  "Asia/Seoul": "KST",
  ROK: "KST",
  "Europe/Moscow": "MSK",
  "W-SU": "MSK",
  "Asia/Karachi": "PKT",
  "Asia/Kolkata": "IST",
  "Asia/Calcutta": "IST",
};
const UNIVERSAL = new Set(["UTC", "UCT", "Zulu", "Universal", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "Etc/Universal"]);
// Zones the zone database names by their offset although some locale has letters for them.
const NUMERIC = new Set(["America/Miquelon", "Asia/Dubai", "Asia/Muscat", "Asia/Colombo", "Antarctica/Casey", "Australia/Eucla", "Australia/LHI", "Australia/Lord_Howe"]);
const LOCALES = ["en-US", "en-CA", "en-GB", "en-IE", "en-AU", "en-ZA", "ja-JP", "en-HK", "en-ID"];

const nameFormats = new Map<string, Intl.DateTimeFormat>();
function nameFormat(locale: string, key: string): Intl.DateTimeFormat {
  let f = nameFormats.get(`${locale} ${key}`);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: key, timeZoneName: "short" });
    nameFormats.set(`${locale} ${key}`, f);
  }
  return f;
}

/** The zone's abbreviation at an instant (`JST`, `CEST`), else its offset as the zone database writes it (`+04`, `+0530`). */
export function abbreviationAt(key: string, utcMs: number, offsetMs: number): string {
  const fixed = ABBREVIATIONS[key];
  if (fixed) return fixed;
  const date = new Date(utcMs);
  for (const locale of NUMERIC.has(key) ? [] : LOCALES) {
    const name = nameFormat(locale, key).formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (/^[A-Za-z]+$/.test(name) && name !== "GMT" && name !== "UTC") return name;
    if ((name === "GMT" || name === "UTC") && offsetMs === 0) return UNIVERSAL.has(key) ? "UTC" : "GMT";
  }
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = minutes % 60 ? String(minutes % 60).padStart(2, "0") : "";
  return `${offsetMs < 0 ? "-" : "+"}${hh}${mm}`;
}
