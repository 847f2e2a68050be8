// Workspace roles as the console API names them, with the words and colours the dashboard uses.
// The server enforces permissions; the dashboard only hides what a role cannot use.

export const ROLES = ["owner", "admin", "editor", "normal", "dataset_operator"] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invitation or a role change may grant (ownership is never handed out here). */
export const ASSIGNABLE_ROLES = ["admin", "editor", "normal", "dataset_operator"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  normal: "Member",
  dataset_operator: "Knowledge operator",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Full control, including the workspace itself.",
  admin: "Manages members, settings and model providers.",
  editor: "Builds and edits apps and knowledge.",
  normal: "Uses the apps in the workspace.",
  dataset_operator: "Manages knowledge bases only.",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/** Members, workspace settings and model providers are managed by owners and admins. */
export function canManageWorkspace(role: string | undefined): boolean {
  return role === "owner" || role === "admin";
}
