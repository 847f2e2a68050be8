// The per-request context, built once by middleware and passed explicitly to every service:
// storage, bindings, config, clock, ids and logger; and, once authenticated, the caller's
// workspace and role. Services never read the request or a global env.
import { createDb, type Db } from "./db/client";
import type { Role } from "./db/workspaces";
import { type Bindings, type Config, loadConfig } from "./env";
import { localVectorIndex, type VectorIndex, vectorizeIndex } from "./knowledge/vector-index";
import { newId } from "./lib/ids";

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface Ctx {
  env: Bindings;
  config: Config;
  db: Db;
  /** Vectorize when bound, else the D1-backed local index with the same API. */
  vectors: VectorIndex;
  now: () => number;
  newId: () => string;
  log: Logger;
  requestId: string;
  waitUntil: (promise: Promise<unknown>) => void;
}

export interface Actor {
  accountId: string;
  email: string;
  name: string;
}

/** A context acting inside one workspace: a console member's, or an API key's / end user's. */
export interface TenantCtx extends Ctx {
  workspace: { id: string; role?: Role };
}

/** A context whose caller is a signed-in member of `workspace`. */
export interface WorkspaceCtx extends TenantCtx {
  actor: Actor;
  workspace: { id: string; role: Role };
}

export function forTenant(ctx: Ctx, workspaceId: string): TenantCtx {
  return { ...ctx, workspace: { id: workspaceId } };
}

function createLogger(requestId: string): Logger {
  const write = (level: string, msg: string, data?: Record<string, unknown>) =>
    console.log(JSON.stringify({ level, msg, requestId, ...data }));
  return {
    info: (m, d) => write("info", m, d),
    warn: (m, d) => write("warn", m, d),
    error: (m, d) => write("error", m, d),
  };
}

const dbCache = new WeakMap<D1Database, Db>();
const vectorCache = new WeakMap<object, VectorIndex>();

function vectorIndexOf(env: Bindings, db: Db): VectorIndex {
  const key = env.VECTORS ?? db;
  let index = vectorCache.get(key);
  if (!index) {
    index = env.VECTORS ? vectorizeIndex(env.VECTORS) : localVectorIndex(db);
    vectorCache.set(key, index);
  }
  return index;
}

export function createCtx(
  env: Bindings,
  options: { requestId?: string; waitUntil?: (p: Promise<unknown>) => void } = {},
): Ctx {
  const requestId = options.requestId ?? newId();
  let db = dbCache.get(env.DB);
  if (!db) {
    db = createDb(env.DB);
    dbCache.set(env.DB, db);
  }
  return {
    env,
    config: loadConfig(env),
    db,
    vectors: vectorIndexOf(env, db),
    now: () => Date.now(),
    newId: () => newId(),
    log: createLogger(requestId),
    requestId,
    waitUntil: options.waitUntil ?? ((p) => void p.catch(() => {})),
  };
}

export function withWorkspace(ctx: Ctx, actor: Actor, workspace: { id: string; role: Role }): WorkspaceCtx {
  return { ...ctx, actor, workspace };
}
