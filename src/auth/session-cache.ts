// A per-isolate cache of authenticated sessions, so a console read does not pay a D1 round trip
// (the dominant cost of a request) every time. Entries live at most SESSION_CACHE_TTL_MS (10 s):
// a revocation, role change or removal takes effect at once in the isolate that made it (it
// evicts here) and within the TTL in every other isolate.
import type { AuthenticatedSession } from "./sessions";

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  session: AuthenticatedSession;
  accessExpiresAt: number;
  cachedUntil: number;
}

const entries = new Map<string, Entry>();

export function getCachedSession(tokenHash: string, now: number): AuthenticatedSession | null {
  const e = entries.get(tokenHash);
  if (!e) return null;
  if (e.cachedUntil <= now || e.accessExpiresAt <= now) {
    entries.delete(tokenHash);
    return null;
  }
  return e.session;
}

export function cacheSession(tokenHash: string, session: AuthenticatedSession, accessExpiresAt: number, now: number) {
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(tokenHash, { session, accessExpiresAt, cachedUntil: now + TTL_MS });
}

/** Evicts every cached session of an account, or one session. */
export function forgetSessions(match: { accountId?: string; sessionId?: string }) {
  for (const [hash, e] of entries) {
    if (
      (match.accountId && e.session.accountId === match.accountId) ||
      (match.sessionId && e.session.sessionId === match.sessionId)
    ) {
      entries.delete(hash);
    }
  }
}
