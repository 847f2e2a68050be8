// The summary's daily rows as chart data: one datum per day, models as m0, m1… (recharts reads
// dots in a data key as a path, and model names have dots).
import type { AppSummary } from "../api/types";

export interface ModelSeries {
  key: string;
  name: string;
}

export function modelSeries(summary: AppSummary): ModelSeries[] {
  return summary.models.map((m, i) => ({ key: `m${i}`, name: m.model }));
}

/** Per day, each model's tokens or cost under its series key. */
export function perModel(summary: AppSummary, field: "total_tokens" | "total_price") {
  const index = new Map(summary.models.map((m, i) => [`${m.provider}/${m.model}`, `m${i}`]));
  return summary.daily.map((d) => {
    const datum: Record<string, string | number> = { date: d.date };
    for (const m of d.models) {
      const key = index.get(`${m.provider}/${m.model}`);
      if (key) datum[key] = Number(m[field]);
    }
    return datum;
  });
}
