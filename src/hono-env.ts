// The Hono environment: bindings plus the typed variables the middleware sets.
import type { AuthenticatedSession } from "./auth/sessions";
import type { AppRow } from "./apps/apps";
import type { ModelConfig } from "./apps/model-config";
import type { Ctx, TenantCtx, WorkspaceCtx } from "./context";
import type { Bindings } from "./env";

export interface HonoEnv {
  Bindings: Bindings;
  Variables: {
    /** Set for every request by the context middleware. */
    ctx: Ctx;
    /** Set by requireSession. */
    session: AuthenticatedSession;
    /** Set by requireSession when the route needs a workspace. */
    wctx: WorkspaceCtx;
    /** Set by requireAppKey: the app behind the key, its published config, a tenant context. */
    service: { keyId: string; app: AppRow; config: ModelConfig; version: number; tctx: TenantCtx };
    /** How the caller authenticated (cookies need a CSRF header on writes). */
    authVia: "bearer" | "cookie";
  };
}
