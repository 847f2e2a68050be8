// A fake OpenAI-compatible server on 127.0.0.1: the only fake of an outside service in Kiln's
// tests and benchmarks. It answers /v1/models, /v1/chat/completions (streaming and not) and
// /v1/embeddings deterministically, and misbehaves on demand:
// - API key `sk-invalid…` → 401; key `sk-quota…` → 429 insufficient_quota.
// - model `fake-error-<status>` → that HTTP status; `fake-hang` → never answers;
//   `fake-malformed` → a broken SSE stream (without streaming, a cut-off JSON body except
//   to a one-token probe); any model not listed → 404 model_not_found.
// - POST /__control {api_key, ttft_ms?, token_delay_ms?, reply?, fail_next?: [{status, body?}]}
//   scripts behaviour for one key; GET /__control/requests?api_key=… lists the requests it saw.
// - ANY /echo/<anything> → the request (method, path, query, headers, body) as JSON, for custom API tools.
// - GET /download/<name>?b64=…&type=…[&disposition=…] → those bytes with those headers, for the HTTP node's file answers.
// - GET /pages/<anything>[?pad=N] → a small HTML page (title, heading, link, script) for the webscraper tool.
// - GET /searxng/<any>/ → a SearXNG instance's JSON results (403 under /searxng/off/).
// - POST /wecom/cgi-bin/webhook/send → WeCom's group bot webhook (requests logged as "wecom:<key>").
// - GET /wikipedia/<lang>/w/api.php → MediaWiki's search and extracts; GET /arxiv/api/query → arXiv's Atom feed;
//   POST /duckduckgo/html/ → html.duckduckgo.com's results page; GET /<platform> (juejin, zhihu…) → a
//   DailyHotApi hot list.
// - POST /tavily/search, /tavily/extract, /tavily/map, /firecrawl/v2/{scrape,map,search} → Tavily's and Firecrawl's answers,
//   deterministic, behind the same key rules.
// - Tool calls: when a chat request offers `tools` and the last user message says
//   `use tool <name> with {json}` (several may follow each other), the answer is a `tool_calls`
//   choice calling each offered tool named with those arguments. When the last messages are tool
//   results, the answer is `Tool said: <result>` (results joined by " | "), unless the user message
//   also says `forever`: then it calls the tools again for as long as they are offered.
// - /v1/audio/transcriptions (whisper-1) → `{text: "Heard <bytes> bytes of <type>"}` (or the
//   key's scripted `transcript`); /v1/audio/speech (tts-1) → a silent MP3 that browsers can play.
// - /v1/files and /v1/fine_tuning/jobs (fake-openai-finetune.mjs): jobs that train over time,
//   scripted per key with fine_tune_step_ms, fine_tune_steps, fine_tune_fail, fine_tune_reject.
import { createServer } from "node:http";
import { createFineTuning } from "./fake-openai-finetune.mjs";

export const FAKE_MODELS = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "text-embedding-3-large", "fake-chat", "whisper-1", "tts-1"];

/**
 * `frames` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono; 26 ms each): a real MP3
 * that browsers decode and play, for /audio/speech.
 */
