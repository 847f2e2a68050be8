// Outbound fetches to user-supplied URLs go through here: private, loopback, link-local and
// metadata addresses are refused unless the host is listed in SSRF_ALLOW_HOSTS (dev only).
// Workers cannot resolve DNS before connecting, so names are judged by their literal form; every
// redirect hop is judged again.
import { Invalid } from "./errors";

const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/, /^metadata$/];

function ipv4Parts(host: string): number[] | null {
  const m = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function isPrivateIPv4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function isPrivateIPv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  const mapped = h.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) {
    const parts = ipv4Parts(mapped[1]);
    return parts ? isPrivateIPv4(parts) : true;
  }
  // IPv4-mapped in hex form (the URL parser normalises ::ffff:127.0.0.1 to ::ffff:7f00:1).
  const mappedHex = h.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (mappedHex) {
    const hi = Number.parseInt(mappedHex[1], 16);
    const lo = Number.parseInt(mappedHex[2], 16);
    return isPrivateIPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  }
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || /^ff/.test(h);
}

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.includes(":") || host.startsWith("[")) return isPrivateIPv6(host);
  const v4 = ipv4Parts(host);
  if (v4) return isPrivateIPv4(v4);
  return BLOCKED_NAMES.some((re) => re.test(host));
}

function isAllowed(url: URL, allowHosts: string): boolean {
  const list = allowHosts
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (list.includes("*")) return true;
  const host = url.hostname.toLowerCase();
  return list.includes(host) || list.includes(url.host.toLowerCase());
}

/** Throws `invalid_param` unless the URL is http(s) and public (or explicitly allowed). */
export function assertFetchableUrl(raw: string, allowHosts: string, field = "url"): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw Invalid(`${field}: not a valid URL`, [field]);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw Invalid(`${field}: only http and https URLs are allowed`, [field]);
  }
  if (url.username || url.password) throw Invalid(`${field}: credentials in URLs are not allowed`, [field]);
  if (isPrivateHost(url.hostname) && !isAllowed(url, allowHosts)) {
    throw Invalid(`${field}: private, loopback and link-local addresses are not allowed (${url.hostname})`, [field]);
  }
  return url;
}

/** fetch() for user-supplied URLs: checks the URL and every redirect hop (at most 5). */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

export function createGuardedFetch(allowHosts: string): typeof fetch {
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request = new Request(input as RequestInfo, init);
    for (let hop = 0; hop <= 5; hop++) {
      assertFetchableUrl(request.url, allowHosts);
      const response = await fetch(request, { redirect: "manual" });
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      const next = new URL(location, request.url);
      const keepBody = response.status === 307 || response.status === 308;
      const previous = new URL(request.url);
      request = new Request(next.toString(), keepBody ? request : { method: "GET", headers: request.headers, signal: request.signal });
      // Credentials are for the origin they were sent to: a redirect elsewhere does not carry them
      // (as fetch's own redirects and httpx's, which Dify's HTTP node uses, drop them).
      if (next.origin !== previous.origin) for (const name of CREDENTIAL_HEADERS) request.headers.delete(name);
    }
    throw Invalid("url: too many redirects", ["url"]);
  };
  return guarded as typeof fetch;
}
