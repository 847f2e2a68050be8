import { type Role, roleLabel } from "../lib/roles";
import { Badge, type BadgeTone } from "./ui/badge";

const TONES: Record<Role, BadgeTone> = {
  owner: "brand",
  admin: "violet",
  editor: "blue",
  normal: "neutral",
  dataset_operator: "green",
};

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={TONES[role as Role] ?? "neutral"}>{roleLabel(role)}</Badge>;
}
