// Route guards: the whole app waits for the setup check, and the workspace pages need a session.
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router-dom";
import { Alert } from "../components/ui/alert";
import { Button } from "../components/ui/button";
import { KilnLogo } from "../components/ui/icons";
import { Spinner } from "../components/ui/spinner";
import { useProfile } from "../hooks/use-profile";
import { useSetupStatus } from "../hooks/use-setup-status";
import { errorMessage, isApiError } from "../lib/api";

function FullPage({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col items-center justify-center gap-6 px-6">
      <KilnLogo className="size-10" />
      <div className="w-full max-w-md">{children}</div>
    </div>
  );
}

export function FullPageLoading({ label }: { label: string }) {
  return (
    <FullPage>
      <div className="flex items-center justify-center gap-2 text-zinc-500" role="status">
        <Spinner /> {label}
      </div>
    </FullPage>
  );
}

function FullPageError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <FullPage>
      <Alert
        tone="error"
        title={title}
        action={
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        }
      >
        {errorMessage(error)}
      </Alert>
    </FullPage>
  );
}

/** Sends everyone to /setup until the owner exists (the setup page itself closes once it does). */
export function SetupGate() {
  const setup = useSetupStatus();
  const { pathname } = useLocation();

  if (setup.isPending) return <FullPageLoading label="Starting Kiln…" />;
  if (setup.isError)
    return <FullPageError title="Can't reach Kiln" error={setup.error} onRetry={() => setup.refetch()} />;

  if (setup.data.step === "not_started" && pathname !== "/setup") return <Navigate to="/setup" replace />;
  return <Outlet />;
}

/** Renders the signed-in app once the profile loads; without a session, goes to /signin. */
export function SessionGate({ children }: { children: ReactNode }) {
  const profile = useProfile();
  const location = useLocation();

  if (profile.isPending) return <FullPageLoading label="Loading your workspace…" />;
  if (profile.isError) {
    if (isApiError(profile.error) && profile.error.status === 401) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
    }
    return <FullPageError title="Couldn't load your account" error={profile.error} onRetry={() => profile.refetch()} />;
  }
  return <>{children}</>;
}
