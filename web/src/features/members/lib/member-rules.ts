// Which member controls the signed-in account may use. The server has the final word; this only
// keeps unusable controls off the screen.
import { canManageWorkspace, type Role } from "../../../lib/roles";
import type { Member } from "../api/types";

export interface Actor {
  accountId: string;
  role: Role;
}

/** Owners and admins manage other members, but nobody changes the owner or themselves here. */
export function canManageMember(actor: Actor, member: Member): boolean {
  return canManageWorkspace(actor.role) && member.role !== "owner" && member.id !== actor.accountId;
}

/** Splits what was typed into addresses and names the ones that are not valid. */
export function parseEmails(text: string): { emails: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const unique = [...new Set(parts.map((p) => p.toLowerCase()))];
  const valid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  return { emails: unique.filter((e) => valid.test(e)), invalid: unique.filter((e) => !valid.test(e)) };
}

/** Invite links may come back relative; a link is only useful to copy when it is absolute. */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}
