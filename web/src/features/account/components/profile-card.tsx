import { Avatar } from "../../../components/ui/avatar";
import { Card, CardBody, CardHeader } from "../../../components/ui/card";
import type { Profile } from "../../../hooks/use-profile";
import { formatDate, formatDateTime } from "../../../lib/format";

export function ProfileCard({ profile }: { profile: Profile }) {
  const rows: [string, string][] = [
    ["Email", profile.email],
    ["Language", profile.interface_language || "English"],
    ["Time zone", profile.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone],
    ["Member since", formatDate(profile.created_at)],
    ["Last sign-in", formatDateTime(profile.last_login_at)],
  ];
  return (
    <Card>
      <CardHeader title="Profile" />
      <CardBody className="flex flex-col gap-6 sm:flex-row sm:items-start">
        <div className="flex items-center gap-4 sm:w-64">
          <Avatar name={profile.name} seed={profile.id} size="lg" />
          <div className="min-w-0">
            <p className="truncate text-base font-semibold text-zinc-900">{profile.name}</p>
            <p className="truncate text-[13px] text-zinc-500">{profile.email}</p>
          </div>
        </div>
        <dl className="grid flex-1 grid-cols-1 gap-x-8 gap-y-3 text-[13px] sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-zinc-500">{label}</dt>
              <dd className="mt-0.5 truncate font-medium text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
