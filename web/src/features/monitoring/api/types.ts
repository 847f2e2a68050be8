// The statistics API's shapes (src/routes/console/app-statistics.ts).

export interface Kpis {
  messages: number;
  new_conversations: number;
  interactions: number;
  message_tokens: number;
  answer_tokens: number;
  total_tokens: number;
  total_price: string;
  currency: string;
  /** Milliseconds. */
  average_latency: number | null;
  p95_latency: number | null;
  average_response_time: number | null;
  tokens_per_second: number;
  generation_tokens_per_second: number | null;
  likes: number;
  dislikes: number;
  likes_per_1k: number;
  dislikes_per_1k: number;
  errors: number;
  /** 0–1. */
  error_rate: number;
  annotation_hits: number;
  annotation_hit_rate: number;
}

export interface ModelUsage {
  provider: string;
  model: string;
  messages: number;
  total_tokens: number;
  total_price: string;
}

export interface PeriodInfo {
  start: number;
  end: number;
  timezone: string;
}

export interface AppSummary {
  period: PeriodInfo;
  totals: Kpis & { end_users: number; conversations: number };
  daily: (Kpis & { date: string; end_users: number; conversations: number; models: ModelUsage[] })[];
  models: ModelUsage[];
}

export interface WorkspaceOverview {
  period: PeriodInfo;
  totals: Kpis;
  apps: (Kpis & { id: string; name: string; mode: string; icon: string; icon_background: string })[];
  daily: { date: string; messages: number; total_tokens: number; total_price: string; errors: number; likes: number; dislikes: number }[];
}

export interface PeriodQuery {
  start: string;
  end: string;
  tz: string;
}

/** One local day of a workflow app's runs (API and WebApp). */
export interface WorkflowDay {
  date: string;
  runs: number;
  terminal_count: number;
  token_count: number;
  interactions: number;
}

export interface WorkflowSummary {
  period: { start: number; end: number; timezone: string };
  totals: { runs: number; terminal_count: number; token_count: number };
  daily: WorkflowDay[];
}
