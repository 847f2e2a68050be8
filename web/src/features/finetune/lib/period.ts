// The set builder's period choices as Unix-second bounds (end exclusive, open when null).

export const PERIODS = [
  { value: "all", label: "All time", days: null },
  { value: "1", label: "Today", days: 1 },
  { value: "7", label: "Last 7 days", days: 7 },
  { value: "28", label: "Last 4 weeks", days: 28 },
  { value: "90", label: "Last 3 months", days: 90 },
] as const;

export type PeriodValue = (typeof PERIODS)[number]["value"];

/** The period's start, counted back from now; "Today" starts at local midnight. */
export function periodStart(value: string, now = new Date()): number | null {
  const period = PERIODS.find((p) => p.value === value);
  if (!period?.days) return null;
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (period.days - 1));
  return Math.floor(start.getTime() / 1000);
}

/** Which preset a stored start matches best (the closest; all time when none is set). */
export function periodOf(start: number | null | undefined, now = new Date()): string {
  if (start == null) return "all";
  let best: string = "all";
  let distance = Number.POSITIVE_INFINITY;
  for (const p of PERIODS) {
    const s = periodStart(p.value, now);
    if (s !== null && Math.abs(s - start) < distance) {
      distance = Math.abs(s - start);
      best = p.value;
    }
  }
  return best;
}
