// Statistics as people read them: compact counts, dollars, milliseconds, rates, short dates.
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const shortDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export const formatCount = (n: number) => (Math.abs(n) >= 10_000 ? compact.format(n) : whole.format(n));

/** "1 like", "3 likes". */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function formatPrice(value: string | number): string {
  const n = typeof value === "string" ? Number(value) : value;
  if (!n) return "$0";
  if (n < 0.01) return `$${n.toPrecision(2)}`;
  return `$${n.toFixed(2)}`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

export const formatPercent = (fraction: number) => `${(fraction * 100).toFixed(fraction && fraction < 0.01 ? 2 : 1)}%`;
export const formatDecimal = (n: number | null, digits = 1) => (n === null ? "—" : n.toFixed(digits));

/** "Mar 4" from an API date (`YYYY-MM-DD`, already the viewer's local day). */
export const formatDay = (date: string) => shortDay.format(new Date(`${date}T00:00:00Z`));
export const formatLongDay = (date: string) => longDay.format(new Date(`${date}T00:00:00Z`));
