// Whole-page states of a public WebApp: loading, and an app that can't be opened (unknown link,
// turned off, not published, offline), said in words with a way to try again.
import { Button } from "../../../components/ui/button";
import { AlertIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { WebAppError, webappErrorMessage } from "../api/client";

export function PageLoading() {
  return (
    <div className="flex h-dvh items-center justify-center gap-2 text-zinc-500" role="status">
      <Spinner /> Opening the app…
    </div>
  );
}

function titleFor(error: unknown): string {
  if (error instanceof WebAppError) {
    if (error.status === 0) return "You're offline";
    if (error.status === 404) return "App not found";
    if (error.status === 403 || error.code === "app_unavailable") return "This app isn't available";
    if (error.status === 429) return "Slow down a little";
  }
  return "The app couldn't be opened";
}

export function PageError({ error }: { error: unknown }) {
  return (
    <div className="flex h-dvh items-center justify-center px-6">
      <div className="w-full max-w-sm text-center" role="alert">
        <span className="mx-auto flex size-12 items-center justify-center rounded-2xl bg-red-50">
          <AlertIcon className="size-6 text-red-500" />
        </span>
        <h1 className="mt-4 text-lg font-semibold text-zinc-900">{titleFor(error)}</h1>
        <p className="mt-1.5 text-sm leading-relaxed text-zinc-600">{webappErrorMessage(error)}</p>
        <Button className="mt-5" onClick={() => window.location.reload()}>
          Try again
        </Button>
      </div>
    </div>
  );
}
