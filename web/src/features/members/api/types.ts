import type { AssignableRole, Role } from "../../../lib/roles";

export interface Member {
  /** The account id. */
  id: string;
  name: string;
  email: string;
  role: Role;
  status: string;
  last_login_at: number | null;
  last_active_at: number | null;
  created_at: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expires_at: number;
  created_at: number;
}

export interface InvitationResult {
  status: "success" | "failed";
  email: string;
  url?: string;
  message?: string;
}

export interface InviteInput {
  emails: string[];
  role: AssignableRole;
}
