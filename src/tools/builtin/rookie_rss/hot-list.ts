// The rookie_rss plugin's `rookie_rss` (jaguarliuu/rookie_rss): a platform's hot list from a
// DailyHotApi server (https://github.com/imsyy/DailyHotApi), GET <server>/<platform>?limit=<n>,
// answered as the plugin's one JSON message: {status, code, articles, pagination}. As in the
// plugin, a failure answers nothing (the plugin logs it and yields no message); Kiln logs it too.
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText, tooLarge } from "../fetch-text";

/** The plugin's default server, a public DailyHotApi instance. */
export const DAILY_HOT_URL = "https://api-hot.imsyy.top/";
export const PLATFORMS = ["zhihu", "juejin", "bilibili", "acfun", "weibo", "toutiao", "36kr", "huxiu", "hellogithub"];
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface HotItem {
  id?: unknown;
  title?: unknown;
  author?: unknown;
  hot?: unknown;
  url?: unknown;
  mobileUrl?: unknown;
}

interface HotList {
  code?: unknown;
  name?: unknown;
  type?: unknown;
  updateTime?: unknown;
  total?: unknown;
  data?: HotItem[];
}

/** The plugin's answer for a DailyHotApi list. */
export function hotListMessage(list: HotList): Record<string, unknown> {
  const items = Array.isArray(list.data) ? list.data : [];
  return {
    status: "success",
    code: list.code ?? 200,
    articles: items.map((item, i) => ({
      rank: i + 1,
      id: item.id ?? null,
      title: item.title ?? null,
      author: item.author ?? null,
      hot_score: item.hot ?? null,
      links: { pc: item.url ?? null, mobile: item.mobileUrl ?? null },
      metadata: { platform: list.name ?? null, list_type: list.type ?? null, update_time: list.updateTime ?? null },
    })),
    pagination: { total: list.total ?? 0, returned: items.length },
  };
}

export async function rookieRss(ctx: TenantCtx, args: ToolArgs, { credentials, signal }: BuiltinCallOptions): Promise<ToolResult> {
  const platform = args.string("platform").replace(/^\/+|\/+$/g, "");
  const limit = Math.trunc(args.optionalNumber("result_num") ?? 10);
  try {
    // urljoin(base, "/<platform>"): the platform replaces the server URL's path.
    const url = new URL(`/${encodeURIComponent(platform)}`, credentials.daily_hot_url || DAILY_HOT_URL);
    url.searchParams.set("limit", String(limit));
    const { response, text, truncated } = await fetchText(ctx, url.toString(), { headers: { "user-agent": "Dify-RookieRssTool/1.0" }, signal }, MAX_ANSWER_BYTES);
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url.origin}`);
    if (truncated) throw tooLarge("DailyHotApi", MAX_ANSWER_BYTES);
    return { text: "", json: [hotListMessage(JSON.parse(text) as HotList)] };
  } catch (err) {
    if (signal.aborted) throw err;
    ctx.log.warn("rookie_rss failed; answering nothing, as the plugin does", { platform, error: (err as Error)?.message ?? String(err) });
    return { text: "" };
  }
}
