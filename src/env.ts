// The Worker's bindings and its configuration, validated once per isolate.
import { z } from "zod";

export interface Bindings {
  DB: D1Database;
  FILES: R2Bucket;
  INGEST_QUEUE: Queue;
  FINETUNE_QUEUE: Queue;
  /** Workflow runs a webhook call or a schedule starts (workflow/triggers.ts). */
  WORKFLOW_QUEUE: Queue;
  /** The dashboard's assets-only Worker (web/wrangler.toml); absent in tests. */
  DASHBOARD?: Fetcher;
  VECTORS?: VectorizeIndex;
  AI?: Ai;
  APP_SECRET?: string;
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  INIT_PASSWORD?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODELS?: string;
  OPENAI_EMBEDDING_MODELS?: string;
  /** Speech-to-text and text-to-speech models of the operator's endpoint (comma-separated). */
  OPENAI_STT_MODELS?: string;
  OPENAI_TTS_MODELS?: string;
  SSRF_ALLOW_HOSTS?: string;
  PROVIDER_TIMEOUT_MS?: string;
  RATE_LIMIT_PER_API_KEY?: string;
  RATE_LIMIT_PER_END_USER?: string;
  ENVIRONMENT?: string;
  UPLOAD_FILE_SIZE_LIMIT_MB?: string;
  HUMAN_INPUT_GLOBAL_TIMEOUT_SECONDS?: string;
  /** Base URL for raw GitHub files (webhook push adapter); default https://raw.githubusercontent.com. For tests and GitHub Enterprise. */
  GITHUB_RAW_BASE_URL?: string;
  /** The jina_reader tool's Reader endpoint; default https://r.jina.ai/. For tests and proxies. */
  JINA_READER_URL?: string;
  /** The operator's Jina key for jina_reader (sent as Bearer); without it Jina's anonymous rate limit applies. */
  JINA_API_KEY?: string;
  /** Tavily's API for the tavily tools; default https://api.tavily.com. For tests and proxies. */
  TAVILY_API_URL?: string;
  /** WeCom's webhook API for the wecom tool; default https://qyapi.weixin.qq.com. For tests and proxies. */
  WECOM_API_URL?: string;
  /** MediaWiki's API for the wikipedia tool, `{lang}` standing for the language; default https://{lang}.wikipedia.org/w/api.php. For tests and proxies. */
  WIKIPEDIA_API_URL?: string;
  /** arXiv's API for the arxiv tool; default https://export.arxiv.org/api/query. For tests and proxies. */
  ARXIV_API_URL?: string;
  /** DuckDuckGo's HTML search page for the duckduckgo tool; default https://html.duckduckgo.com/html/. For tests and proxies. */
  DUCKDUCKGO_HTML_URL?: string;
}

const configSchema = z.object({
  APP_SECRET: z
    .string({ error: "APP_SECRET is not set: add it to .dev.vars locally or `wrangler secret put APP_SECRET`" })
    .min(32, "APP_SECRET must be at least 32 characters"),
  INIT_PASSWORD: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODELS: z.string().optional(),
  OPENAI_EMBEDDING_MODELS: z.string().optional(),
  OPENAI_STT_MODELS: z.string().optional(),
  OPENAI_TTS_MODELS: z.string().optional(),
  SSRF_ALLOW_HOSTS: z.string().default(""),
  /** How long a model call may take before it fails with completion_request_error. */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Service API requests per minute per API key / per end user (defaults in middleware/rate-limit). */
  RATE_LIMIT_PER_API_KEY: z.coerce.number().int().positive().optional(),
  RATE_LIMIT_PER_END_USER: z.coerce.number().int().positive().optional(),
  ENVIRONMENT: z.string().default("production"),
  /** Largest knowledge document accepted, in MB (Dify's UPLOAD_FILE_SIZE_LIMIT). */
  UPLOAD_FILE_SIZE_LIMIT_MB: z.coerce.number().positive().default(15),
  /**
   * Dify's HUMAN_INPUT_GLOBAL_TIMEOUT_SECONDS: a run still waiting on a Human Input form this long
   * after the form was made is stopped, whatever the form's own timeout (0 or less: never).
   */
  HUMAN_INPUT_GLOBAL_TIMEOUT_SECONDS: z.coerce.number().int().default(7 * 24 * 3600),
});

export type Config = z.infer<typeof configSchema>;

let cached: { source: Bindings; config: Config } | undefined;

export function loadConfig(env: Bindings): Config {
  if (cached?.source === env) return cached.config;
  const parsed = configSchema.safeParse({
    ...env,
    OPENAI_BASE_URL: env.OPENAI_BASE_URL || undefined,
    OPENAI_API_KEY: env.OPENAI_API_KEY || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  cached = { source: env, config: parsed.data };
  return parsed.data;
}

export const VERSION = "0.1.0";
