// Test helpers for driving the Worker's console API in workerd: set up the platform, sign in,
// make extra workspaces and members with a given role.
import { exports } from "cloudflare:workers";

export const BASE = "http://kiln.test";

export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string; formBody?: FormData } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.formBody) {
    body = options.formBody;
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers["content-type"] ??= "application/json";
  } else if (options.body !== undefined && method !== "GET" && method !== "HEAD") {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  return exports.default.fetch(new Request(`${BASE}${path}`, { method, headers, body }));
}

export async function callJson<T = any>(
  method: string,
  path: string,
  options: Parameters<typeof call>[2] = {},
): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(method, path, options);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
}

let counter = 0;
export const uniqueEmail = (tag = "user") => `${tag}-${Date.now().toString(36)}-${++counter}@example.com`;
export const PASSWORD = "correct-horse-1";

export async function login(email: string, password = PASSWORD): Promise<string> {
  const { status, body } = await callJson("POST", "/console/api/login", { body: { email, password } });
  if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
  return body.data.access_token;
}

/** Runs first-run setup if needed and returns the owner's token. */
export async function ensureOwner(): Promise<{ token: string; email: string }> {
  const email = "owner@example.com";
  const status = await callJson("GET", "/console/api/setup");
  if (status.body.step === "not_started") {
    const r = await callJson("POST", "/console/api/setup", { body: { email, name: "Owner", password: PASSWORD } });
    if (r.status !== 201) throw new Error(`setup failed: ${JSON.stringify(r.body)}`);
  }
  return { token: await login(email), email };
}

/** A fresh account that owns a fresh workspace (created through the API). */
export async function newWorkspaceOwner(): Promise<{ token: string; email: string; workspaceId: string }> {
  const owner = await ensureOwner();
  const email = uniqueEmail("owner");
  const ws = await callJson("POST", "/console/api/workspaces", { token: owner.token, body: { name: `WS ${email}` } });
  // Hand the new workspace to a new account by invitation as admin, then the platform owner
  // leaves it out of the picture by using the new account's own created workspace.
  const token = await joinByInvite(owner.token, ws.body.id, email, "admin");
  const own = await callJson("POST", "/console/api/workspaces", { token, body: { name: `Own ${email}` } });
  await callJson("POST", "/console/api/workspaces/switch", { token, body: { tenant_id: own.body.id } });
  return { token, email, workspaceId: own.body.id };
}

/** Invites `email` into `workspaceId` (as seen by `adminToken`) with `role`, accepts, returns a token. */
export async function joinByInvite(adminToken: string, workspaceId: string, email: string, role: string): Promise<string> {
  await callJson("POST", "/console/api/workspaces/switch", { token: adminToken, body: { tenant_id: workspaceId } });
  const inv = await callJson("POST", "/console/api/workspaces/current/members/invite-email", {
    token: adminToken,
    body: { emails: [email], role },
  });
  const url = inv.body.invitation_results?.[0]?.url;
  if (!url) throw new Error(`invite failed: ${JSON.stringify(inv.body)}`);
  const inviteToken = new URL(url).searchParams.get("token")!;
  const act = await callJson("POST", "/console/api/activate", {
    body: { token: inviteToken, name: email.split("@")[0].slice(0, 30), password: PASSWORD },
  });
  if (act.status !== 200) throw new Error(`activate failed: ${JSON.stringify(act.body)}`);
  return act.body.data.access_token;
}
