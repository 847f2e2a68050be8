// What each workspace role may do, as in Dify: owner > admin > editor > normal; dataset_operator
// manages knowledge only. Console routes name the permission they need; `can` decides.
import type { Role } from "../db/workspaces";
import { Forbidden } from "../lib/errors";

export const PERMISSIONS = {
  /** Any member of the workspace. */
  member: ["owner", "admin", "editor", "normal", "dataset_operator"],
  /** Build and edit apps. */
  app_edit: ["owner", "admin", "editor"],
  /** Build and edit knowledge bases. */
  dataset_edit: ["owner", "admin", "editor", "dataset_operator"],
  /** Manage members, workspace settings, model providers and keys. */
  admin: ["owner", "admin"],
  owner: ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw Forbidden();
}
