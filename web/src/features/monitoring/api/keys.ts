// Query keys of the monitoring feature.
import type { PeriodQuery } from "./types";

export const monitoringKeys = {
  all: ["monitoring"] as const,
  summary: (appId: string, period: PeriodQuery) => ["monitoring", "app", appId, period] as const,
  workflow: (appId: string, period: PeriodQuery) => ["monitoring", "workflow", appId, period] as const,
  overview: (period: PeriodQuery) => ["monitoring", "overview", period] as const,
};
