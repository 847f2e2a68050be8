import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { MonitorIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { describeUserAgent, formatDateTime, formatRelative } from "../../../lib/format";
import { useSessions } from "../api/get-sessions";
import { useRevokeOtherSessions, useRevokeSession } from "../api/revoke-sessions";

export function SessionsCard() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const toast = useToast();
  const [confirmAll, setConfirmAll] = useState(false);
  const [revokingId, setRevokingId] = useState<string | null>(null);

  const others = sessions.data?.filter((s) => !s.current) ?? [];

  return (
    <Card>
      <CardHeader
        title="Active sessions"
        description="Devices signed in to your account. Revoke any you don't recognise."
        actions={
          others.length > 0 && (
            <Button size="sm" variant="danger-ghost" onClick={() => setConfirmAll(true)}>
              Sign out everywhere else
            </Button>
          )
        }
      />
      {sessions.isPending ? (
        <LoadingState label="Loading sessions…" />
      ) : sessions.isError ? (
        <div className="p-5">
          <Alert tone="error" title="Couldn't load sessions">
            {errorMessage(sessions.error)}
          </Alert>
        </div>
      ) : sessions.data.length === 0 ? (
        <EmptyState compact icon={<MonitorIcon className="size-5" />} title="No active sessions" />
      ) : (
        <ul className="divide-y divide-zinc-100">
          {sessions.data.map((s) => (
            <li key={s.id} className="flex items-center gap-4 px-5 py-3.5" data-testid="session-row">
              <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-zinc-500">
                <MonitorIcon />
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2 text-[13px] font-medium text-zinc-900">
                  {describeUserAgent(s.user_agent)}
                  {s.current && (
                    <Badge tone="green" dot>
                      This device
                    </Badge>
                  )}
                </p>
                <p className="mt-0.5 truncate text-xs text-zinc-500" title={s.user_agent ?? undefined}>
                  {s.ip ?? "Unknown IP"} · Signed in {formatDateTime(s.created_at)} · Active{" "}
                  {formatRelative(s.last_seen_at ?? s.created_at)}
                </p>
              </div>
              {!s.current && (
                <Button
                  size="sm"
                  loading={revoke.isPending && revokingId === s.id}
                  disabled={revokeOthers.isPending}
                  onClick={() => {
                    setRevokingId(s.id);
                    revoke.mutate(s.id, {
                      onSuccess: () => toast({ tone: "success", title: "Session revoked" }),
                      onError: (err) =>
                        toast({ tone: "error", title: "Couldn't revoke the session", description: errorMessage(err) }),
                    });
                  }}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirmAll}
        onClose={() => {
          setConfirmAll(false);
          revokeOthers.reset();
        }}
        title="Sign out everywhere else?"
        description={
          revokeOthers.progress
            ? `Signing out ${revokeOthers.progress.done} of ${revokeOthers.progress.total} sessions…`
            : `${others.length} other ${others.length === 1 ? "session" : "sessions"} will be signed out. This device stays signed in.`
        }
        confirmLabel="Sign out others"
        pending={revokeOthers.isPending}
        error={revokeOthers.error}
        onConfirm={() =>
          revokeOthers.mutate(
            others.map((s) => s.id),
            {
              onSuccess: () => {
                setConfirmAll(false);
                toast({ tone: "success", title: "Signed out of all other sessions" });
              },
            },
          )
        }
      />
    </Card>
  );
}
