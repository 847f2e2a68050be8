// Python sandbox: the requests module on record/replay. Request encodings and error messages were
// checked against CPython with requests 2.34; the network is a fake fetch that records its calls.
import { describe, expect, it } from "vitest";
import { createGuardedFetch } from "../../src/lib/ssrf";
import { runPython } from "../../src/workflow/sandbox/python";

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records each call and answers with `reply`. */
function fakeFetch(reply: (call: Call, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input as RequestInfo, init);
    const call = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: new TextDecoder().decode(await request.arrayBuffer()) };
    calls.push(call);
    return reply(call, init);
  }) as typeof fetch;
  return { fetch: fetcher, calls };
}

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });

describe("Python sandbox: requests", () => {
  it("refuses a response body over 10 MB as a RequestException, even without a Content-Length", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    const net = fakeFetch(() => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 11) controller.enqueue(chunk);
          else controller.close();
        },
      });
      return new Response(body);
    });
    const code = `import requests
def main():
    try:
        requests.get("https://files.example.com/big")
        return {"r": "read"}
    except requests.exceptions.RequestException as e:
        return {"r": str(e)}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({
      r: "The response from https://files.example.com/big is larger than 10 MB, the limit of Kiln's Python sandbox",
    });
  });

  it("sends a GET with params and headers and reads the response", async () => {
    const net = fakeFetch(() => json({ items: [1, 2] }));
    const code = `import requests
def main():
    r = requests.get("https://api.example.com/search", params={"q": "a b", "tag": ["x", "y"], "n": 3, "none": None, "u": "é&="}, headers={"X-Key": "k1"}, timeout=5)
    return {"status": r.status_code, "ok": r.ok, "reason": r.reason, "url": r.url, "data": r.json(), "type": r.headers["content-type"],
            "has": "Content-Type" in r.headers, "get": r.headers.get("CONTENT-TYPE"), "missing": r.headers.get("x-none", "-"),
            "text": r.text, "size": len(r.content), "encoding": r.encoding, "repr": repr(r), "truth": bool(r)}
`;
    const out = await runPython(code, {}, {}, { fetch: net.fetch });
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0].method).toBe("GET");
    expect(net.calls[0].url).toBe("https://api.example.com/search?q=a+b&tag=x&tag=y&n=3&u=%C3%A9%26%3D");
    expect(net.calls[0].headers["x-key"]).toBe("k1");
    expect(out).toEqual({
      status: 200,
      ok: true,
      reason: "OK",
      url: "https://api.example.com/search?q=a+b&tag=x&tag=y&n=3&u=%C3%A9%26%3D",
      data: { items: [1, 2] },
      type: "application/json",
      has: true,
      get: "application/json",
      missing: "-",
      text: '{"items":[1,2]}',
      size: 15,
      encoding: "utf-8",
      repr: "<Response [200]>",
      truth: true,
    });
  });

  it("sends json= as JSON and data= as a form, raw text or bytes", async () => {
    const net = fakeFetch((call) => new Response(call.body));
    const code = `import requests
def main():
    a = requests.post("https://api.example.com/items", json={"name": "中", "n": [1, 2.5], "ok": True})
    b = requests.post("https://api.example.com/items", data={"a": "1 2", "b": ["x", "y"]})
    c = requests.put("https://api.example.com/items/1", data="plain text", headers={"Content-Type": "text/plain"})
    d = requests.request("patch", "https://api.example.com/items/1", data=b"raw")
    e = requests.delete("https://api.example.com/items/1")
    return {"bodies": [a.text, b.text, c.text, d.text, e.text]}
`;
    const out = await runPython(code, {}, {}, { fetch: net.fetch });
    expect(out).toEqual({ bodies: ['{"name": "\\u4e2d", "n": [1, 2.5], "ok": true}', "a=1+2&b=x&b=y", "plain text", "raw", ""] });
    expect(net.calls.map((c) => [c.method, c.headers["content-type"] ?? null])).toEqual([
      ["POST", "application/json"],
      ["POST", "application/x-www-form-urlencoded"],
      ["PUT", "text/plain"],
      ["PATCH", null],
      ["DELETE", null],
    ]);
  });

  it("raise_for_status raises HTTPError with requests' message", async () => {
    const net = fakeFetch((call) => new Response("nope", { status: call.url.endsWith("/missing") ? 404 : 503 }));
    const code = `import requests
