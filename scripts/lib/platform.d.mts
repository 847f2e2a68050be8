export declare const ROOT: string;
export declare const DEFAULT_ADMIN: { email: string; password: string; name: string };
export declare function readVars(file: string): Record<string, string>;
export declare function applyMigrations(persistDir: string): void;
/** process.env for a wrangler child process: runs the pinned newer workerd (see platform.mjs). */
export declare function wranglerEnv(): NodeJS.ProcessEnv;
export declare function seedOwner(url: string, admin: { email: string; password: string; name: string }): Promise<{ created: boolean }>;
export interface Platform {
  url: string;
  stop: () => Promise<void>;
  admin: { email: string; password: string; name: string };
  health: unknown;
  seeded: { created: boolean };
  child: import("node:child_process").ChildProcess;
}
export declare function startPlatform(options?: {
  port?: number;
  persistDir?: string;
  seed?: boolean;
  vars?: Record<string, string>;
  admin?: { email: string; password: string; name: string };
  config?: string;
  quiet?: boolean;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<Platform>;
export declare function seedDemoApp(
  url: string,
  admin: { email: string; password: string },
): Promise<{ id: string; webappUrl: string; apiKey: string | null } | null>;
