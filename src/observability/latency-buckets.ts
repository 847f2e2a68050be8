// The latency histogram's buckets (seconds, log-spaced: each bound 1.2–1.33× the one before), so a
// p95 can be read from roll-ups instead of sorting messages. Bucket i holds latencies below
// LATENCY_BOUNDS[i] and at or above the bound before it; the last bucket holds everything slower.
// Kept free of imports: the benchmark loads this module's SQL outside the Worker.
export const LATENCY_BOUNDS = [
  0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08,
  0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8,
  1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8,
  10, 12.5, 15, 20, 25, 30, 40, 50, 60, 80,
  100, 125, 150, 200, 250, 300, 400, 500, 600, 800,
] as const;

export const LATENCY_BUCKETS = LATENCY_BOUNDS.length + 1;

/** The column of bucket `i` in `app_hourly_stats`. */
export const latencyColumn = (i: number) => `lat_${i}`;

export function latencyBucket(seconds: number): number {
  for (let i = 0; i < LATENCY_BOUNDS.length; i++) if (seconds < LATENCY_BOUNDS[i]) return i;
  return LATENCY_BOUNDS.length;
}

/** The same bucketing as `latencyBucket`, as an SQL expression over `column`. */
export function latencyBucketSql(column: string): string {
  const whens = LATENCY_BOUNDS.map((bound, i) => `WHEN ${column} < ${bound} THEN ${i}`).join(" ");
  return `CASE ${whens} ELSE ${LATENCY_BOUNDS.length} END`;
}

/**
 * The `q` quantile (0–1) of a histogram, interpolated log-linearly inside its bucket (linearly
 * in the first, which starts at 0); the open last bucket answers its lower bound. Seconds.
 */
export function latencyQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0 || seen + counts[i] < rank) {
      seen += counts[i];
      continue;
    }
    const f = (rank - seen) / counts[i];
    if (i === LATENCY_BOUNDS.length) return LATENCY_BOUNDS[i - 1];
    const upper = LATENCY_BOUNDS[i];
    if (i === 0) return upper * f;
    const lower = LATENCY_BOUNDS[i - 1];
    return lower * (upper / lower) ** f;
  }
  return LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1];
}