def main():
    out = []
    for path in ["missing", "down"]:
        r = requests.get("https://api.example.com/" + path)
        try:
            r.raise_for_status()
        except requests.HTTPError as e:
            out.append([str(e), e.response.status_code, isinstance(e, requests.exceptions.RequestException), isinstance(e, OSError), r.ok])
    return {"out": out}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({
      out: [
        ["404 Client Error: Not Found for url: https://api.example.com/missing", 404, true, true, false],
        ["503 Server Error: Service Unavailable for url: https://api.example.com/down", 503, true, true, false],
      ],
    });
  });

  it("json() on a body that is not JSON raises requests' JSONDecodeError, a ValueError", async () => {
    const net = fakeFetch(() => new Response("not json"));
    const code = `import requests, json
def main():
    r = requests.get("https://api.example.com/")
    try:
        r.json()
    except requests.exceptions.JSONDecodeError as e:
        return {"msg": str(e), "value": isinstance(e, ValueError), "json": isinstance(e, json.JSONDecodeError)}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({ msg: "Expecting value: line 1 column 1 (char 0)", value: true, json: true });
  });

  it("turns network failures and refused private addresses into ConnectionError", async () => {
    const down = fakeFetch(() => {
      throw new TypeError("Network connection lost.");
    });
    const code = `import requests
def main(url):
    try:
        requests.get(url)
    except requests.exceptions.RequestException as e:
        return {"type": type(e).__name__, "msg": str(e), "conn": isinstance(e, requests.ConnectionError)}
`;
    expect(await runPython(code, { url: "https://api.example.com/" }, {}, { fetch: down.fetch })).toEqual({
      type: "ConnectionError",
      msg: "Network connection lost.",
      conn: true,
    });
    const guarded = await runPython(code, { url: "http://169.254.169.254/latest/meta-data" }, {}, { fetch: createGuardedFetch("") });
    expect(guarded).toEqual({ type: "ConnectionError", msg: "url: private, loopback and link-local addresses are not allowed (169.254.169.254)", conn: true });
  });

  it("raises MissingSchema for a URL without a scheme and Timeout when timeout= passes", async () => {
    const hang = fakeFetch(
      (_call, init) => new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    );
    const code = `import requests
def main():
    out = []
    for url in ["example.com", "https://slow.example.com/"]:
        try:
            requests.get(url, timeout=0.05)
        except requests.exceptions.RequestException as e:
            out.append([type(e).__name__, str(e)])
    return {"out": out}
`;
    expect(await runPython(code, {}, {}, { fetch: hang.fetch })).toEqual({
      out: [
        ["MissingSchema", "Invalid URL 'example.com': No scheme supplied. Perhaps you meant https://example.com?"],
        ["Timeout", "slow.example.com: Read timed out. (read timeout=0.05)"],
      ],
    });
  });

  it("makes a second request from the first one's response", async () => {
    const net = fakeFetch((call) => (call.url.endsWith("/token") ? json({ token: "t-1" }) : json({ auth: call.headers.authorization })));
    const code = `import requests
def main():
    token = requests.post("https://api.example.com/token", json={"user": "u"}).json()["token"]
    me = requests.get("https://api.example.com/me", headers={"Authorization": "Bearer " + token}).json()
    return {"me": me}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({ me: { auth: "Bearer t-1" } });
    expect(net.calls.map((c) => c.url)).toEqual(["https://api.example.com/token", "https://api.example.com/me"]);
  });

  it("replays random, uuid and clock values taken before a request", async () => {
    const net = fakeFetch((call) => new Response(call.url));
    const code = `import requests, random, uuid, time
from datetime import datetime
def main():
    r = random.random()
    n = random.randint(1, 10**12)
    u = str(uuid.uuid4())
    t = time.time()
    d = datetime.now().isoformat()
    echo = requests.get("https://api.example.com/echo", params={"r": repr(r), "n": n, "u": u, "t": repr(t), "d": d}).text
    again = requests.get("https://api.example.com/echo", params={"r": repr(random.random())}).text
    return {"r": repr(r), "n": n, "u": u, "t": repr(t), "d": d, "echo": echo, "again": again}
`;
    const out = (await runPython(code, {}, {}, { fetch: net.fetch })) as Record<string, string>;
    expect(net.calls).toHaveLength(2);
    const sent = new URL(net.calls[0].url).searchParams;
    expect([sent.get("r"), sent.get("n"), sent.get("u"), sent.get("t"), sent.get("d")]).toEqual([out.r, String(out.n), out.u, out.t, out.d]);
    expect(out.echo).toBe(net.calls[0].url);
    expect(out.again).toBe(net.calls[1].url);
  });

  it("cannot be stopped by except Exception, a bare except or a return in finally", async () => {
    const net = fakeFetch((call) => new Response(`body of ${new URL(call.url).pathname}`));
    const code = `import requests
def c():
    try:
        return requests.get("https://api.example.com/c").text
    finally:
        return "finally"
def main():
    try:
        a = requests.get("https://api.example.com/a").text
    except Exception:
        a = "swallowed"
    try:
        b = requests.get("https://api.example.com/b").text
    except:
        b = "swallowed"
    return {"a": a, "b": b, "c": c()}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({ a: "body of /a", b: "body of /b", c: "finally" });
    expect(net.calls.map((x) => x.url)).toEqual(["https://api.example.com/a", "https://api.example.com/b", "https://api.example.com/c"]);
  });

  it("allows 20 requests in one run", async () => {
    const net = fakeFetch(() => new Response("ok"));
    const code = `import requests
def main():
    done, errors = 0, []
    for i in range(25):
        try:
            requests.get(f"https://api.example.com/{i}")
            done += 1
        except requests.RequestException as e:
            errors.append(str(e))
    return {"done": done, "errors": errors[:1], "n": len(errors)}
`;
    expect(await runPython(code, {}, {}, { fetch: net.fetch })).toEqual({
      done: 20,
      errors: ["too many requests in one code node run (the limit is 20)"],
      n: 5,
    });
    expect(net.calls).toHaveLength(20);
  });

  it("counts the steps of every replay against one time limit", async () => {
    const net = fakeFetch(() => new Response("ok"));
    // 100 000 iterations take about 200 000 of the 300 000 steps of 100 ms: once fits, twice not
    const busy = "import requests\ndef main(fetch):\n    for i in range(100000):\n        pass\n    return {'r': requests.get('https://api.example.com/').text if fetch else ''}\n";
    expect(await runPython(busy, { fetch: false }, { timeoutMs: 100 }, { fetch: net.fetch })).toEqual({ r: "" });
    await expect(runPython(busy, { fetch: true }, { timeoutMs: 100 }, { fetch: net.fetch })).rejects.toThrow("Code execution exceeded the time limit of 100 ms");
    expect(net.calls).toHaveLength(1);
  });

  it("keeps requests unavailable without a fetch, and urllib.request always", async () => {
    const code = "import requests\ndef main():\n    return {}\n";
    await expect(runPython(code, {})).rejects.toThrow(
      "ModuleNotFoundError: No module named 'requests': Kiln's Python sandbox has no network access; fetch the data with an HTTP Request node and pass it to this node (line 1)",
    );
    const net = fakeFetch(() => new Response("ok"));
    await expect(runPython("import urllib.request\ndef main():\n    return {}\n", {}, {}, { fetch: net.fetch })).rejects.toThrow(
      "ModuleNotFoundError: No module named 'urllib.request': Kiln's Python sandbox makes HTTP requests with the requests module only (line 1)",
    );
  });
});