export function silentMp3(frames) {
  const size = 417; // 144 * 128000 / 44100, no padding
  const out = Buffer.alloc(size * frames);
  for (let i = 0; i < frames; i++) out.set([0xff, 0xfb, 0x90, 0xc4], i * size);
  return out;
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function openaiError(res, status, message, type, code) {
  sendJson(res, status, { error: { message, type, param: null, code } });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Deterministic unit vector for a text: a seeded xorshift over the text's FNV-1a hash. */
export function fakeEmbedding(text, dims = 16) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  const v = [];
  let x = h || 1;
  for (let i = 0; i < dims; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    v.push((x / 0xffffffff) * 2 - 1);
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((n) => n / norm);
}

function lastUserText(messages) {
  for (let i = (messages?.length ?? 0) - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (Array.isArray(m.content)) return m.content.filter((p) => p.type === "text").map((p) => p.text).join(" ");
  }
  return "";
}

const countTokens = (text) => Math.max(1, Math.ceil(text.length / 4));

/** The JSON object starting at `from` (balanced braces, strings respected), as text, or null. */
function jsonObjectAt(text, from) {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(from, i + 1);
  }
  return null;
}

/** The tool calls the conversation asks for (see the header), or [] for a text answer. */
function requestedToolCalls(body) {
  const offered = new Set((body.tools ?? []).map((t) => t.function?.name).filter(Boolean));
  const messages = body.messages ?? [];
  if (offered.size === 0 || messages.length === 0) return [];
  const said = lastUserText(messages);
  if (messages.at(-1).role === "tool" && !/\bforever\b/i.test(said)) return [];
  const calls = [];
  for (const m of said.matchAll(/use tool ([A-Za-z0-9_.-]+)( with )?/gi)) {
    if (!offered.has(m[1])) continue;
    const json = m[2] ? jsonObjectAt(said, m.index + m[0].length) : null;
    calls.push({ id: `call_${calls.length}_${Date.now().toString(36)}`, type: "function", function: { name: m[1], arguments: json ?? "{}" } });
  }
  return calls;
}

/** The text of the tool results that end the conversation, or null when it does not end in one. */
function trailingToolResults(messages = []) {
  const results = [];
  for (let i = messages.length - 1; i >= 0 && messages[i].role === "tool"; i--) {
    const c = messages[i].content;
    results.unshift(typeof c === "string" ? c : Array.isArray(c) ? c.map((p) => p.text ?? "").join("") : "");
  }
  return results.length ? results.join(" | ") : null;
}

/**
 * Starts the server. Options: `port` (0 = any), `ttftMs` and `tokenDelayMs` defaults, `anyModel`
 * (serve every model name, as a vendor with a large catalogue does; for scripts/check-dsl.mjs).
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startFakeOpenAI(options = {}) {
  const scripts = new Map();
  const seen = new Map();
  const defaults = { ttft_ms: options.ttftMs ?? 0, token_delay_ms: options.tokenDelayMs ?? 0 };
  const fineTuning = createFineTuning();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString("utf8");
    const contentType = req.headers["content-type"] ?? "";
    if (url.pathname === "/echo" || url.pathname.startsWith("/echo/")) {
      // Reflects the request for custom API tool tests. `__status` sets the status, `__pad=N`
      // adds N bytes, `__redirect=<url>` answers 302 there.
      if (url.searchParams.get("__redirect")) {
        res.writeHead(302, { location: url.searchParams.get("__redirect") });
        return res.end();
      }
      const pad = "x".repeat(Number(url.searchParams.get("__pad") ?? 0));
      const echo = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), url: req.url, headers: req.headers, body: raw, pad };
      return sendJson(res, Number(url.searchParams.get("__status") ?? 200), echo);
    }
    if (url.pathname === "/duckduckgo/html/" && req.method === "POST") {
      // html.duckduckgo.com's results page for the form's `q` (a form body: read before the JSON
      // parse): an ad, then three results behind DuckDuckGo's redirect links (the third repeats
      // the first); "ratelimit" answers HTTP 202.
      const q = new URLSearchParams(raw).get("q") ?? "";
      if (q === "ratelimit") {
        res.writeHead(202, { "content-type": "text/html" });
        return res.end("<html><body>Ratelimit</body></html>");
      }
      const result = (n, href) => `<div class="result results_links results_links_deep web-result "><div class="links_main links_deep result__body">
<h2 class="result__title"><a rel="nofollow" class="result__a" href="//duckduckgo.com/l/?uddg=${encodeURIComponent(href)}&amp;rut=abc${n}">${q} <b>result</b> ${n}</a></h2>
<div class="result__extras"><a class="result__url" href="//duckduckgo.com/l/?uddg=${encodeURIComponent(href)}">example.com</a></div>
<a class="result__snippet" href="//duckduckgo.com/l/?uddg=${encodeURIComponent(href)}">About <b>${q}</b> &amp; result ${n}.</a>
</div></div>`;
      const ad = `<div class="result results_links results_links_deep result--ad "><h2 class="result__title"><a rel="nofollow" class="result__a" href="https://duckduckgo.com/y.js?ad_domain=ads.example&amp;u3=x">Buy ${q}</a></h2><a class="result__snippet" href="https://duckduckgo.com/y.js?ad_domain=ads.example">Ad</a></div>`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<html><body><div id="links">${ad}${result(1, "https://example.com/one?a=1&b=2")}${result(2, "https://example.org/two")}${result(3, "https://example.com/one?a=1&b=2")}</div></body></html>`);
    }
    let body = {};
    let form = null;
    if (contentType.startsWith("multipart/form-data")) {
      try {
        form = await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData();
      } catch {
        return openaiError(res, 400, "We could not parse the multipart body of your request.", "invalid_request_error", null);
      }
      const file = form.get("file");
      body = {
        model: form.get("model") ?? undefined,
        purpose: form.get("purpose"),
        filename: typeof file === "string" ? null : file?.name,
        file_type: typeof file === "string" ? null : file?.type,
        bytes: typeof file === "string" ? 0 : file?.size,
      };
    } else if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return openaiError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
      }
    }

    if (url.pathname === "/__control" && req.method === "POST") {
      scripts.set(body.api_key, { ...scripts.get(body.api_key), ...body, fail_next: [...(body.fail_next ?? [])] });
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === "/__control/requests") {
      return sendJson(res, 200, { data: seen.get(url.searchParams.get("api_key")) ?? [] });
    }
    if (url.pathname.startsWith("/download/") && req.method === "GET") {
      // Bytes with the headers asked for: `?b64=` the body, `?type=` its Content-Type, `?disposition=` a Content-Disposition.
      const headers = { "content-type": url.searchParams.get("type") ?? "application/octet-stream" };
      if (url.searchParams.has("disposition")) headers["content-disposition"] = url.searchParams.get("disposition");
      res.writeHead(200, headers);
      return res.end(Buffer.from(url.searchParams.get("b64") ?? "", "base64"));
    }
    if (url.pathname.startsWith("/pages/") && req.method === "GET") {
      // A web page for the webscraper tool; `?pad=N` adds N bytes of text to test the size cap.
      const pad = "lorem ipsum ".repeat(Math.ceil(Number(url.searchParams.get("pad") ?? 0) / 12));
      const html = `<!doctype html><html><head><title>Kiln test page</title><script>var hidden = "script text";</script></head><body><h1>Welcome to Kiln</h1><p>Read the <a href="/pages/docs?a=1&amp;b=2">documentation</a> first.</p><p>${pad}</p></body></html>`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(html);
    }

    if (url.pathname === "/wecom/cgi-bin/webhook/send" && req.method === "POST") {
      // WeCom's group bot webhook: logged under "wecom:<key>"; the all-zero key is WeCom's
      // refusal (HTTP 200 with an error code, as WeCom answers).
      const hook = url.searchParams.get("key") ?? "";
      seen.set(`wecom:${hook}`, [...(seen.get(`wecom:${hook}`) ?? []), { method: req.method, path: url.pathname, body }]);
      if (/^0{8}-/.test(hook)) return sendJson(res, 200, { errcode: 93000, errmsg: "invalid webhook url" });
      return sendJson(res, 200, { errcode: 0, errmsg: "ok" });
    }
    const wiki = /^\/wikipedia\/([^/]+)\/w\/api\.php$/.exec(url.pathname);
    if (wiki && req.method === "GET") {
      // MediaWiki's API of the <lang> Wikipedia: a search finds "<q>", "<q> (disambiguation)" and
      // "<q> history" ("nothing": none; "fail": HTTP 503); extracts come back in reverse order, a
      // disambiguation page marked as one, as MediaWiki answers.
      const lang = wiki[1];
      const p = url.searchParams;
      if (p.get("list") === "search") {
        const q = p.get("srsearch") ?? "";
        if (q === "fail") return sendJson(res, 503, { error: { code: "maxlag", info: "Waiting for a database server" } });
        const titles = q === "nothing" ? [] : [q, `${q} (disambiguation)`, `${q} history`].slice(0, Number(p.get("srlimit") ?? 10));
        return sendJson(res, 200, { batchcomplete: true, query: { search: titles.map((title, i) => ({ ns: 0, title, pageid: i + 1 })) } });
      }
      const pages = (p.get("titles") ?? "").split("|").map((title, i) =>
        title.includes("(disambiguation)")
          ? { pageid: 100 + i, ns: 0, title, extract: `${title} may refer to:`, pageprops: { disambiguation: "" } }
          : { pageid: 100 + i, ns: 0, title, extract: `${title} is an article of the ${lang} Wikipedia.\nIts lead has two lines.` },
      );
      return sendJson(res, 200, { batchcomplete: true, query: { pages: pages.reverse() } });
    }
    const hot = /^\/(zhihu|juejin|bilibili|acfun|weibo|toutiao|36kr|huxiu|hellogithub)$/.exec(url.pathname);
    if (hot && req.method === "GET") {
      // A DailyHotApi server: a platform's hot list, `limit` entries (bilibili answers 500).
      if (hot[1] === "bilibili") return sendJson(res, 500, { code: 500, message: "upstream failed" });
      const limit = Number(url.searchParams.get("limit") ?? 10);
      const data = Array.from({ length: limit }, (_, i) => ({
        id: `${hot[1]}-${i + 1}`,
        title: `Hot ${i + 1} on ${hot[1]}`,
        author: i === 0 ? "Ada" : undefined,
        hot: 1000 - i,
        url: `https://${hot[1]}.example/p/${i + 1}`,
        mobileUrl: `https://m.${hot[1]}.example/p/${i + 1}`,
      }));
      return sendJson(res, 200, { code: 200, name: hot[1], title: hot[1], type: "热榜", total: 50, updateTime: "2026-11-29T08:00:00.000Z", fromCache: false, data });
    }
    if (url.pathname === "/arxiv/api/query" && req.method === "GET") {
      // arXiv's API: an Atom feed of two papers for any query ("nothing": none; "down": HTTP 503).
      const q = url.searchParams.get("search_query") ?? "";
      if (q === "down") {
        res.writeHead(503, { "content-type": "text/plain" });
        return res.end("Service Unavailable");
      }
      const entry = (n) => `<entry><id>http://arxiv.org/abs/2401.0000${n}v1</id><updated>2024-0${n}-1${n}T10:00:00Z</updated><published>2024-01-01T00:00:00Z</published>
    <title>Paper ${n} on
      ${q} &amp; more</title>
    <summary>  Abstract ${n} of ${q}.
Second line.</summary>
    <author><name>Ada Lovelace</name></author><author><name>Alan Turing</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Bletchley</arxiv:affiliation></author>
    <link href="http://arxiv.org/abs/2401.0000${n}v1" rel="alternate" type="text/html"/></entry>`;
      const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">ArXiv Query: search_query=${q}</title><updated>2024-06-01T00:00:00-04:00</updated>
${q === "nothing" ? "" : `${entry(1)}\n${entry(2)}`}</feed>`;
      res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8" });
      return res.end(feed);
    }
    if (url.pathname.startsWith("/searxng/") && req.method === "GET") {
      // A SearXNG instance: `format=json` results for `q` (none for "nothing"), each carrying the
      // categories and time_range it was asked for. One under /searxng/off/ has the JSON format
      // turned off, and answers 403 as SearXNG does.
      if (url.pathname.startsWith("/searxng/off/") || url.searchParams.get("format") !== "json") {
        res.writeHead(403, { "content-type": "text/html" });
        return res.end("<h1>403 Forbidden</h1>");
      }
      const q = url.searchParams.get("q") ?? "";
      const results = q === "nothing" ? [] : [1, 2].map((n) => ({
        title: `${q} ${n}`,
        url: `https://example.com/${n}`,
        content: `Result ${n} about ${q}.`,
        engine: "fake",
        category: url.searchParams.get("categories"),
        time_range: url.searchParams.get("time_range"),
      }));
      return sendJson(res, 200, { query: q, number_of_results: results.length, results });
    }

    const key = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const list = seen.get(key) ?? [];
    list.push({ method: req.method, path: url.pathname, body });
    seen.set(key, list.slice(-100));
    const script = { ...defaults, ...scripts.get(key) };

    if (!key) return openaiError(res, 401, "You didn't provide an API key.", "invalid_request_error", null);
    if (key.startsWith("sk-invalid")) {
      return openaiError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    if (key.startsWith("sk-quota")) {
      return openaiError(res, 429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota");
    }
    const failure = script.fail_next?.shift();
    if (failure) {
      if (failure.delay_ms) await sleep(failure.delay_ms);
      return sendJson(res, failure.status, failure.body ?? { error: { message: `scripted ${failure.status}`, type: "server_error" } });
    }

    if (url.pathname === "/tavily/search" && req.method === "POST") {
      // Tavily's search, deterministic: two results about the query (none for "nothing").
      const results = body.query === "nothing" ? [] : [1, 2].slice(0, body.max_results ?? 5).map((n) => ({
        title: `${body.query} ${n}`,
        url: `https://example.com/${n}`,
        content: `Result ${n} about ${body.query}.`,
        score: n === 1 ? 0.91 : 0.5,
        raw_content: body.include_raw_content ? `Raw page ${n}` : null,
        ...(body.topic === "news" ? { published_date: "2026-11-01" } : {}),
      }));
      const images = body.include_images ? [{ url: "https://example.com/a.png", description: "A chart" }] : [];
      return sendJson(res, 200, { query: body.query, answer: body.include_answer ? `In short: ${body.query}.` : null, images, results, response_time: 0.42 });
    }
    if (url.pathname === "/firecrawl/v2/scrape" && req.method === "POST") {
      // Firecrawl's scrape: the page as Markdown, or Firecrawl's error for a URL containing "fail".
      if (String(body.url).includes("fail")) return sendJson(res, 500, { success: false, code: "SCRAPE_FAILED", error: "All scraping engines failed" });
      return sendJson(res, 200, {
        success: true,
        data: { markdown: `# Page at ${body.url}\n\nHello from the fake Firecrawl.`, metadata: { title: "Fake page", sourceURL: body.url, statusCode: 200 } },
      });
    }
    if (url.pathname === "/tavily/map" && req.method === "POST") {
      // Tavily's map: three pages under the root (none for a root containing "empty"), the limit honoured.
      const root = String(body.url ?? "").replace(/\/+$/, "");
      const results = root.includes("empty") ? [] : ["", "/docs", "/blog"].map((p) => `${root}${p}`).slice(0, body.limit ?? 50);
      return sendJson(res, 200, { base_url: root, results, response_time: 0.8 });
    }
    if (url.pathname === "/firecrawl/v2/map" && req.method === "POST") {
      // Firecrawl's map: two links under the URL.
      const root = String(body.url ?? "").replace(/\/+$/, "");
      return sendJson(res, 200, { success: true, links: [{ url: `${root}/a`, title: "A" }, { url: `${root}/b`, title: "B" }].slice(0, body.limit ?? 5000) });
    }
    if (url.pathname === "/firecrawl/v2/search" && req.method === "POST") {
      // Firecrawl's search: web results about the query, with Markdown when scraping was asked for.
      const scrape = (body.scrapeOptions?.formats ?? []).some((f) => f.type === "markdown");
      const web = [1, 2].slice(0, body.limit ?? 10).map((n) => ({
        url: `https://example.com/${n}`,
        title: `${body.query} ${n}`,
        description: `Result ${n} about ${body.query}.`,
        ...(scrape ? { markdown: `# ${body.query} ${n}` } : {}),
      }));
      return sendJson(res, 200, { success: true, data: { web } });
    }
    if (url.pathname === "/tavily/extract" && req.method === "POST") {
      // Tavily's extract: URLs containing "fail" fail, the others answer their own text.
      const urls = body.urls ?? [];
      return sendJson(res, 200, {
        results: urls.filter((u) => !u.includes("fail")).map((u) => ({ url: u, raw_content: `Content of ${u}`, images: [] })),
        failed_results: urls.filter((u) => u.includes("fail")).map((u) => ({ url: u, error: "Failed to fetch url" })),
        response_time: 0.1,
      });
    }

    const path = url.pathname.replace(/^\/v1/, "");
    if (path === "/models" && req.method === "GET") {
      const ids = [...FAKE_MODELS, ...fineTuning.modelsOf(key)];
      return sendJson(res, 200, {
        object: "list",
        data: ids.map((id) => ({ id, object: "model", created: 1700000000, owned_by: id.startsWith("ft:") ? "org-fake" : "fake" })),
      });
    }
    if (path.startsWith("/files") || path.startsWith("/fine_tuning/")) {
      const answer = await fineTuning
        .handle({ method: req.method, path, key, script, body, form, headers: req.headers, query: url.searchParams })
        .catch((e) => ({ status: 500, body: { error: { message: String(e?.message ?? e), type: "server_error" } } }));
      if (answer) return sendJson(res, answer.status, answer.body);
    }

    const model = String(body.model ?? "");
    const forced = model.match(/^fake-error-(\d{3})$/);
    if (forced) return openaiError(res, Number(forced[1]), `forced ${forced[1]}`, "server_error", null);
    if (model === "fake-hang") return; // never answers; the caller must time out or abort
    if (!options.anyModel && model !== "fake-malformed" && !FAKE_MODELS.includes(model) && !fineTuning.servesModel(key, model)) {
      return openaiError(res, 404, `The model \`${model}\` does not exist.`, "invalid_request_error", "model_not_found");
    }

    if (path === "/embeddings" && req.method === "POST") {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      const dims = body.dimensions ?? 16;
      return sendJson(res, 200, {
        object: "list",
        model,
        data: inputs.map((text, index) => ({ object: "embedding", index, embedding: fakeEmbedding(String(text), dims) })),
        usage: { prompt_tokens: inputs.reduce((n, t) => n + countTokens(String(t)), 0), total_tokens: 0 },
      });
    }

    if (path === "/audio/transcriptions" && req.method === "POST") {
      if (!body.bytes) return openaiError(res, 400, "Audio file is empty or missing.", "invalid_request_error", null);
      return sendJson(res, 200, { text: script.transcript ?? `Heard ${body.bytes} bytes of ${body.file_type || "audio"}` });
    }
    if (path === "/audio/speech" && req.method === "POST") {
      if (typeof body.input !== "string" || !body.input) return openaiError(res, 400, "input is required.", "invalid_request_error", null);
      // About one frame per character, capped at 4 s of audio.
      const mp3 = silentMp3(Math.min(150, 10 + body.input.length));
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": mp3.length });
      return res.end(mp3);
    }

    if (path === "/chat/completions" && req.method === "POST") {
      const prompt = (body.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
      const toolCalls = requestedToolCalls(body);
      if (toolCalls.length) return answerToolCalls(res, body, model, toolCalls, prompt);
      const toolResults = trailingToolResults(body.messages);
      const reply = toolResults !== null ? `Tool said: ${toolResults}` : (script.reply ?? `Echo: ${lastUserText(body.messages)}`);
      let words = reply.match(/\S+\s*/g) ?? [""];
      // A long quoted tool result streams in at most 50 pieces, so it is not thousands of frames.
      if (toolResults !== null && words.length > 50) {
        const size = Math.ceil(words.length / 50);
        words = Array.from({ length: Math.ceil(words.length / size) }, (_, i) => words.slice(i * size, (i + 1) * size).join(""));
      }
      const maxTokens = body.max_tokens ?? body.max_completion_tokens;
      const pieces = maxTokens ? words.slice(0, maxTokens) : words;
      const usage = { prompt_tokens: countTokens(prompt), completion_tokens: pieces.length, total_tokens: countTokens(prompt) + pieces.length };
      const id = `chatcmpl-${Date.now().toString(36)}`;
      const created = Math.floor(Date.now() / 1000);
      const finish = maxTokens && words.length > maxTokens ? "length" : "stop";
      if (script.ttft_ms) await sleep(script.ttft_ms);
      if (!body.stream) {
        // Kiln's one-token credentials probe still gets a good answer, so the provider can be added.
        if (model === "fake-malformed" && (body.max_tokens ?? body.max_completion_tokens) !== 1) {
          res.writeHead(200, { "content-type": "application/json" });
          return res.end('{"id": "broken", "choices": [');
        }
        return sendJson(res, 200, {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message: { role: "assistant", content: pieces.join("") }, finish_reason: finish }],
          usage,
        });
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const frame = (delta, finish_reason = null) =>
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason }] })}\n\n`;
      if (model === "fake-malformed") {
        res.write(frame({ role: "assistant", content: "" }));
        res.write("data: {not json\n\n");
        return res.end();
      }
      res.write(frame({ role: "assistant", content: "" }));
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0 && script.token_delay_ms) await sleep(script.token_delay_ms);
        if (res.destroyed) return;
        res.write(frame({ content: pieces[i] }));
      }
      res.write(frame({}, finish));
      if (body.stream_options?.include_usage) {
        res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`);
      }
      res.write("data: [DONE]\n\n");
      return res.end();
    }

    openaiError(res, 404, `Unknown path ${url.pathname}`, "invalid_request_error", null);
  });

  function answerToolCalls(res, body, model, toolCalls, prompt) {
    const id = `chatcmpl-${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);
    const out = toolCalls.reduce((n, c) => n + countTokens(c.function.arguments), 0);
    const usage = { prompt_tokens: countTokens(prompt), completion_tokens: out, total_tokens: countTokens(prompt) + out };
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: toolCalls }, finish_reason: "tool_calls" }],
        usage,
      });
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const frame = (delta, finish_reason = null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason }] })}\n\n`;
    res.write(frame({ role: "assistant", content: null }));
    toolCalls.forEach((c, index) => {
      res.write(frame({ tool_calls: [{ index, id: c.id, type: "function", function: { name: c.function.name, arguments: "" } }] }));
      res.write(frame({ tool_calls: [{ index, function: { arguments: c.function.arguments } }] }));
    });
    res.write(frame({}, "tool_calls"));
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`);
    }
    res.write("data: [DONE]\n\n");
    res.end();
  }

  await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
