import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REFRESH_GRACE_MS, refreshSession } from "../../src/auth/sessions";
import { createCtx } from "../../src/context";
import { call, callJson, ensureOwner, joinByInvite, login, PASSWORD, uniqueEmail } from "../support/console";

async function member(role = "normal") {
  const owner = await ensureOwner();
  const ws = await callJson("GET", "/console/api/workspaces/current", { token: owner.token });
  const email = uniqueEmail(role);
  const token = await joinByInvite(owner.token, ws.body.id, email, role);
  return { email, token, workspaceId: ws.body.id as string, ownerToken: owner.token };
}

async function sha256(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair.indexOf("=");
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

describe("setup", () => {
  it("creates the owner once and then refuses a second setup with 403 already_setup", async () => {
    await ensureOwner();
    const status = await callJson("GET", "/console/api/setup");
    expect(status.body).toEqual({ step: "finished", setup_at: expect.any(Number) });
    const again = await callJson("POST", "/console/api/setup", {
      body: { email: "intruder@example.com", name: "Mallory", password: PASSWORD },
    });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe("already_setup");
    const intruder = await callJson("POST", "/console/api/login", {
      body: { email: "intruder@example.com", password: PASSWORD },
    });
    expect(intruder.status).toBe(401);
  });

  it("rejects a weak password with the failing field named", async () => {
    const r = await callJson("POST", "/console/api/setup", { body: { email: "a@example.com", name: "A", password: "short" } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "invalid_param", status: 400, params: ["password"] });
  });
});

describe("login", () => {
  it("returns tokens in the body and sets HttpOnly session cookies", async () => {
    const { email } = await member();
    const res = await call("POST", "/console/api/login", { body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body).toEqual({ result: "success", data: { access_token: expect.any(String), refresh_token: expect.any(String) } });
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith("access_token="))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith("refresh_token="))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith("csrf_token="))).not.toMatch(/HttpOnly/);
  });

  it("accepts the base64-encoded password Dify's console client sends", async () => {
    const { email } = await member();
    const r = await callJson("POST", "/console/api/login", { body: { email, password: btoa(PASSWORD) } });
    expect(r.status).toBe(200);
  });

  it("answers 401 to a wrong password and 429 with Retry-After on the sixth failure in 10 minutes", async () => {
    const { email } = await member();
    for (let i = 0; i < 5; i++) {
      const r = await callJson("POST", "/console/api/login", { body: { email, password: `wrong-pass-${i}` } });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("authentication_failed");
    }
    const sixth = await callJson("POST", "/console/api/login", { body: { email, password: "wrong-pass-6" } });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("too_many_requests");
    const retryAfter = Number(sixth.res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Even the right password waits until the window has passed.
    const right = await callJson("POST", "/console/api/login", { body: { email, password: PASSWORD } });
    expect(right.status).toBe(429);
  });

  it("rejects malformed JSON, wrong types and unknown fields with 400 and field paths", async () => {
    const malformed = await callJson("POST", "/console/api/login", { rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: "invalid_param", status: 400 });
    const wrongType = await callJson("POST", "/console/api/login", { body: { email: 42, password: PASSWORD } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.params).toContain("email");
    const unknown = await callJson("POST", "/console/api/login", {
      body: { email: "x@example.com", password: PASSWORD, is_admin: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/is_admin/);
  });
});

describe("sessions", () => {
  it("refuses a missing, forged or expired access token with 401", async () => {
    const { token, email } = await member();
    expect((await call("GET", "/console/api/account/profile")).status).toBe(401);
    expect((await call("GET", "/console/api/account/profile", { token: "kat-forged" })).status).toBe(401);
    const fresh = await login(email);
    await env.DB.prepare("UPDATE sessions SET access_expires_at = 0 WHERE access_hash = ?")
      .bind(await sha256(fresh))
      .run();
    const expired = await callJson("GET", "/console/api/account/profile", { token: fresh });
    expect(expired.status).toBe(401);
    expect(expired.res.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await call("GET", "/console/api/account/profile", { token })).status).toBe(200);
  });

  it("works from cookies, but a cookie-authenticated write needs the CSRF header", async () => {
    const { email } = await member();
    const res = await call("POST", "/console/api/login", { body: { email, password: PASSWORD } });
    const jar = cookiesOf(res);
    const cookie = Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    const profile = await callJson("GET", "/console/api/account/profile", { headers: { cookie } });
    expect(profile.status).toBe(200);
    expect(profile.body.email).toBe(email);
    const noCsrf = await call("POST", "/console/api/account/profile", { headers: { cookie }, body: { name: "New" } });
    expect(noCsrf.status).toBe(401);
    const withCsrf = await callJson("POST", "/console/api/account/profile", {
      headers: { cookie, "x-csrf-token": jar.csrf_token },
      body: { name: "New" },
    });
    expect(withCsrf.status).toBe(200);
    expect(withCsrf.body.name).toBe("New");
  });

  it("rotates tokens on refresh: the old pair stops working, the replaced refresh token only briefly", async () => {
    const { email } = await member();
    const first = await callJson("POST", "/console/api/login", { body: { email, password: PASSWORD } });
    const refreshed = await callJson("POST", "/console/api/refresh-token", {
      body: { refresh_token: first.body.data.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect((await call("GET", "/console/api/account/profile", { token: refreshed.body.data.access_token })).status).toBe(200);
    expect((await call("GET", "/console/api/account/profile", { token: first.body.data.access_token })).status).toBe(401);
    // A browser whose refresh answer was lost presents the replaced token within the grace window:
    // it is rotated again, and from then on neither of the older refresh tokens is honoured twice.
    const lost = await callJson("POST", "/console/api/refresh-token", {
      body: { refresh_token: first.body.data.refresh_token },
    });
    expect(lost.status).toBe(200);
    expect((await call("GET", "/console/api/account/profile", { token: refreshed.body.data.access_token })).status).toBe(401);
    expect((await call("GET", "/console/api/account/profile", { token: lost.body.data.access_token })).status).toBe(200);
    const replay = await callJson("POST", "/console/api/refresh-token", {
      body: { refresh_token: first.body.data.refresh_token },
    });
    expect(replay.status).toBe(401);

    // After the grace window the replaced token is refused.
    const ctx = createCtx(env);
    const later = { ...ctx, now: () => Date.now() + REFRESH_GRACE_MS + 1000 };
    await expect(refreshSession(later, refreshed.body.data.refresh_token)).rejects.toMatchObject({ status: 401 });
    expect((await refreshSession(later, lost.body.data.refresh_token)).refreshToken).toMatch(/^krt-/);
  });

  it("signs out, lists sessions and revokes another of your own sessions", async () => {
    const { email } = await member();
    const a = await login(email);
    const b = await login(email);
    const list = await callJson("GET", "/console/api/account/sessions", { token: a });
    expect(list.body.data.length).toBeGreaterThanOrEqual(2);
    expect(list.body.data.filter((s: any) => s.current)).toHaveLength(1);
    const other = list.body.data.find((s: any) => !s.current);
    expect((await call("DELETE", `/console/api/account/sessions/${other.id}`, { token: a })).status).toBe(204);
    const stillA = await call("GET", "/console/api/account/profile", { token: a });
    const stillB = await call("GET", "/console/api/account/profile", { token: b });
    expect([stillA.status, stillB.status].sort()).toEqual([200, 401]);
    expect((await callJson("POST", "/console/api/logout", { token: a })).status).toBe(200);
    expect((await call("GET", "/console/api/account/profile", { token: a })).status).toBe(401);
  });

  it("does not let one account revoke another account's session", async () => {
    const x = await member();
    const y = await member();
    const ySessions = await callJson("GET", "/console/api/account/sessions", { token: y.token });
    const r = await callJson("DELETE", `/console/api/account/sessions/${ySessions.body.data[0].id}`, { token: x.token });
    expect(r.status).toBe(404);
    expect((await call("GET", "/console/api/account/profile", { token: y.token })).status).toBe(200);
  });
});

describe("invitations", () => {
  async function invite(role = "editor") {
    const owner = await ensureOwner();
    const email = uniqueEmail("invitee");
    const inv = await callJson("POST", "/console/api/workspaces/current/members/invite-email", {
      token: owner.token,
      body: { emails: [email], role },
    });
    expect(inv.status).toBe(201);
    const token = new URL(inv.body.invitation_results[0].url).searchParams.get("token")!;
    return { owner, email, token };
  }

  it("is single-use", async () => {
    const { token, email } = await invite();
    const check = await callJson("GET", `/console/api/activate/check?token=${token}`);
    expect(check.body).toMatchObject({ is_valid: true, data: { email, role: "editor", account_exists: false } });
    const first = await callJson("POST", "/console/api/activate", { body: { token, name: "Ed", password: PASSWORD } });
    expect(first.status).toBe(200);
    const second = await callJson("POST", "/console/api/activate", { body: { token, name: "Ed", password: PASSWORD } });
    expect(second.status).toBe(400);
    expect((await callJson("GET", `/console/api/activate/check?token=${token}`)).body.is_valid).toBe(false);
  });

  it("expires", async () => {
    const { token, email } = await invite();
    await env.DB.prepare("UPDATE invitations SET expires_at = 1 WHERE email = ?").bind(email).run();
    expect((await callJson("GET", `/console/api/activate/check?token=${token}`)).body.is_valid).toBe(false);
    const r = await callJson("POST", "/console/api/activate", { body: { token, name: "Late", password: PASSWORD } });
    expect(r.status).toBe(400);
  });

  it("adds an existing account only with that account's password", async () => {
    const existing = await member("normal");
    const owner2 = await callJson("POST", "/console/api/workspaces", { token: existing.ownerToken, body: { name: "Second" } });
    await callJson("POST", "/console/api/workspaces/switch", { token: existing.ownerToken, body: { tenant_id: owner2.body.id } });
    const inv = await callJson("POST", "/console/api/workspaces/current/members/invite-email", {
      token: existing.ownerToken,
      body: { emails: [existing.email], role: "editor" },
    });
    const token = new URL(inv.body.invitation_results[0].url).searchParams.get("token")!;
    expect((await callJson("GET", `/console/api/activate/check?token=${token}`)).body.data.account_exists).toBe(true);
    const wrong = await callJson("POST", "/console/api/activate", { body: { token, password: "not-the-pass-1" } });
    expect(wrong.status).toBe(401);
    const right = await callJson("POST", "/console/api/activate", { body: { token, password: PASSWORD } });
    expect(right.status).toBe(200);
    const list = await callJson("GET", "/console/api/workspaces", { token: right.body.data.access_token });
    expect(list.body.workspaces.map((w: any) => w.id)).toEqual(expect.arrayContaining([existing.workspaceId, owner2.body.id]));
    await callJson("POST", "/console/api/workspaces/switch", {
      token: existing.ownerToken,
      body: { tenant_id: existing.workspaceId },
    });
  });

  it("refuses to invite someone who is already a member", async () => {
    const existing = await member("normal");
    const inv = await callJson("POST", "/console/api/workspaces/current/members/invite-email", {
      token: existing.ownerToken,
      body: { emails: [existing.email], role: "editor" },
    });
    expect(inv.body.invitation_results[0]).toMatchObject({ status: "failed", email: existing.email });
  });
});

describe("members and workspaces", () => {
  it("lets an admin change roles and remove members, but never the owner or themselves", async () => {
    const admin = await member("admin");
    const target = await member("normal");
    const members = await callJson("GET", "/console/api/workspaces/current/members", { token: admin.token });
    const targetRow = members.body.accounts.find((m: any) => m.email === target.email);
    const ownerRow = members.body.accounts.find((m: any) => m.role === "owner");
    const adminRow = members.body.accounts.find((m: any) => m.email === admin.email);

    const promote = await callJson("PUT", `/console/api/workspaces/current/members/${targetRow.id}/update-role`, {
      token: admin.token,
      body: { role: "editor" },
    });
    expect(promote.status).toBe(200);
    expect((await callJson("GET", "/console/api/workspaces/current", { token: target.token })).body.role).toBe("editor");

    const demoteOwner = await callJson("PUT", `/console/api/workspaces/current/members/${ownerRow.id}/update-role`, {
      token: admin.token,
      body: { role: "normal" },
    });
    expect(demoteOwner.status).toBe(403);
    const self = await callJson("PUT", `/console/api/workspaces/current/members/${adminRow.id}/update-role`, {
      token: admin.token,
      body: { role: "owner" },
    });
    expect(self.status).toBe(400);

    const removed = await callJson("DELETE", `/console/api/workspaces/current/members/${targetRow.id}`, { token: admin.token });
    expect(removed.status).toBe(200);
    // The removed member's session no longer reaches the workspace.
    const after = await callJson("GET", "/console/api/workspaces/current", { token: target.token });
    expect(after.status).toBe(403);
  });

  it("switches only to workspaces the account belongs to", async () => {
    const m = await member("normal");
    const own = await callJson("POST", "/console/api/workspaces", { token: m.token, body: { name: "Mine" } });
    expect(own.status).toBe(201);
    expect(own.body.role).toBe("owner");
    const sw = await callJson("POST", "/console/api/workspaces/switch", { token: m.token, body: { tenant_id: own.body.id } });
    expect(sw.status).toBe(200);
    expect((await callJson("GET", "/console/api/workspaces/current", { token: m.token })).body.id).toBe(own.body.id);
    const other = await member("normal");
    const stranger = await callJson("POST", "/console/api/workspaces/switch", {
      token: other.token,
      body: { tenant_id: own.body.id },
    });
    expect(stranger.status).toBe(404);
  });
});

describe("secrets at rest", () => {
  it("stores password hashes, and session and invitation token hashes, never the secrets", async () => {
    const { email, token } = await member();
    const account = await env.DB.prepare("SELECT * FROM accounts WHERE email = ?").bind(email).first<any>();
    expect(JSON.stringify(account)).not.toContain(PASSWORD);
    const sessionRows = await env.DB.prepare("SELECT * FROM sessions").all();
    expect(JSON.stringify(sessionRows.results)).not.toContain(token);
  });
});
